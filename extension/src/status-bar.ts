import {
  DiagnosticSeverity,
  StatusBarAlignment,
  type StatusBarItem,
  type TextDocument,
  window,
} from 'vscode';
import type { PlanStore } from './plan-store.js';
import type { ServerSession } from './server-session.js';
import { statusView } from './status-text.js';

/** The status bar item of the active rollout file: verdict from the server's diagnostics, duration from its plan. */
export function createStatusBar(): StatusBarItem {
  const item = window.createStatusBarItem('shiftwise.status', StatusBarAlignment.Left, 50);
  item.name = 'Shiftwise';
  item.command = 'shiftwise.previewSchedule';
  return item;
}

/** Shows `item` for `document`, or hides it when the active editor holds no rollout file. */
export async function updateStatusBar(
  item: StatusBarItem,
  document: TextDocument | undefined,
  deps: { session: ServerSession; plans: PlanStore; isCurrent(document: TextDocument): boolean },
): Promise<void> {
  if (!document) {
    item.hide();
    return;
  }
  const result = await deps.plans.get(document);
  // The user may have switched files while the server planned; that file's update wins.
  if (!deps.isCurrent(document)) return;
  const { errors, warnings } = problemCounts(deps.session, document);
  const view = statusView(errors, warnings, result?.plan);
  item.text = view.text;
  item.tooltip = view.tooltip;
  item.show();
}

/** Errors and warnings the Shiftwise server reported for `document` (other extensions' diagnostics not counted). */
export function problemCounts(
  session: ServerSession,
  document: TextDocument,
): { errors: number; warnings: number } {
  const diagnostics = session.current?.diagnostics?.get(document.uri) ?? [];
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
  const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
  return { errors, warnings };
}
