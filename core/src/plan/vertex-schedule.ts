import { boundedSlice, sliceCount } from './bounds.js';
import type { StepShape } from './steps.js';

/**
 * Vertex AI rolling deployment waves, with Kubernetes rollout arithmetic (surge already rounded up, unavailable
 * already rounded down, see size.ts): each wave takes `unavailable` old replicas down, brings `surge + unavailable`
 * new ones up, and retires as many old ones once they are ready, until every replica is new. Waves have no bake of
 * their own: readiness decides their pace, so the plan gives each wave an estimate (`vertexWaveEstimateSeconds`),
 * never a bake.
 *
 *   10 replicas, surge 3 (25%), unavailable 0: new [3, 6, 9, 10], old [7, 4, 1, 0]
 *   4 replicas, surge 1, unavailable 1:        new [2, 4],        old [2, 0]
 *   surge 0, unavailable 0:                    no wave can start (a rule reports it); planned as one wave
 *
 * At most `maxSteps` waves (bounds.ts): a fleet beyond the bounds is planned in wider waves.
 */
export function vertexWaves(capacity: number, surge: number, unavailable: number): StepShape[] {
  const perWave = boundedSlice(surge + unavailable, capacity);
  return Array.from({ length: sliceCount(capacity, perWave) }, (_, i) => {
    const green = Math.min((i + 1) * perWave, capacity);
    return { greenActive: green, blueActive: capacity - green, bakeSeconds: 0, bake: 'none' as const };
  });
}

/**
 * The estimated length of one wave: the time a new replica takes to become ready (a node for it, the serving
 * container pulled and started, the model loaded, the health check passed), after which Vertex AI retires the old
 * replicas of the wave and starts the next. Five minutes is typical for a model of a few GiB on a machine type
 * with capacity free; larger models and scarce accelerators take longer. An estimate, said so wherever it is shown
 * (docs/plan.md); never a bake, never part of `totalSeconds`.
 */
export const vertexWaveEstimateSeconds = 300;

/**
 * The estimated time of a Vertex AI rollout after provisioning: its waves one after another.
 *
 *   4 waves → 1200 (20 min);  1 wave → 300 (5 min)
 */
export function vertexEstimateSeconds(waves: number): number {
  return waves * vertexWaveEstimateSeconds;
}
