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
  /**
   * The end of the bake (or of the wait for the last metrics) the face shows for this line (`steadyEnd`), in place
   * of the observation's `bakeEndsAt`, which moves by a second or so from one look to the next.
   */
  readonly endsAt?: number;
}

/** How far a bake's end may move between looks and still be the end already shown: 5 s (`steadyEnd`). */
export const endJitterMs = 5_000;

/**
 * The end a face shows for a line: the first it saw, kept while later looks put it less than `endJitterMs` away; a
 * larger move is a new end (another process moved the step, a check's lag read anew), shown from then on. Why not
 * the latest end: the runner re-bases every end on the provider's `Date` header, which has whole seconds, so an end
 * that falls within a second of a minute would read "until 15:42 UTC" and "until 15:43 UTC" by turns. Keeping the
 * first end seen keeps the line still, and is off by at most that jitter; rounding alone would not do, since any
 * rounding has boundaries an end can sit on.
 *
 *   shown 15:41:59.6, seen 15:42:00.4 → 15:41:59.6;   shown 15:42:00, seen 15:46:10 → 15:46:10
 *   nothing shown yet, seen 15:42:00 → 15:42:00;      seen undefined (no end known) → undefined
 */
export function steadyEnd(shown: number | undefined, seen: number | undefined): number | undefined {
  if (shown === undefined || seen === undefined) return seen;
  return Math.abs(seen - shown) < endJitterMs ? shown : seen;
}

/** What a heartbeat knows beside the event and its times; each is optional. */
export interface HeartbeatOptions {
  /** The plan, for the length of the bake a heartbeat counts down (its step's `bakeSeconds`). */
  readonly plan?: Plan;
  /**
   * Whether the rollout's clock is the wall's (default true). When it is not (a sandbox run at `--speed X`, the
   * demo's virtual clock) the line says what is left but not `until … UTC`, a time no wall clock would show then.
   */
  readonly wallClock?: boolean;
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
 *
 * The end said is `times.endsAt` when the face gives it (`steadyEnd`), and `until … UTC` only on a wall clock.
 */
export function heartbeatLine(
  event: DeployEvent & { type: 'progress' },
  times: HeartbeatTimes,
  { plan, wallClock = true }: HeartbeatOptions = {},
): string | undefined {
  const seen = event.observation;
  const o =
    times.endsAt === undefined || seen.bakeEndsAt === undefined
      ? seen
      : { ...seen, bakeEndsAt: times.endsAt };
  const inBake = o.phase === 'baking' && o.bakeEndsAt !== undefined && o.bakeEndsAt > times.now;
  if (times.now - times.lastAt < heartbeatGapMs(inBake, times)) return undefined;
  const shown = { ...event, observation: o };
  if (!inBake) return progressWords(shown, times.now, { unchangedSeconds: (times.now - times.since) / 1000 });
  const seconds = plan?.steps.find((s) => s.index === event.step)?.bakeSeconds;
  return progressWords(shown, times.now, {
    bakeLeft: { ...(seconds !== undefined && { seconds }), wallClock },
  });
}
