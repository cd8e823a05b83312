import type { AnalysisCheck, ProviderName, RunStep } from '../model.js';
import { lastMetricsSeconds } from './metric-lag.js';
import type { StepShape } from './steps.js';

/** The variants of the two-variant config a Shiftwise-run rollout moves traffic between. */
export const oldVariantName = 'shiftwise-old';
export const newVariantName = 'shiftwise-new';

/**
 * Instances of the new variant that carry `percent` of the traffic, out of `capacity` at 100%: rounded up, at least
 * one, never more than capacity.
 *
 *   5% of 4 → 1;  25% of 4 → 1;  50% of 4 → 2;  100% of 4 → 4
 */
export function newInstancesAt(percent: number, capacity: number): number {
  if (percent >= 100) return capacity;
  return Math.min(capacity, Math.max(1, Math.ceil((capacity * percent) / 100)));
}

/**
 * The schedule of `steps`: one entry per step of the file. A traffic step moves `percent` of the traffic to the new
 * variant, which then runs `newInstancesAt(percent)` instances beside the old variant's `oldInstances`, and bakes
 * while Shiftwise watches (`unwatched` when the file gives nothing to watch: `bakesWatched`); a pause keeps the
 * traffic where it is, for a time or until `shiftwise promote`.
 *
 *   [5% bake 10m, 25% bake 30m, pause manual, 50% bake 30m, 100% bake 10m], capacity 4, old 4 →
 *     traffic 5/25/25/50/100, new 1/1/1/2/4, old 4 ×5, bakes watch 600, watch 1800, gate 0, watch 1800, watch 600
 */
export function runStepShapes(
  steps: readonly RunStep[],
  capacity: number,
  oldInstances: number,
  watched = true,
): StepShape[] {
  let percent = 0;
  return steps.map((step) => {
    if (step.kind === 'traffic') percent = Math.min(100, Math.max(0, step.percent));
    const green = percent === 0 ? 0 : newInstancesAt(percent, capacity);
    const wait =
      step.kind === 'traffic'
        ? {
            bakeSeconds: step.bakeSeconds,
            bake:
              step.bakeSeconds === 0
                ? ('none' as const)
                : watched
                  ? ('watch' as const)
                  : ('unwatched' as const),
          }
        : step.seconds === undefined
          ? { bakeSeconds: 0, bake: 'gate' as const }
          : { bakeSeconds: step.seconds, bake: 'pause' as const };
    return { greenActive: green, blueActive: oldInstances, trafficPercent: percent, ...wait };
  });
}

/**
 * The shapes with the wait for the last metrics on every step whose bake or timed pause the analysis checks judge
 * (a step of no length has no period to wait for; a gate is judged by no check).
 *
 *   5% bake 10m, gate, 50% bake 0 with new-5xx 1 min on SageMaker → 180 on the first only
 */
export function withLastMetrics(
  shapes: readonly StepShape[],
  rollout: { readonly provider: ProviderName; readonly analysis?: readonly AnalysisCheck[] },
): StepShape[] {
  const tail = lastMetricsSeconds(rollout);
  return shapes.map((s) =>
    tail > 0 && s.bakeSeconds > 0 && s.bake !== 'gate' ? { ...s, lastMetricsSeconds: tail } : s,
  );
}

/** The most new-variant instances any step runs: what the endpoint must have room for beside the old variant. */
export function largestNewFleet(steps: readonly RunStep[], capacity: number): number {
  return Math.max(
    0,
    ...steps.flatMap((s) =>
      s.kind === 'traffic' && s.percent > 0 ? [newInstancesAt(s.percent, capacity)] : [],
    ),
  );
}

/**
 * Whether anything watches the bakes of a rollout Shiftwise runs: on SageMaker a rollback alarm or an analysis
 * check that can roll back (not `dryRun`), on Vertex AI, which has no alarms, such a check. Without one a bake only
 * delays the next step, and the `no-alarms` rule warns.
 */
export function bakesWatched(rollout: {
  readonly provider: string;
  readonly rollback?: { readonly alarms: readonly string[] };
  readonly analysis?: readonly { readonly dryRun: boolean }[];
}): boolean {
  if ((rollout.analysis ?? []).some((check) => !check.dryRun)) return true;
  return rollout.provider === 'sagemaker' && (rollout.rollback?.alarms.length ?? 0) > 0;
}
