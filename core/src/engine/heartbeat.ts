import type { Plan } from '../plan/types.js';
import { progressWords } from './progress-words.js';
import type { DeployEvent } from './report.js';

// The heartbeat of a log that is not a terminal (CI, pipes): when a progress line that has not changed is printed
// again, and in what words. One policy for the CLI's reporter and the action's deploy log; each face decides what
// counts as a change (its line's key) and prints a change at once.

/** Outside a bake, and first in one: an unchanged line is printed again after a minute of the rollout's clock. */
export const heartbeatMinMs = 60_000;

/**
 * The longest a bake's heartbeat waits: 5 minutes, half of the 10 minutes without output after which some CI services
 * (CircleCI's and Travis CI's default) end a job as stuck.
 */
export const heartbeatMaxMs = 300_000;

/** When the line's state was first seen and last printed, in the rollout's clock (epoch ms). */
export interface HeartbeatTimes {
  readonly now: number;
  /** When this process first saw the line's state (not the phase's start, which a run that picked it up missed). */
  readonly since: number;
  /** When the line was last printed: at `since`, or at the last heartbeat. */
  readonly lastAt: number;
}

/**
 * How long after `lastAt` the next heartbeat comes. Outside a bake whose end is known, a minute. In one, the gap
 * grows with the time already shown unchanged, by a minute more each time, to 5 minutes at most: with the state first
 * seen at 0, heartbeats at 1, 3, 7, 12, 17, … minutes (gaps of 1, 2, 4, 5, 5, …), so a 30-minute bake prints 8 lines,
 * not 30.
 *
 *   in a bake, since 0, lastAt 0 → 1 min;  lastAt 1 min → 2 min;  lastAt 3 min → 4 min;  lastAt 7 min → 5 min
 */
export function heartbeatGapMs(inBake: boolean, { since, lastAt }: HeartbeatTimes): number {
  if (!inBake) return heartbeatMinMs;
  return Math.min(heartbeatMaxMs, Math.max(0, lastAt - since) + heartbeatMinMs);
}

/**
 * The words of an unchanged progress line when a heartbeat is due, else undefined (print nothing). In a bake whose
 * end is known (and not yet past): what is left of the bake, of its planned length (the `plan`'s step, when the
 * face has it), and when it ends, at a growing gap (`heartbeatGapMs`); the same, at the same gaps, in a steps
 * rollout's wait for its last metrics after a bake (`settling`), which is said as that wait and not as bake time;
 * elsewhere, every minute, the line with how long this process has seen it unchanged. A face counts the wait as a
 * line of its own (its key holds `settling`), so it is printed when it begins and its gaps start over.
 *
 *   baking step 2/3 with 18 min left of 30, 4 min after the last line (printed 3 min after the first) →
 *     "step 2/3 · 50% traffic · baking, 18 min of 30 min left, until 15:42 UTC"
 *   the bake over, its last metrics due by 15:48:10, at 15:45 (a minute after the wait's first line) →
 *     "step 2/3 · 50% traffic · bake over, waiting for the last metrics (up to 4 min, until 15:49 UTC)"
 *   provisioning, unchanged for 8 min, last printed a minute ago →
 *     "0% traffic · provisioning (unchanged for 8 min) · Waiting for 1 new replica(s) …"
 *   either, sooner than its gap → undefined
 */
export function heartbeatLine(
  event: DeployEvent & { type: 'progress' },
  times: HeartbeatTimes,
  { plan }: { readonly plan?: Plan } = {},
): string | undefined {
  const o = event.observation;
  const inBake = o.phase === 'baking' && o.bakeEndsAt !== undefined && o.bakeEndsAt > times.now;
  if (times.now - times.lastAt < heartbeatGapMs(inBake, times)) return undefined;
  if (!inBake) return progressWords(event, times.now, { unchangedSeconds: (times.now - times.since) / 1000 });
  const seconds = plan?.steps.find((s) => s.index === event.step)?.bakeSeconds;
  return progressWords(event, times.now, { bakeLeft: seconds === undefined ? {} : { seconds } });
}
