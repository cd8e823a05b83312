import { humanDuration } from '../plan/human-duration.js';
import type { PlannedCall, PlannedCheck, PlanStep } from '../plan/types.js';

/**
 * The words of a Shiftwise-run plan that text and markdown share: what a step waits for, when a request is sent,
 * and what a check reads. The renderers lay them out; nothing here escapes (callers do, for markdown).
 *
 *   gate step → 'gate: waits for shiftwise promote';  call at step 2 → 'step 2';  dry-run check → '… (dry run)'
 */
export function gateWords(step: PlanStep): string | undefined {
  if (step.bake === 'gate') return 'gate: waits for shiftwise promote';
  if (step.bake === 'pause')
    return `pause ${humanDuration(step.bakeSeconds)}${lastMetricsWords(step.lastMetricsSeconds)}, then on by itself`;
  return undefined;
}

/**
 * The wait for a step's last metrics (its `lastMetricsSeconds`), after its bake's words, or nothing: every face
 * that words a bake says the wait so.
 *
 *   180 → ' + up to 3 min for the last metrics';  undefined or 0 → ''
 */
export function lastMetricsWords(seconds: number | undefined): string {
  return seconds ? ` + up to ${humanDuration(seconds)} for the last metrics` : '';
}

export function callWhen(call: PlannedCall): string {
  return call.when === 'step' ? `step ${call.step}` : call.when;
}

/**
 * What a check reads, when it breaches, and when a period is judged.
 *
 *   'Sum of Invocation5XXErrors (the new model) per 1 min; breach above 0; no data is no breach; each period judged 2 min after it ends'
 */
export function checkWords(check: PlannedCheck): string {
  const limit = check.failureLimit > 1 ? `, ${check.failureLimit} in a row roll back` : '';
  const missing = check.missingData === 'breach' ? '; no data is a breach' : '; no data is no breach';
  const judged =
    check.lagSeconds > 0
      ? `; each period judged ${humanDuration(check.lagSeconds)} after it ends`
      : '; each period judged as it ends';
  return `${check.reads}; breach ${check.breach}${limit}${missing}${judged}${check.dryRun ? ' (dry run: reported, never rolls back)' : ''}`;
}
