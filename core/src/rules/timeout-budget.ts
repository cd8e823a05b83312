import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import type { RunStep, SageMakerRollout } from '../model.js';
import { lastMetricsSeconds, metricLagSeconds } from '../plan/metric-lag.js';
import { plan } from '../plan/plan.js';
import { type StepNoun, stepCount, stepNoun } from '../plan/summary.js';
import { durationValue, fleetWords, plural, replaceFix, secondsWords, valueAt } from './helpers.js';
import type { Rule, RuleContext } from './rule.js';
import { scheduleOf } from './schedule-of.js';
import { vertexBudget } from './timeout-budget-vertex.js';

/** Provisioning the new fleet needs time too: less margin than this left by the bakes is a warning. */
export const provisioningMargin = 600;

/** The longest MaximumExecutionTimeoutInSeconds SageMaker accepts. */
const maxTimeout = 28800;

/**
 * `timeout` must outlast every bake and the termination wait (the planner's `totalSeconds`), else SageMaker
 * rolls back before the last step ends: an error. Under 10 minutes left for provisioning is a warning.
 * The fix raises the timeout to the bakes plus 10 minutes, in whole minutes, when that fits the 8-hour bound.
 *
 *   linear 20% of 5, 5-minute bakes: total 1500 s; timeout 1500 s → error; 1800 s → warning; 2100 s → clean
 *
 * Capacity unknown (neither the file nor the caller gives it): linear and rolling step counts depend on it, so the
 * planner's example fleet only guesses the total. Then the error needs the bakes of the fewest steps any capacity
 * allows (`fewestStepsTotal`) to outlast the timeout; a timeout short only for the example fleet is a warning.
 *
 *   linear 25%, bake 1 h, terminationWait 1 h, timeout 5 h, capacity unknown: example fleet 10 → 5 steps, 5 h:
 *     warning (4 steps and 4 h on 8 instances)
 *
 * A Vertex AI rolling deployment has no bakes: its waves' estimate must fit, with a warning only
 * (`timeout-budget-vertex.ts`).
 */
export const timeoutBudget: Rule = (context) => {
  const { rollout } = context;
  const range = valueAt(context, 'timeout');
  if (rollout.timeoutSeconds === undefined || range === undefined) return [];
  if (rollout.strategy.type === 'steps')
    return stepsBudget(rollout.strategy.steps, rollout.timeoutSeconds, context);
  // A fleet beyond any Shiftwise plans for is capacity-range's to report, not one to total the bakes of.
  if (rollout.capacity !== undefined && context.capacity === undefined) return [];
  if (rollout.provider === 'vertex-ai') return vertexBudget(rollout, rollout.timeoutSeconds, context);
  const timeout = rollout.timeoutSeconds;
  const planned = plan(scheduleOf(rollout), {
    ...(context.capacity !== undefined && { capacity: context.capacity }),
  });
  const total = planned.totalSeconds;
  const margin = timeout - total;
  if (margin >= provisioningMargin) return [];
  // Out of 600–28800 s, `timeout-range` speaks; this rule adds only the error of a timeout the bakes outlast.
  if ((timeout < 600 || timeout > maxTimeout) && margin > 0) return [];
  const wanted = Math.ceil((total + provisioningMargin) / 60) * 60;
  const fixes =
    wanted <= maxTimeout ? replaceFix(context, 'timeout', durationValue(context, 'timeout', wanted)) : [];
  const shorten = wanted <= maxTimeout ? '' : ', or shorten the bakes (the timeout cannot exceed 8 h)';
  let atLeast = '';
  const fewest = planned.capacityKnown ? total : fewestStepsTotal(rollout, planned.capacity);
  if (fewest < total) {
    // Only the example fleet's step count is too many for this timeout: a guess, so a warning.
    if (timeout > fewest)
      return [
        guess(range, fixes, {
          timeout,
          total,
          capacity: planned.capacity,
          steps: planned.steps.length,
          noun: stepNoun(planned),
        }),
      ];
    atLeast = `at least ${secondsWords(fewest)} at any capacity`;
  }
  const { unit, field } = fleetWords(rollout);
  // An inference component has no terminationWait, and its update provisions copies, not a fleet.
  const component = rollout.target.kind === 'inferenceComponent';
  const bakes = component ? 'the bakes' : 'the bakes and terminationWait';
  const fresh = component ? 'copies' : 'fleet';
  const forFleet = atLeast
    ? ` (for ${plural(planned.capacity, unit)}; set '${field}' for the exact figure)`
    : '';
  const finding: Diagnostic =
    margin <= 0
      ? report(
          'timeout-budget',
          `'timeout' is ${secondsWords(timeout)} but ${bakes} alone take ${atLeast || secondsWords(total)}: ` +
            `SageMaker would roll back before the last ${stepNoun(planned)} ends. Make it at least ${secondsWords(wanted)}${forFleet}${shorten}`,
          range,
          fixes,
        )
      : {
          ...report(
            'timeout-budget',
            `'timeout' leaves ${secondsWords(margin)} after ${secondsWords(total)} of bakes to provision the new ` +
              `${fresh}; leave at least 10 minutes: ${secondsWords(wanted)}${shorten}`,
            range,
            fixes,
          ),
          severity: 'warning',
        };
  return [finding];
};

