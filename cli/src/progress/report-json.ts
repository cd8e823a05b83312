import { type DeployReport, stepTimes } from '@shiftwise/core/engine';

/**
 * The closing report of `shiftwise deploy --format json`: the outcome, its reason and alarm, the API
 * calls made, and each planned step beside the time it was first seen (seconds from the first traffic shift;
 * `observedAt` absent for steps never reached).
 *
 *   plan steps at 0 s and 600 s, seen at 0 s and 604 s →
 *   steps: [{ step: 1, trafficPercent: 25, plannedAt: 0, observedAt: 0 }, { step: 2, …, plannedAt: 600, observedAt: 604 }]
 */
export function reportJson(report: DeployReport, realMs: number) {
  const { plan, steps, ...rest } = report;
  return {
    ...rest,
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
