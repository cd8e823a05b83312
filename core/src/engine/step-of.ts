import type { Plan, PlanStep } from '../plan/types.js';
import type { Observation } from './provider.js';

/**
 * Which planned step an observation is in: the provider's own step when it says one (Shiftwise-run steps), else 0
 * while no traffic has moved, else the first step whose share of traffic is at least what the provider reports.
 *
 * A provider reports the share in whole percent, as the new fleet over capacity rounds: 1 ready replica of 700 is
 * 0%, 4 are 1%. The plan shows a step with new members serving as at least 1% (./plan/steps.ts), so the match is
 * made on the share as the provider rounds it, or a 1% split would be read as wave 1 when it is wave 4.
 *
 *   canary 25% of 4, seen 25%          → 1;   seen 100% → 2
 *   700 replicas, surge 1, seen 1%     → 4   (waves 1–3 report 0%)
 *   seen 0% or no share                → 0
 */
export function stepOf(plan: Plan, seen: Observation & { kind: 'progress' }): number {
  if (seen.step !== undefined) return seen.step;
  const traffic = seen.trafficPercent;
  if (traffic === undefined || traffic <= 0) return 0;
  const index = plan.steps.findIndex((s) => reportedShare(plan, s) >= traffic - 0.5);
  return index === -1 ? plan.steps.length : index + 1;
}

/** A step's share as a provider reports it: its new fleet over capacity, in whole percent, 100 on the last step. */
function reportedShare(plan: Plan, step: PlanStep): number {
  if (plan.strategy === 'steps' || step.index === plan.steps.length || plan.capacity <= 0)
    return step.trafficPercent;
  return Math.min(step.trafficPercent, Math.round((step.greenActive / plan.capacity) * 100));
}