/**
 * The least the bakes can take at any capacity the size rules allow. A count must be at most half the fleet, so
 * it steps fewest on twice the count (two steps). A percent is valid on any fleet (the `rounding` rule only warns)
 * and a small fleet rounds it up to one instance, so the fewest steps are on a small fleet: every capacity up to
 * 100 is tried (from 2 for a canary, which needs two instances).
 *
 *   linear count 1, bake 30 min, terminationWait 1 h: 2 instances → 2 steps → 1 h 30 min
 *   linear 25%, bake 1 h, terminationWait 1 h: 1 instance → 1 step → 1 h (4 on 8 instances: 4 h; 10: 5 steps)
 */
export function fewestStepsTotal(rollout: SageMakerRollout, exampleCapacity: number): number {
  const strategy = rollout.strategy;
  const size =
    'size' in strategy
      ? strategy.size
      : 'step' in strategy
        ? strategy.step
        : 'batch' in strategy
          ? strategy.batch
          : undefined;
  const from = strategy.type === 'canary' ? 2 : 1;
  const candidates =
    size?.kind === 'count'
      ? [exampleCapacity, 2 * size.count]
      : [exampleCapacity, ...Array.from({ length: 101 - from }, (_, i) => from + i)];
  const schedule = scheduleOf(rollout);
  return Math.min(...candidates.map((capacity) => plan(schedule, { capacity }).totalSeconds));
}

/** The warning for a timeout the bakes outlast, or nearly, only on the example fleet the planner assumed. */
function guess(
  range: NonNullable<ReturnType<typeof valueAt>>,
  fixes: ReturnType<typeof replaceFix>,
  facts: { timeout: number; total: number; capacity: number; steps: number; noun: StepNoun },
): Diagnostic {
  const left =
    facts.timeout > facts.total
      ? `leaves only ${secondsWords(facts.timeout - facts.total)} to provision the new fleet`
      : 'is shorter than the bakes';
  return {
    ...report(
      'timeout-budget',
      `'timeout' ${left} if the endpoint has ${facts.capacity} instances (${stepCount(facts.noun, facts.steps)}, ` +
        `${secondsWords(facts.total)} of bakes); the ${facts.noun} count depends on the capacity, which the file does not ` +
        `state: set 'capacity' (or pass --capacity) to check it exactly, or leave at least 10 minutes of margin`,
      range,
      fixes,
    ),
    severity: 'warning',
  };
}

/**
 * Shiftwise-run steps: the timeout covers each stretch between manual gates (from the start or a promote to the
 * next gate or the end): its bakes and timed pauses must fit, with 10 minutes to spare for the endpoint updates.
 *
 * Each bake or timed pause the analysis checks judge goes on until its last periods have settled: at least the
 * longest lag, at most the longest period plus its lag (core/src/plan/metric-lag.ts). The error (a rollback for
 * sure) counts the least of that wait, the warning the most.
 *
 *   bakes 10m + 30m | gate | 30m + 10m, timeout 4h → clean;  timeout 45m → warning (5 min to spare)
 *   bake 30m with a 5-minute check (lag 2 min): an error below 32 min, a warning below 47 min
 */
function stepsBudget(steps: readonly RunStep[], timeout: number, context: RuleContext): Diagnostic[] {
  const range = valueAt(context, 'timeout');
  if (range === undefined) return [];
  const most = lastMetricsSeconds(context.rollout);
  const least = Math.max(
    0,
    ...(context.rollout.analysis ?? []).map((c) => metricLagSeconds(c, context.rollout.provider)),
  );
  const stretch = (tail: number) => {
    const stretches = [0];
    for (const step of steps) {
      if (step.kind === 'pause' && step.seconds === undefined) stretches.push(0);
      else {
        const wait = step.kind === 'traffic' ? step.bakeSeconds : (step.seconds ?? 0);
        stretches[stretches.length - 1]! += wait > 0 ? wait + tail : 0;
      }
    }
    return { longest: Math.max(...stretches), gates: stretches.length > 1 };
  };
  const sure = stretch(least);
  const { longest, gates } = stretch(most);
  const margin = timeout - longest;
  if (margin >= provisioningMargin) return [];
  const wanted = Math.ceil((longest + provisioningMargin) / 60) * 60;
  const waits = (tail: number, up: string) =>
    tail > 0 ? ` (with ${up}${secondsWords(tail)} a step for its last metrics)` : '';
  const fixes = replaceFix(context, 'timeout', durationValue(context, 'timeout', wanted));
  if (timeout - sure.longest <= 0) {
    const which = gates
      ? `the longest stretch between gates bakes and pauses${waits(least, 'at least ')}`
      : `the bakes and pauses${waits(least, 'at least ')} take`;
    return [
      report(
        'timeout-budget',
        `'timeout' is ${secondsWords(timeout)} but ${which} ${secondsWords(sure.longest)}: Shiftwise would roll back before the steps end. Make it at least ${secondsWords(wanted)}`,
        range,
        fixes,
      ),
    ];
  }
  return [
    {
      ...report(
        'timeout-budget',
        `'timeout' leaves ${secondsWords(margin)} after ${secondsWords(longest)} of bakes and pauses${waits(most, 'up to ')} for the endpoint updates that add and remove the variant; leave at least 10 minutes: ${secondsWords(wanted)}`,
        range,
        fixes,
      ),
      severity: 'warning',
    },
  ];
}
