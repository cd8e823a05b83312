import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { type TextDocument, type Uri, ViewColumn, type WebviewPanel, window } from 'vscode';
import type { PlanStore } from './plan-store.js';
import { noAnswerBody, previewPage } from './preview-html.js';

/** The schedule previews, one webview panel per rollout file. */
export interface SchedulePreviews {
  /** Opens (or reveals) the preview of `document` beside its editor. */
  show(document: TextDocument): Promise<void>;
  /** Re-renders the preview of `document` if one is open; cheap when none is. */
  refresh(document: TextDocument): Promise<void>;
  dispose(): void;
}

/** The content comes from the server (`previewHtml` of `shiftwise.showPlan`); this file only places it. */
export function createSchedulePreviews(deps: { plans: PlanStore }): SchedulePreviews {
  const panels = new Map<string, WebviewPanel>();

  const render = async (panel: WebviewPanel, document: TextDocument) => {
    const result = await deps.plans.get(document);
    // A fresh nonce on every render: the CSP admits only this render's style block.
    panel.webview.html = previewPage({
      body: result?.previewHtml ?? noAnswerBody,
      nonce: randomBytes(16).toString('base64'),
    });
  };

  return {
    async show(document) {
      const key = document.uri.toString();
      const open = panels.get(key);
      if (open) {
        open.reveal(undefined, true);
        return render(open, document);
      }
      const panel = window.createWebviewPanel(
        'shiftwise.schedule',
        `Schedule: ${basename(document.uri.path)}`,
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        // No scripts and no local files: the view is static HTML with an inline SVG.
        { enableScripts: false, localResourceRoots: [] as Uri[], enableFindWidget: true },
      );
      panels.set(key, panel);
      panel.onDidDispose(() => panels.delete(key));
      await render(panel, document);
    },
    async refresh(document) {
      const panel = panels.get(document.uri.toString());
      if (panel) await render(panel, document);
    },
    dispose() {
      for (const panel of panels.values()) panel.dispose();
    },
  };
}
