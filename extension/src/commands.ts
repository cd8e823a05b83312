import { commands, type Disposable, env, type TextDocument, type Uri, window, workspace } from 'vscode';
import type { PlanStore } from './plan-store.js';
import type { SchedulePreviews } from './preview-panel.js';
import { isRolloutDocument } from './rollout-files.js';

/**
 * "Shiftwise: Preview Rollout Schedule" and "Shiftwise: Copy Plan as Markdown". Both act on the file they are given
 * (editor title button, explorer) or else on the rollout file last active, so they also work from the preview tab.
 */
export function registerCommands(deps: {
  previews: SchedulePreviews;
  plans: PlanStore;
  lastRolloutDocument(): TextDocument | undefined;
}): Disposable[] {
  const target = async (uri?: Uri): Promise<TextDocument | undefined> => {
    const document = uri ? await workspace.openTextDocument(uri) : deps.lastRolloutDocument();
    if (isRolloutDocument(document)) return document;
    void window.showWarningMessage(
      'Shiftwise: open a *.rollout.yaml, *.rollout.yml or *.rollout.json file first.',
    );
    return undefined;
  };
  return [
    commands.registerCommand('shiftwise.previewSchedule', async (uri?: Uri) => {
      const document = await target(uri);
      if (document) await deps.previews.show(document);
    }),
    commands.registerCommand('shiftwise.copyPlanMarkdown', async (uri?: Uri) => {
      const document = await target(uri);
      if (!document) return;
      const result = await deps.plans.get(document);
      if (!result) {
        void window.showWarningMessage(
          'Shiftwise: the language server gave no plan for this file; see the Shiftwise output.',
        );
        return;
      }
      await env.clipboard.writeText(result.markdown);
      void window.showInformationMessage('Shiftwise: copied the plan as Markdown.');
    }),
  ];
}
