import type { AnalysisCheck } from '../../model.js';

/** One period of a check in a step: its value, or none (no data), and whether it breached. */
export interface PeriodVerdict {
  /** Start of the period (epoch ms, the service's clock). */
  readonly at: number;
  readonly value?: number;
  readonly breach: boolean;
}

/**
 * What a check saw in one step so far, for reports, and whether it rolls the rollout back. `periods` holds the
 * settled periods only: one whose data may still be arriving is in none of these lists and counts.
 */
export interface CheckVerdict {
  readonly name: string;
  /** The step whose window was judged; 0 for a Vertex AI rolling deployment, judged as a whole. */
  readonly step: number;
  readonly periods: readonly PeriodVerdict[];
  /** Breaching periods in the window. */
  readonly breaches: number;
  /** Breaching periods in a row at the end of the window. */
  readonly breachesInARow: number;
  /** `failureLimit` breaches in a row, and not a dry run. */
  readonly rollsBack: boolean;
  readonly dryRun: boolean;
  /** Settled periods with no value. */
  readonly missing: number;
}

/** Most periods judged at one look: a day of 1-minute periods, GetMetricData's answer for one query. */
const maxPeriods = 1440;

/** What `judge` reads a check over: a step's window, the time of the look, and how late the metrics settle. */
export interface JudgedWindow {
  /** When the step (or the watch) began (epoch ms, the service's clock). */
  readonly start: number;
  /** The service's clock at this look. */
  readonly now: number;
  /** When the step's bake ends: periods that start at or after it are the next step's, not judged here. */
  readonly end?: number;
  /** Seconds after a period ends before its value is complete (`metricLagSeconds`). */
  readonly lagSeconds: number;
}

/**
 * Judges a check over the settled periods of one step's window (its newest 1,440 when there are more), from
 * GetMetricData's answer (timestamps and values, any order). The window's periods are aligned to the check's
 * period, from the one holding `start` to the last that starts before `end`. A period is judged once it has
 * settled: ended at least `lagSeconds` before `now`, so that a value the service publishes late has arrived. A
 * period not settled yet is neither a breach nor "no data": it is left out, to be judged at a later look. A
 * settled period with no value is a breach only when the check says `missingData: breach`. The check rolls back
 * when its last `failureLimit` periods all breached.
 *
 *   max 0, periods [0, 0, 3]         → breachesInARow 1 → rollsBack (failureLimit 1)
 *   max 1, failureLimit 2, [2, 0, 2] → 1 in a row → no rollback
 *   lag 120 s, now 1 min after the last period ended → that period is left out
 */
export function judge(
  check: AnalysisCheck,
  step: number,
  window: JudgedWindow,
  points: { readonly timestamps: readonly number[]; readonly values: readonly number[] },
): CheckVerdict {
  const period = check.periodSeconds * 1000;
  const byStart = new Map<number, number>();
  points.timestamps.forEach((t, i) => {
    const v = points.values[i];
    if (v !== undefined && Number.isFinite(v)) byStart.set(t, v);
  });
  const periods: PeriodVerdict[] = [];
  // Periods that end by `settled` have all their data.
  const settled = window.now - Math.max(0, window.lagSeconds) * 1000;
  const end = window.end ?? Number.POSITIVE_INFINITY;
  // The newest `maxPeriods` settled periods: on a long bake the latest ones, which say whether it breaches now.
  const first = Math.max(alignDown(window.start, period), alignDown(settled, period) - maxPeriods * period);
  for (let at = first; at + period <= settled && at < end; at += period) {
    const value = byStart.get(at);
    const breach =
      value === undefined
        ? check.missingData === 'breach'
        : (check.max !== undefined && value > check.max) || (check.min !== undefined && value < check.min);
    periods.push({ at, ...(value !== undefined && { value }), breach });
  }
  let inARow = 0;
  for (let i = periods.length - 1; i >= 0 && periods[i]!.breach; i--) inARow++;
  return {
    name: check.name,
    step,
    periods,
    breaches: periods.filter((p) => p.breach).length,
    breachesInARow: inARow,
    rollsBack: !check.dryRun && inARow >= check.failureLimit,
    dryRun: check.dryRun,
    missing: periods.filter((p) => p.value === undefined).length,
  };
}

/** The start of the period holding `t`: periods are aligned to multiples of their length since the epoch. */
export const alignDown = (t: number, period: number) => Math.floor(t / period) * period;

/** The end of the period holding the instant just before `t` (`t` itself when it is on a boundary). */
export const alignUp = (t: number, period: number) => Math.ceil(t / period) * period;

/**
 * When every period of a bake (or timed pause) ending at `ends` (epoch ms) has settled: the period holding its end
 * must end, then each check's lag pass. `ends` itself with no checks. The driver leaves the step then, and
 * `shiftwise status` says the step waits until then.
 *
 *   ends 10:05:30, a 1-minute check with a lag of 120 s → 10:08:00;  a 5-minute one too → 10:12:00
 */
export function settledAt(
  ends: number,
  checks: readonly { readonly periodSeconds: number; readonly lagSeconds: number }[],
): number {
  return Math.max(ends, ...checks.map((c) => alignUp(ends, c.periodSeconds * 1000) + c.lagSeconds * 1000));
}

/**
 * A verdict in words, for reports and rollback reasons.
 *
 *   new-5xx (step 1): 0, 0, 3 → breach 1 in a row (limit 1)
 *   error-rate (step 2, dry run): no data in 2 periods
 */
export function verdictWords(
  v: CheckVerdict,
  check: Pick<AnalysisCheck, 'failureLimit' | 'max' | 'min'>,
): string {
  const values = v.periods.map((p) => (p.value === undefined ? 'no data' : round(p.value))).join(', ');
  const bound = [
    ...(check.max !== undefined ? [`max ${check.max}`] : []),
    ...(check.min !== undefined ? [`min ${check.min}`] : []),
  ].join(', ');
  const head = `${v.name} (${verdictScope(v)}${v.dryRun ? ', dry run' : ''})`;
  if (v.periods.length === 0) return `${head}: no settled period yet`;
  const tail =
    v.breachesInARow > 0
      ? `breached ${v.breachesInARow} in a row (${bound}; rolls back at ${check.failureLimit})`
      : v.breaches > 0
        ? `breached in ${v.breaches} period${v.breaches === 1 ? '' : 's'}, none at the end (${bound})`
        : `within ${bound}`;
  const missing = v.missing > 0 ? `; no data in ${v.missing} period${v.missing === 1 ? '' : 's'}` : '';
  return `${head}: ${values} → ${tail}${missing}`;
}

const round = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * What a verdict's window covered, in words: `step 2` (in the plan's word for a step: `batch 2`, `wave 2`), or for
 * a check judged over the whole rollout (a Vertex AI rolling deployment's) `whole rollout`.
 */
export function verdictScope(v: Pick<CheckVerdict, 'step'>, noun = 'step'): string {
  return v.step > 0 ? `${noun} ${v.step}` : 'whole rollout';
}
