import { escapeMarkdown, type Plan, stepNoun } from '@shiftwise/core';
import type { DeployReport } from '@shiftwise/core/engine';

/**
 * The manual gate a paused run stopped at: the first gate after the last step this run saw (the gate repeats the
 * traffic of the step before it, so no observation shows it), or the plan's first gate when the run saw none.
 *
 *   steps 5%, 25%, gate, 50%, 100%; seen 1 and 2, paused → 3
 */
export function pausedGate(
  plan: Plan,
  report: Pick<DeployReport, 'steps'> & Partial<Pick<DeployReport, 'outcome'>>,
): number | undefined {
  if (report.outcome !== 'paused') return undefined;
  const lastSeen = Math.max(0, ...report.steps.map((s) => s.step));
  return plan.steps.find((s) => s.index > lastSeen && s.bake === 'gate')?.index;
}

/**
 * What a paused run tells an action user: where it waits, and the action's way on (docs/action.md, "Gates: promote
 * and abort"): the workflow's job with `mode: promote` for this file, or `mode: abort`. The engine's reason speaks
 * to a CLI user (`shiftwise promote`), who has a terminal; an action user has a workflow.
 *
 *   paused at step 3 of 5 (a manual gate). To continue, run the workflow's promote job (mode: promote, files:
 *   r/s.rollout.yaml); to roll back, run it with mode: abort
 */
export function pausedWords(
  path: string,
  plan: Plan,
  report: Pick<DeployReport, 'steps' | 'outcome'>,
): string {
  return paused(plan, report, { code: (text) => text, path });
}

/** `pausedWords` for the job summary: the inputs as code, the path (from the checkout) escaped. */
export function pausedMarkdown(
  path: string,
  plan: Plan,
  report: Pick<DeployReport, 'steps' | 'outcome'>,
): string {
  return paused(plan, report, { code: (text) => `\`${text}\``, path: escapeMarkdown(path) });
}

function paused(
  plan: Plan,
  report: Pick<DeployReport, 'steps' | 'outcome'>,
  how: { code: (text: string) => string; path: string },
): string {
  const gate = pausedGate(plan, report);
  const where =
    gate === undefined
      ? 'paused at a manual gate'
      : `paused at ${stepNoun(plan)} ${gate} of ${plan.steps.length} (a manual gate)`;
  return (
    `${where}. To continue, run the workflow's promote job (${how.code('mode: promote')}, files: ${how.path}); ` +
    `to roll back, run it with ${how.code('mode: abort')} (docs/action.md, "Gates: promote and abort")`
  );
}
