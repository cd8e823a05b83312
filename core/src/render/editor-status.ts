import { planSummary, summaryParts } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';

/** A file's findings by severity, as the editor's Problems panel counts them. */
export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
}

/** What an editor's status bar says for the active rollout file; the editor adds its own icon for `verdict`. */
export interface EditorStatus {
  /** The worst finding: errors win over warnings. */
  readonly verdict: 'error' | 'warning' | 'ok';
  /** `1 error · 20 min`, `2 warnings`, `Shiftwise · 20 min`: the verdict and the plan's duration when it plans. */
  readonly text: string;
  /** `Shiftwise: 0 errors, 1 warning. 2 steps · 20 min · peak 8 instances. Click to preview the schedule.` */
  readonly tooltip: string;
}

/**
 * The status bar's words: the verdict, then the duration piece of the plan's headline (`summaryParts`); the
 * tooltip gives the counts and the whole headline.
 *
 *   1 error, canary of 20 min    → { verdict: 'error', text: '1 error · 20 min', … }
 *   no findings, Vertex AI waves → { verdict: 'ok', text: 'Shiftwise · about 20 min (estimate)', … }
 *   3 errors, no plan            → { verdict: 'error', text: '3 errors', tooltip: '… No plan until the errors are fixed. …' }
 */
export function editorStatus(problems: ProblemCounts, plan: Plan | undefined): EditorStatus {
  const { errors, warnings } = problems;
  const verdict = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'ok';
  const word =
    verdict === 'error'
      ? counted(errors, 'error')
      : verdict === 'warning'
        ? counted(warnings, 'warning')
        : 'Shiftwise';
  const duration = plan ? ` · ${summaryParts(plan).duration}` : '';
  const schedule = plan
    ? planSummary(plan)
    : errors > 0
      ? 'No plan until the errors are fixed'
      : 'No schedule yet';
  return {
    verdict,
    text: word + duration,
    tooltip: `Shiftwise: ${problemWords(problems)}. ${schedule}. Click to preview the schedule.`,
  };
}

/** `1 error, 2 warnings`. */
export function problemWords({ errors, warnings }: ProblemCounts): string {
  return `${counted(errors, 'error')}, ${counted(warnings, 'warning')}`;
}

/** `n` with its noun, singular for one: `1 error`, `0 warnings`. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
