import type { Plan } from '../plan/types.js';

/**
 * The plan as docs/plan.md's JSON, keys in the documented order (what `shiftwise plan --format json` prints and the
 * action's `plan` output carries). A plain object: callers stringify.
 */
export function planToJson(plan: Plan): Record<string, unknown> {
  return {
    ...(plan.file !== undefined && { file: plan.file }),
    name: plan.name,
    provider: plan.provider,
    ...(plan.region !== undefined && { region: plan.region }),
    ...(plan.target !== undefined && { target: plan.target }),
    ...(plan.endpoint !== undefined && { endpoint: plan.endpoint }),
    strategy: plan.strategy,
    ...(plan.retained !== undefined && { retained: plan.retained }),
    capacity: plan.capacity,
    capacityKnown: plan.capacityKnown,
    steps: plan.steps.map((s) => ({
      index: s.index,
      startsAt: s.startsAt,
      trafficPercent: s.trafficPercent,
      greenActive: s.greenActive,
      blueActive: s.blueActive,
      bakeSeconds: s.bakeSeconds,
      bake: s.bake,
    })),
    totalSeconds: plan.totalSeconds,
    ...(plan.timeoutSeconds !== undefined && { timeoutSeconds: plan.timeoutSeconds }),
    peakInstances: plan.peakInstances,
    ...(plan.prepare !== undefined && { prepare: plan.prepare }),
    request: plan.request,
    ...(plan.sequence !== undefined && { sequence: plan.sequence }),
    ...(plan.analysis !== undefined && { analysis: plan.analysis }),
    assumptions: plan.assumptions,
  };
}
