import type { Observation } from './provider.js';

/**
 * How long to wait before the next look, from what the last look showed: slow inside long bakes (nothing is
 * due but an alarm), quick around transitions so the final state is seen within seconds.
 *
 *   baking, 600 s left   → 20 s (cap: an alarm's rollback is still noticed within 20 s)
 *   baking, 12 s left    → 13 s (just after the bake should end)
 *   provisioning         → a quarter of the time spent provisioning so far, 10 s to 30 s: nothing but a
 *                          failure can end it, and fleets take minutes (1 min in → 15 s; 2 min in → 30 s)
 *   updating (an inference component: no step status to time a look by) → 15 s
 *   shifting, terminating, rolling back, waiting → 5 s
 *
 * `phaseSince`: when this phase was first seen (epoch ms); unknown counts as just now.
 */
export function nextPollDelayMs(observation: Observation, now: number, phaseSince = now): number {
  if (observation.kind !== 'progress') return 0;
  switch (observation.phase) {
    case 'baking':
      return observation.bakeEndsAt === undefined
        ? 10_000
        : Math.min(20_000, Math.max(2_000, observation.bakeEndsAt - now + 1_000));
    case 'provisioning':
      return Math.min(30_000, Math.max(10_000, Math.round((now - phaseSince) / 4)));
    case 'updating':
      return 15_000;
    default:
      return 5_000;
  }
}
