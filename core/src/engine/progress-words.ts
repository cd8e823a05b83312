import { humanDuration } from '../plan/human-duration.js';
import type { Plan } from '../plan/types.js';
import type { DeployEvent, StepSeen } from './report.js';

/** How progress is put in words; every option is off by default. */
export interface ProgressWordsOptions {
  /**
   * How long this process has seen the same state (seconds), for a line repeated while nothing changes: the phase
   * reads "provisioning (unchanged for 8 min)". It counts from this process's first look at that state, which after
   * picking a rollout up mid-bake is not the phase's start, so the words never claim the time in the phase.
   */
  readonly unchangedSeconds?: number;
  /**
   * A heartbeat in a bake whose end is known (`heartbeatLine`, ./heartbeat.ts): the phase reads
   * "baking, 18 min of 30 min left, until 15:42 UTC", of the bake's planned length when `seconds` gives it, and the
   * provider's message, said when the bake began, is left out. In the wait for a step's last metrics after it, the
   * bound and its end: "bake over, waiting for the last metrics (up to 7 min, until 15:49 UTC)". `wallClock`
   * (default true) says whether the rollout's clock is the wall's: when it is not (a sandbox's `--speed`, the demo's
   * virtual clock) no `until … UTC` is said, since no wall clock would show that time then.
   */
  readonly bakeLeft?: { readonly seconds?: number; readonly wallClock?: boolean };
}

/**
 * One progress event in words, for every face's log (the CLI adds a timestamp, the action a log group):
 *
 *   step 1/2 · 25% traffic · baking, 9 min 55 s left · Baking for 600 seconds (WaitIntervalInSeconds) …
 *   0% traffic · provisioning · Launching 4 instance(s) …
 *   0% traffic · provisioning (unchanged for 8 min) · Waiting for 1 new replica(s) …   (unchangedSeconds 480)
 *   step 2/3 · 50% traffic · baking, 18 min of 30 min left, until 15:42 UTC             (bakeLeft 1800 s)
 *   step 2/5 · 25% traffic · bake over, waiting for the last metrics (up to 2 min 30 s)  (settling: 'bake')
 *   step 2/5 · 25% traffic · bake over, waiting for the last metrics (up to 3 min, until 15:49 UTC)   (bakeLeft)
 *   rolling-back · Alarm fraud-5xx went into ALARM …
 *
 * The wait for the last metrics (a steps rollout's `settling`) is no bake time, so it is not said as one; its end
 * is a bound ("up to"): the step moves on once the metrics have settled, or rolls back at once on a breach. Its
 * provider message is left out, as the words say all it says.
 */
export function progressWords(
  event: DeployEvent & { type: 'progress' },
  now: number,
  options: ProgressWordsOptions = {},
): string {
  const o = event.observation;
  const endsAt = o.phase === 'baking' ? o.bakeEndsAt : undefined;
  const bakeLeft = endsAt !== undefined ? options.bakeLeft : undefined;
  const settling = endsAt !== undefined ? o.settling : undefined;
  const left = endsAt === undefined ? '' : timeLeftWords(endsAt, now, { bakeLeft, settling });
  const unchanged =
    options.unchangedSeconds !== undefined
      ? ` (unchanged for ${humanDuration(Math.round(options.unchangedSeconds))})`
      : '';
  const phase = settling ? `${settling} over, waiting for the last metrics` : o.phase;
  return [
    ...(event.step > 0 && o.phase !== 'rolling-back'
      ? [`${event.stepNoun} ${event.step}/${event.steps}`]
      : []),
    ...(o.trafficPercent !== undefined ? [`${o.trafficPercent}% traffic`] : []),
    `${phase}${unchanged}${left}`,
    ...(o.message && !bakeLeft && !settling ? [o.message] : []),
  ].join(' · ');
}

/**
 * What is left of a bake, after the phase: `, 9 min 55 s left`, or on a heartbeat `bakeLeftWords`. Of the wait for
 * the last metrics, a bound: ` (up to 2 min 30 s)`, on a heartbeat ` (up to 3 min, until 15:49 UTC)`, and nothing
 * once its end is past (the words already say what it waits for).
 */
