import { humanDuration } from '../plan/human-duration.js';
import { pacedByWaves, runsAs, type StepNoun, storedConfigUnknown } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';
import { vertexWaveEstimateSeconds } from '../plan/vertex-schedule.js';

/** Traffic exposed to the new fleet before the first bake ends, and for how long (docs/plan.md blast radius). */
export interface BlastRadius {
  readonly trafficPercent: number;
  /** The first bake; 0 when no step bakes (nothing holds the rollout for an alarm to watch). */
  readonly seconds: number;
  /** The first step that holds the traffic is a manual gate: it holds until `shiftwise promote`, however long. */
  readonly gate?: boolean;
  /** `retain`: the deployment config stored on the endpoint decides how traffic moves, which the plan cannot know. */
  readonly unknown?: boolean;
}

/**
 * What a bad model reaches before any alarm can have watched a full bake: the traffic at the first step that bakes,
 * and that bake. Steps before it do not wait, so their traffic is passed through on the way. All-at-once exposes
 * 100% at once; a plan without bakes exposes 100% as fast as the provider shifts.
 *
 *   canary 25% with 10-minute bakes → 25% for 600 s;  canary with bake 0, terminationWait 10 min → 100% for 600 s
 *   all-at-once → 100% for its termination wait;      Vertex AI waves (no bakes) → 100% for 0 s
 *   steps [pause 10m, 25% bake 10m] → 25% for 600 s;  steps [5%, gate, 100%] → 5% until the gate is promoted
 */
export function blastRadius(plan: Plan): BlastRadius {
  if (storedConfigUnknown(plan)) return { trafficPercent: 100, seconds: 0, unknown: true };
  // A wait before any traffic moves (a leading timed pause) exposes nothing; a manual gate holds what has moved.
  const first = plan.steps.find((s) => s.trafficPercent > 0 && (s.bakeSeconds > 0 || s.bake === 'gate'));
  if (first?.bake === 'gate') return { trafficPercent: first.trafficPercent, seconds: 0, gate: true };
  return first
    ? { trafficPercent: first.trafficPercent, seconds: first.bakeSeconds }
    : { trafficPercent: plan.steps.length > 0 ? 100 : 0, seconds: 0 };
}

/** The blast radius in words, for both renderers; `noun` is what the plan calls a step (`stepNoun`). */
export function blastRadiusWords(radius: BlastRadius, noun: StepNoun = 'step'): string {
  if (radius.unknown)
    return 'unknown: the deployment config stored on the endpoint decides how traffic moves and how long it bakes';
  if (radius.gate)
    return `${radius.trafficPercent}% of traffic on the new model until a manual gate is promoted, before any bake ends`;
  return radius.seconds > 0
    ? `${radius.trafficPercent}% of traffic on the new model for ${humanDuration(radius.seconds)} before the first bake ends`
    : `no ${noun} bakes: the new model takes ${radius.trafficPercent}% of traffic as fast as the provider shifts it, ` +
        'before any alarm has watched it';
}

/**
 * Extra instance-minutes in words: the figure; for `retain`, whose stored config decides the bakes, unknown; for
 * Vertex AI waves, which have no planned time, their estimate, said to be one (`estimatedWaveMinutes`).
 */
export function extraMinutesWords(plan: Plan): string {
  if (storedConfigUnknown(plan)) return 'unknown (the deployment config stored on the endpoint decides)';
  if (pacedByWaves(plan))
    return `about ${estimatedWaveMinutes(plan)} (estimate: ${humanDuration(vertexWaveEstimateSeconds)} a wave)`;
  return String(extraInstanceMinutes(plan));
}

/**
 * Replica-minutes a Vertex AI rolling deployment runs above its capacity, by the waves' estimate: each wave's new
 * replicas beyond the capacity (at most the surge, the peak's excess) for `vertexWaveEstimateSeconds`.
 *
 *   4 replicas, surge 1: 4 waves × 1 × 5 min = 20;  10 replicas, surge 3: waves of 3, 3, 3, 1 → (3+3+3+1) × 5 = 50
 */
export function estimatedWaveMinutes(plan: Plan): number {
  const surge = Math.max(0, plan.peakInstances - plan.capacity);
  let before = 0;
  let replicas = 0;
  for (const step of plan.steps) {
    replicas += Math.min(surge, step.greenActive - before);
    before = step.greenActive;
  }
  return Math.round((replicas * vertexWaveEstimateSeconds) / 60);
}

/**
 * Instance-minutes (copy-minutes of an inference component) paid above the fleet's capacity during the planned
 * bakes (provisioning excluded: unknown). Blue/green keeps the whole old fleet until the end: capacity × total. A
 * SageMaker rolling batch, of instances or of copies, runs its new members beside the old ones for its bake:
 * Σ new-in-batch × bake. Vertex AI waves have no planned duration: 0 (their words give the estimate,
 * `estimatedWaveMinutes`). Renderers name the unit with `fleetUnit`.
 *
 *   linear 20% of 5, total 1500 s → 5 × 25 min = 125;  rolling 2 of 4, bakes 60 s → 2 + 2 = 4
 *   8 copies, batch 25%, bakes 5 min → 4 batches × 2 copies × 5 min = 40
 *   steps 5% (1 new) 10 min, 100% (4 new) 10 min → 10 + 40 = 50
 */
export function extraInstanceMinutes(plan: Plan): number {
  // Shiftwise-run steps: the new fleet runs beside the whole old one through every bake and pause.
  if (plan.strategy === 'steps')
    return Math.round(plan.steps.reduce((sum, s) => sum + s.greenActive * s.bakeSeconds, 0) / 60);
  if (plan.provider === 'vertex-ai') return 0;
  if (runsAs(plan) !== 'rolling') return Math.round((plan.capacity * plan.totalSeconds) / 60);
  let before = 0;
  let seconds = 0;
  for (const step of plan.steps) {
    seconds += (step.greenActive - before) * step.bakeSeconds;
    before = step.greenActive;
  }
  return Math.round(seconds / 60);
}

/**
 * Why the plan's size is an example, for the renderers' `(example: …)`: what the file would state.
 *
 *   SageMaker endpoint, Vertex AI → 'capacity unknown';  inference component → 'copy count unknown'
 */
export function unknownSizeWords(plan: Plan): string {
  return plan.target === 'inference-component' ? 'copy count unknown' : 'capacity unknown';
}
