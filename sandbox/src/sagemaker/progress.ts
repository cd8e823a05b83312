import type { UpdateRecord } from './records.js';
import { rollbackTimeline } from './rollback-timeline.js';
import type { Phase } from './timeline.js';

/**
 * An update as the state machine sees it: an endpoint's (from one endpoint config to another) or an inference
 * component's (from one model to another, counted in copies). `words` name them in FailureReason; absent, the
 * update is an endpoint's and its configs are named.
 */
export type Run = Omit<UpdateRecord, 'from' | 'to'> & {
  readonly from: { readonly name: string };
  readonly to: { readonly name: string };
  readonly words?: RunWords;
};

/** How FailureReason names an update's parts: `the endpoint`, `endpoint config fraud-v42`, `instance(s)`. */
export interface RunWords {
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly unit: string;
}

function wordsOf(update: Run): RunWords {
  return (
    update.words ?? {
      subject: 'the endpoint',
      from: `endpoint config ${update.from.name}`,
      to: `endpoint config ${update.to.name}`,
      unit: 'instance(s)',
    }
  );
}

/** Answers "was this alarm in ALARM at some instant of [from, to)?" with the first such instant. */
export type AlarmProbe = (name: string, from: number, to: number) => number | undefined;

export interface Progress {
  /** The schedule as it really runs: the planned phases, cut and followed by rollback if one began. */
  phases: Phase[];
  /** The phase at `now`; undefined once the update is over. */
  current?: Phase;
  /** Set once the update is over (at `end`, ms). */
  outcome?: { end: number; result: 'succeeded' | 'rolled-back'; failureReason?: string };
}

interface Trigger {
  at: number;
  reason: string;
  /** The phase the cause belongs to (the failed provisioning ends where the next phase starts). */
  during?: Phase;
}

/**
 * The state of an update at `now`, computed only from the clock, the plan and the alarm histories:
 * the same inputs always give the same answer, whenever they are asked.
 *
 * A rollback starts at the earliest of: the end of a provisioning that fails (fault switch), the
 * first instant any rollback alarm is in ALARM during a bake, and the start time plus
 * MaximumExecutionTimeoutInSeconds when the planned end lies beyond it.
 */
export function progressAt(update: Run, now: number, alarms: AlarmProbe): Progress {
  const ms = (seconds: number) => update.startedAt + seconds * 1000;
  const trigger = firstTrigger(update, now, alarms);
  let phases = update.planned;
  if (trigger !== undefined) {
    const at = (trigger.at - update.startedAt) / 1000;
    const during =
      trigger.during ?? phases.find((p) => p.start <= at && at < p.end) ?? phases[phases.length - 1]!;
    const kept = phases.filter((p) => p.start < at).map((p) => (p.end > at ? { ...p, end: at } : p));
    phases = [...kept, ...rollbackTimeline(update.policy, update.fleet, during, at, update.timings)];
  }
  const end = ms(phases[phases.length - 1]?.end ?? 0);
  if (now >= end) {
    const outcome = trigger
      ? { end, result: 'rolled-back' as const, failureReason: trigger.reason }
      : { end, result: 'succeeded' as const };
    return { phases, outcome };
  }
  const current = phases.find((p) => ms(p.start) <= now && now < ms(p.end));
  return { phases, current };
}

function firstTrigger(update: Run, now: number, alarms: AlarmProbe): Trigger | undefined {
  const words = wordsOf(update);
  const ms = (seconds: number) => update.startedAt + seconds * 1000;
  const planned = update.planned;
  const plannedEnd = ms(planned[planned.length - 1]?.end ?? 0);
  const candidates: Trigger[] = [];
  const provisioning = planned.find((p) => p.status === 'Creating');
  if (update.failProvisioning && provisioning) {
    candidates.push({
      at: ms(provisioning.end),
      during: provisioning,
      reason: `Failed to provision the new ${words.unit} of ${words.to}: the primary container did not pass the ping health check. Rolled back to ${words.from}.`,
    });
  }
  for (const phase of planned) {
    if (!phase.bake || ms(phase.start) > now) continue;
    for (const alarm of update.policy.alarms) {
      const at = alarms(alarm, ms(phase.start), Math.min(ms(phase.end), now + 1));
      if (at === undefined) continue;
      candidates.push({
        at,
        reason: `Alarm ${alarm} went into ALARM state during ${phase.bake} of step ${phase.step} of ${phase.steps}. Auto-rollback reverted ${words.subject} to ${words.from}.`,
      });
    }
  }
  // Once blue/green terminates the old fleet there is nothing to roll back to: the timeout no longer applies.
  const deadline = ms(update.policy.timeoutSeconds);
  const pointOfNoReturn = planned.find((p) => p.on === 'blue' && p.status === 'Deleting');
  if (deadline < (pointOfNoReturn ? ms(pointOfNoReturn.start) : plannedEnd)) {
    candidates.push({
      at: deadline,
      reason: `The deployment did not finish within MaximumExecutionTimeoutInSeconds (${update.policy.timeoutSeconds} seconds). Rolled back to ${words.from}.`,
    });
  }
  const due = candidates.filter((c) => c.at <= now).sort((a, b) => a.at - b.at);
  return due[0];
}
