import { humanDuration } from './human-duration.js';
import type { Plan } from './types.js';

/**
 * One line for a code lens or a status bar: steps, total bake time, peak fleet.
 *
 *   linear 20% of 5 → "5 steps · 25 min · peak 10 instances"
 *   Vertex AI, 4 replicas, surge 1 → "4 steps · 0 s · peak 5 instances"
 */
export function planSummary(plan: Plan): string {
  const steps = plan.steps.length;
  return `${steps} ${steps === 1 ? 'step' : 'steps'} · ${humanDuration(plan.totalSeconds)} · peak ${plan.peakInstances} instances`;
}
