import { type DeployReport, stepTimes } from '@shiftwise/core/engine';

/**
 * The closing report of `shiftwise deploy --format json`: the outcome, its reason and alarm, the API
 * calls made, and each planned step beside the time it was first seen (seconds from the first traffic shift;
 * `observedAt` absent for steps never reached).
 *
 *   plan steps at 0 s and 600 s, seen at 0 s and 604 s →
 *   steps: [{ step: 1, trafficPercent: 25, plannedAt: 0, observedAt: 0 }, { step: 2, …, plannedAt: 600, observedAt: 604 }]
 *
 * A deploy that attached to an update already running (`attached`, default false) did not see its first shift: the
 * step running at its first look has no `observedAt` (when it began is unknown), later steps count from that first
 * look, and the report says so with `observedFrom: 'attach'`.
 *
 *   attached in step 1's bake, step 2 seen 230 s later →
 *   observedFrom: 'attach', steps: [{ step: 1, plannedAt: 0 }, { step: 2, plannedAt: 600, observedAt: 230 }]
 */
export function reportJson(
  report: DeployReport,
  realMs: number,
  { attached = false }: { readonly attached?: boolean } = {},
) {
  const { plan, steps: seen, ...rest } = report;
  const running = attached ? seen[0]?.step : undefined;
  const steps = seen.filter((s) => s.step !== running);
  return {
    ...rest,
    ...(attached && { observedFrom: 'attach' as const }),
    realSeconds: Math.round(realMs / 100) / 10,
    ...(plan && {
      plan: {
        name: plan.name,
        strategy: plan.strategy,
        ...(plan.retained !== undefined && { retained: plan.retained }),
        capacity: plan.capacity,
        totalSeconds: plan.totalSeconds,
      },
      steps: stepTimes(plan, steps),
    }),
  };
}
