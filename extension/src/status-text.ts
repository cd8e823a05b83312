import type { Plan } from '@shiftwise/core';
import { count, formatDuration } from './format.js';

/** What the status bar item says for the active rollout file. */
export interface StatusView {
  /** With codicons: `$(error) 1 error · 20 min`. */
  readonly text: string;
  readonly tooltip: string;
}

/**
 * The verdict (errors first, then warnings, else valid) and, when the file plans, its duration after provisioning.
 * Examples: `$(pass) Shiftwise · 20 min`, `$(error) 1 error · 20 min`, `$(warning) 2 warnings`.
 */
export function statusView(errors: number, warnings: number, plan: Plan | undefined): StatusView {
  const verdict =
    errors > 0
      ? `$(error) ${count(errors, 'error')}`
      : warnings > 0
        ? `$(warning) ${count(warnings, 'warning')}`
        : '$(pass) Shiftwise';
  const duration = plan ? ` · ${formatDuration(plan.totalSeconds)}` : '';
  const schedule = plan
    ? `${count(plan.steps.length, 'step')} · ${formatDuration(plan.totalSeconds)} · peak ${plan.peakInstances} ${plan.provider === 'vertex-ai' ? 'replicas' : 'instances'}`
    : 'No schedule yet';
  const problems = `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  return {
    text: verdict + duration,
    tooltip: `Shiftwise: ${problems}. ${schedule}. Click to preview the schedule.`,
  };
}
