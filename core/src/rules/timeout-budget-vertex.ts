import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import type { VertexRollout } from '../model.js';
import { metricLagSeconds } from '../plan/metric-lag.js';
import { plan } from '../plan/plan.js';
import { stepCount } from '../plan/summary.js';
import { vertexEstimateSeconds, vertexWaveEstimateSeconds } from '../plan/vertex-schedule.js';
import { durationValue, replaceFix, secondsWords, valueAt } from './helpers.js';
import type { RuleContext } from './rule.js';
import { scheduleOf } from './schedule-of.js';

/** Margin past the estimate: waves of a large model or a scarce accelerator take longer than the estimate says. */
export const estimateMargin = 600;

/** The longest a Vertex AI deployment may be watched (`timeout-range`). */
const maxTimeout = 28800;

/**
 * A Vertex AI rolling deployment: Shiftwise reverts it at `timeout`, so the plan's estimate of its waves
 * (`vertexWaveEstimateSeconds` each), plus the analysis checks' hold once it is done, plus 10 minutes, should fit.
 * Always a warning: the wave time is an estimate, not a bake. The fix raises the timeout to that sum, in whole
 * minutes, when it fits the 8-hour bound; beyond it, fewer and wider waves (a larger maxSurge) are the way.
 *
 *   capacity 12, maxSurge 1: 12 waves, about 3600 s; timeout 10m → warning (fix 1h10m); 1h10m → clean
 *
 * Capacity unknown: the wave count depends on it, so the warning names the example fleet the planner assumed and
 * asks for `capacity`, as the SageMaker check does.
 */
export function vertexBudget(rollout: VertexRollout, timeout: number, context: RuleContext): Diagnostic[] {
  const range = valueAt(context, 'timeout');
  if (range === undefined || rollout.strategy.type !== 'rolling') return [];
  // Out of 600–28800 s, `timeout-range` speaks (and its fix moves the value): one finding at a time.
  if (timeout < 600 || timeout > maxTimeout) return [];
  const planned = plan(scheduleOf(rollout), {
    ...(context.capacity !== undefined && { capacity: context.capacity }),
  });
  const waves = planned.steps.length;
  const estimate = vertexEstimateSeconds(waves);
  // The engine's hold: each check's period × (failureLimit + 1), plus its metric lag (core/src/engine/vertex/rolling-analysis.ts).
  const hold = Math.max(
    0,
    ...(rollout.analysis ?? []).map(
      (c) => c.periodSeconds * (c.failureLimit + 1) + metricLagSeconds(c, 'vertex-ai'),
    ),
  );
  const needed = estimate + hold;
  if (timeout >= needed + estimateMargin) return [];
  const wanted = Math.ceil((needed + estimateMargin) / 60) * 60;
  const fits = wanted <= maxTimeout;
  const fixes = fits ? replaceFix(context, 'timeout', durationValue(context, 'timeout', wanted)) : [];
  const raise = fits
    ? `make it at least ${secondsWords(wanted)}, or raise maxSurge for fewer, wider waves`
    : 'raise maxSurge for fewer, wider waves (the timeout cannot exceed 8 h)';
  const fleet = planned.capacityKnown
    ? ''
    : ` if the endpoint has ${planned.capacity} replicas (the file does not state 'capacity'; set it, or pass --capacity, to check exactly)`;
  const what =
    `${stepCount('wave', waves)} at about ${secondsWords(vertexWaveEstimateSeconds)} each (an estimate: larger ` +
    `models and scarce accelerators take longer)${hold > 0 ? `, then ${secondsWords(hold)} while the analysis checks judge the deployed model` : ''}`;
  const message =
    timeout < needed
      ? `'timeout' is ${secondsWords(timeout)} but the plan estimates ${secondsWords(needed)}${fleet}: ${what}; ` +
        `Shiftwise would revert the deployment at the timeout. Leave 10 minutes past the estimate: ${raise}`
      : `'timeout' ${margin(timeout - needed)} past the plan's estimate of ${secondsWords(needed)}${fleet}: ` +
        `${what}; leave at least 10 minutes, or Shiftwise may revert a deployment that is only slow: ${raise}`;
  return [{ ...report('timeout-budget', message, range, fixes), severity: 'warning' }];
}

/** What a timeout leaves past the estimate: "leaves nothing" when it is the estimate itself, else how much. */
function margin(seconds: number): string {
  return seconds === 0 ? 'leaves nothing' : `leaves ${secondsWords(seconds)}`;
}
