import type { Observation } from './provider.js';

/**
 * How long to wait before the next look, from what the last look showed: slow inside long bakes (nothing is
 * due but an alarm), quick around transitions so the final state is seen within seconds.
 *
 *   baking, 600 s left   → 20 s (cap: an alarm's rollback is still noticed within 20 s)
 *   baking, 12 s left    → 13 s (just after the bake should end)
 *   provisioning         → 10 s (length unknown)
 *   shifting, terminating, rolling back, waiting → 5 s
 */
export function nextPollDelayMs(observation: Observation, now: number): number {
  if (observation.kind !== 'progress') return 0;
  switch (observation.phase) {
    case 'baking':
      return observation.bakeEndsAt === undefined
        ? 10_000
        : Math.min(20_000, Math.max(2_000, observation.bakeEndsAt - now + 1_000));
    case 'provisioning':
      return 10_000;
    default:
      return 5_000;
  }
}
