import { type DeployReport, stepTimes } from '@shiftwise/core/engine';

/** The step already under way when the run began, whose start it did not see; `first seen` when unknown which. */
export type UnderWay = number | 'first seen';

/**
 * The closing report of `shiftwise deploy|promote|abort --format json`: the outcome, its reason and alarm, the API
 * calls made, and each planned step beside the time it was first seen, both in seconds from the first traffic shift
 * this run saw (`observedAt` absent for steps never reached).
 *
 *   plan steps at 0 s and 600 s, seen at 0 s and 604 s →
 *   steps: [{ step: 1, trafficPercent: 25, plannedAt: 0, observedAt: 0 }, { step: 2, …, plannedAt: 600, observedAt: 604 }]
 *
 * A run whose first step seen is not step 1 (`promote` past a gate at step 3) counts both times from that step,
 * says so with `fromStep`, and gives the steps before it no times (`stepTimes`).
 *
 *   promote, steps planned at 0, 600, 2400, 2400, 4200 s; step 4 seen at 0 s, step 5 at 2046 s →
 *   fromStep: 4, steps: [{ step: 1, … }, …, { step: 4, plannedAt: 0, observedAt: 0 }, { step: 5, plannedAt: 1800, observedAt: 2046 }]
 *
 * A run that attached to an update already running, or picked a Shiftwise-run rollout up in the middle of a step
 * (`underWay`, default none), did not see that step begin: it has no `observedAt` (when it began is unknown), later
 * steps count from the first look, and the report says so with `observedFrom: 'attach'`.
 *
 *   attached in step 1's bake, step 2 seen 230 s later →
 *   observedFrom: 'attach', steps: [{ step: 1, plannedAt: 0 }, { step: 2, plannedAt: 600, observedAt: 230 }]
 */
export function reportJson(
  report: DeployReport,
  realMs: number,
  { underWay }: { readonly underWay?: UnderWay } = {},
) {
  const { plan, steps: seen, ...rest } = report;
  const running = underWay === 'first seen' ? seen[0]?.step : underWay;
  const attached = running !== undefined && seen.some((s) => s.step === running);
  const from = seen[0]?.step ?? 1;
  return {
    ...rest,
    ...(attached && { observedFrom: 'attach' as const }),
    ...(plan && from > 1 && { fromStep: from }),
    realSeconds: Math.round(realMs / 100) / 10,
    ...(plan && {
      plan: {
        name: plan.name,
        strategy: plan.strategy,
        ...(plan.retained !== undefined && { retained: plan.retained }),
        capacity: plan.capacity,
        totalSeconds: plan.totalSeconds,
      },
      steps: stepTimes(
        plan,
        seen.filter((s) => s.step !== running),
        { from },
      ),
    }),
  };
}