function timeLeftWords(
  endsAt: number,
  now: number,
  {
    bakeLeft,
    settling,
  }: { bakeLeft: ProgressWordsOptions['bakeLeft']; settling: 'bake' | 'pause' | undefined },
): string {
  const seconds = Math.max(0, Math.round((endsAt - now) / 1000));
  if (!settling)
    return `, ${bakeLeft ? bakeLeftWords(endsAt, now, bakeLeft) : `${humanDuration(seconds)} left`}`;
  if (seconds === 0) return '';
  if (!bakeLeft) return ` (up to ${humanDuration(seconds)})`;
  const until = bakeLeft.wallClock === false ? '' : `, ${untilWords(endsAt, now)}`;
  return ` (up to ${minutesLeftWords(endsAt, now)}${until})`;
}

/**
 * What is left of a bake, in whole minutes rounded up (seconds under a minute), of its planned length when known
 * and not shorter than what is left, and the clock time it ends (`untilWords`) unless the clock is not the wall's.
 *
 *   ends 15:41:20, now 15:23:30, 1800 s → "18 min of 30 min left, until 15:42 UTC"
 *   ends 00:00:40 on 2 May, now 23:59:55 on 1 May → "45 s left, until 2025-05-02 00:01 UTC"
 *   ends 15:41:20, now 15:23:30, wallClock false → "18 min left"
 */
function bakeLeftWords(
  endsAt: number,
  now: number,
  { seconds, wallClock = true }: NonNullable<ProgressWordsOptions['bakeLeft']>,
): string {
  const leftSeconds = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const of =
    seconds !== undefined && seconds > 0 && seconds >= leftSeconds ? ` of ${humanDuration(seconds)}` : '';
  return `${minutesLeftWords(endsAt, now)}${of} left${wallClock ? `, ${untilWords(endsAt, now)}` : ''}`;
}

/** Time left to `endsAt`: whole minutes rounded up, seconds under a minute ("18 min", "45 s"). */
function minutesLeftWords(endsAt: number, now: number): string {
  const leftSeconds = Math.max(0, Math.ceil((endsAt - now) / 1000));
  return leftSeconds < 60 ? `${leftSeconds} s` : humanDuration(Math.ceil(leftSeconds / 60) * 60);
}

/**
 * The clock time of `endsAt`, rounded up to the minute, in UTC, with the date when that is not `now`'s day:
 * "until 15:42 UTC", "until 2025-05-02 00:01 UTC". Rounded up, an end seconds either side of a minute reads as two
 * minutes; the faces hold one end per line (`steadyEnd`, ./heartbeat.ts) so that jitter does not show.
 */
function untilWords(endsAt: number, now: number): string {
  const until = new Date(Math.ceil(endsAt / 60_000) * 60_000).toISOString();
  const day = until.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? '' : `${until.slice(0, 10)} `;
  return `until ${day}${until.slice(11, 16)} UTC`;
}

/**
 * A planned step beside when it was first seen, both in seconds from the first traffic shift the run saw: its first
 * step's (`stepTimes`' `from`).
 */
export interface StepTime {
  readonly step: number;
  readonly trafficPercent: number;
  /** Absent for a step before the run's first (it ran before the run, or was not seen). */
  readonly plannedAt?: number;
  /** Absent for a step never reached. */
  readonly observedAt?: number;
}

/**
 * The plan's steps against the report's sightings, what the CLI's JSON report shows. Times count from `from`, the
 * first step the run saw (default 1): `plannedAt` is the step's planned start less `from`'s, so a run that picks
 * a rollout up at a later step (`shiftwise promote` past a gate) is compared with the plan from there, and the steps
 * before it carry neither time.
 *
 *   planned at 0 s and 600 s, seen at 0 s and 604 s → [{step 1, plannedAt 0, observedAt 0}, {step 2, 600, 604}]
 *   planned at 0, 600, 2400, 2400, 4200 s; from 4, seen at 0 s and 2046 s →
 *     [{step 1}, {step 2}, {step 3}, {step 4, plannedAt 0, observedAt 0}, {step 5, plannedAt 1800, observedAt 2046}]
 */
export function stepTimes(
  plan: Plan,
  seen: readonly StepSeen[],
  { from = 1 }: { readonly from?: number } = {},
): StepTime[] {
  const at = new Map(seen.map((s) => [s.step, s.atSeconds]));
  const base = plan.steps.find((s) => s.index === from)?.startsAt ?? 0;
  return plan.steps.map((s) => ({
    step: s.index,
    trafficPercent: s.trafficPercent,
    ...(s.index >= from && { plannedAt: s.startsAt - base }),
    ...(at.has(s.index) && { observedAt: at.get(s.index)! }),
  }));
}
