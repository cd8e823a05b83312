import { type Disposable, languages, type TextDocument, window, workspace } from 'vscode';
import { isRolloutDocument } from './rollout-files.js';

/** Typing pauses this long before the status bar and preview ask for a new plan. */
const debounceMs = 300;

/**
 * Tracks the rollout file the user works on and calls `refresh` when it, its diagnostics or Shiftwise's settings
 * change. Focus moving to a non-editor (the preview, a panel) keeps the last rollout file current; opening another
 * kind of file clears it.
 */
export function watchRolloutFiles(handlers: {
  refresh(document: TextDocument | undefined): void;
  settingsChanged(): void;
}): { current(): TextDocument | undefined; subscriptions: Disposable[] } {
  let current = isRolloutDocument(window.activeTextEditor?.document)
    ? window.activeTextEditor?.document
    : undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  const later = (document: TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        handlers.refresh(document);
      }, debounceMs),
    );
  };
  const subscriptions = [
    window.onDidChangeActiveTextEditor((editor) => {
      if (!editor) return;
      current = isRolloutDocument(editor.document) ? editor.document : undefined;
      handlers.refresh(current);
    }),
    workspace.onDidChangeTextDocument((e) => {
      if (isRolloutDocument(e.document) && e.contentChanges.length > 0) later(e.document);
    }),
    languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const document = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (isRolloutDocument(document)) later(document);
      }
    }),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('shiftwise')) handlers.settingsChanged();
    }),
    {
      dispose: () => {
        for (const t of timers.values()) clearTimeout(t);
      },
    },
  ];
  return { current: () => current, subscriptions };
}
