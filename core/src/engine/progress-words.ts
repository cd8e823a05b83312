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
   * provider's message, said when the bake began, is left out.
   */
  readonly bakeLeft?: { readonly seconds?: number };
}

/**
 * One progress event in words, for every face's log (the CLI adds a timestamp, the action a log group):
 *
 *   step 1/2 · 25% traffic · baking, 9 min 55 s left · Baking for 600 seconds (WaitIntervalInSeconds) …
 *   0% traffic · provisioning · Launching 4 instance(s) …
 *   0% traffic · provisioning (unchanged for 8 min) · Waiting for 1 new replica(s) …   (unchangedSeconds 480)
 *   step 2/3 · 50% traffic · baking, 18 min of 30 min left, until 15:42 UTC             (bakeLeft 1800 s)
 *   rolling-back · Alarm fraud-5xx went into ALARM …
 */
export function progressWords(
  event: DeployEvent & { type: 'progress' },
  now: number,
  options: ProgressWordsOptions = {},
): string {
  const o = event.observation;
  const bakeLeft = o.phase === 'baking' && o.bakeEndsAt !== undefined ? options.bakeLeft : undefined;
  const left =
    o.phase === 'baking' && o.bakeEndsAt !== undefined
      ? `, ${bakeLeft ? bakeLeftWords(o.bakeEndsAt, now, bakeLeft.seconds) : `${humanDuration(Math.max(0, Math.round((o.bakeEndsAt - now) / 1000)))} left`}`
      : '';
  const unchanged =
    options.unchangedSeconds !== undefined
      ? ` (unchanged for ${humanDuration(Math.round(options.unchangedSeconds))})`
      : '';
  return [
    ...(event.step > 0 && o.phase !== 'rolling-back'
      ? [`${event.stepNoun} ${event.step}/${event.steps}`]
      : []),
    ...(o.trafficPercent !== undefined ? [`${o.trafficPercent}% traffic`] : []),
    `${o.phase}${unchanged}${left}`,
    ...(o.message && !bakeLeft ? [o.message] : []),
  ].join(' · ');
}

/**
 * What is left of a bake, in whole minutes rounded up (seconds under a minute), of its planned length when known
 * and not shorter than what is left, and the clock time it ends, rounded up to the minute, in UTC (with the date
 * when that is not today's).
 *
 *   ends 15:41:20, now 15:23:30, 1800 s → "18 min of 30 min left, until 15:42 UTC"
 *   ends 00:00:40 on 2 May, now 23:59:55 on 1 May → "45 s left, until 2025-05-02 00:01 UTC"
 */
function bakeLeftWords(endsAt: number, now: number, seconds: number | undefined): string {
  const leftSeconds = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const left = leftSeconds < 60 ? `${leftSeconds} s` : humanDuration(Math.ceil(leftSeconds / 60) * 60);
  const of =
    seconds !== undefined && seconds > 0 && seconds >= leftSeconds ? ` of ${humanDuration(seconds)}` : '';
  const until = new Date(Math.ceil(endsAt / 60_000) * 60_000).toISOString();
  const day = until.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? '' : `${until.slice(0, 10)} `;
  return `${left}${of} left, until ${day}${until.slice(11, 16)} UTC`;
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
