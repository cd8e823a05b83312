import { StatusBarAlignment, type StatusBarItem, type TextDocument, window } from 'vscode';
import type { PlanStore } from './plan-store.js';
import type { ShowPlanResult } from './show-plan.js';

/** The codicon for each verdict of the server's status words. */
const icons: Record<ShowPlanResult['status']['verdict'], string> = {
  error: '$(error)',
  warning: '$(warning)',
  ok: '$(pass)',
};

/** The status bar item of the active rollout file. */
export function createStatusBar(): StatusBarItem {
  const item = window.createStatusBarItem('shiftwise.status', StatusBarAlignment.Left, 50);
  item.name = 'Shiftwise';
  item.command = 'shiftwise.previewSchedule';
  return item;
}

/**
 * Shows `item` for `document` with the server's words for it (`status` of `shiftwise.showPlan`: the verdict and the
 * plan's duration, the headline in the tooltip), or hides it when the active editor holds no rollout file.
 */
export async function updateStatusBar(
  item: StatusBarItem,
  document: TextDocument | undefined,
  deps: { plans: PlanStore; isCurrent(document: TextDocument): boolean },
): Promise<void> {
  if (!document) {
    item.hide();
    return;
  }
  const result = await deps.plans.get(document);
  // The user may have switched files while the server planned; that file's update wins.
  if (!deps.isCurrent(document)) return;
  if (result) {
    item.text = `${icons[result.status.verdict]} ${result.status.text}`;
    item.tooltip = result.status.tooltip;
  } else {
    item.text = '$(circle-slash) Shiftwise';
    item.tooltip = 'Shiftwise: the language server gave no answer for this file; see the Shiftwise output.';
  }
  item.show();
}
