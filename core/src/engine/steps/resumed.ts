import type { Resumed } from '../provider.js';

/**
 * Where a run picks up a Shiftwise-run rollout, from the state recorded on its endpoint: the step under way (its
 * shift, bake or timed pause begun by an earlier run), or none at a manual gate or before step 1, where the next
 * step is this run's own.
 *
 *   step 4, baking  → { stepUnderWay: 4 }
 *   step 3, paused  → {}
 *   step 0, starting → {}
 */
export function resumedFrom(state: { readonly step: number; readonly state: string }): Resumed {
  return state.state === 'paused' || state.state === 'starting' || state.step < 1
    ? {}
    : { stepUnderWay: state.step };
}
