/**
 * CloudWatch alarms as a history of state changes, so the state at any simulated instant is known:
 * SetAlarmState records a change at "now", the control API may record changes in the future
 * ("fraud-5xx goes to ALARM at 09:12"), and the SageMaker state machine asks whether an alarm was
 * in ALARM at any moment of a bake.
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export const ALARM_STATES: readonly AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

export interface AlarmChange {
  at: number;
  state: AlarmState;
  reason: string;
  reasonData?: string;
}

export interface AlarmRecord {
  name: string;
  arn: string;
  /** The PutMetricAlarm input as given (echoed by DescribeAlarms). */
  definition: Record<string, unknown>;
  configurationUpdatedAt: number;
  /** Sorted by `at`; the first entry is the state at creation. */
  changes: AlarmChange[];
}

/** The change in force at `t` (the creation state before any other). */
export function stateAt(alarm: AlarmRecord, t: number): AlarmChange {
  let current = alarm.changes[0]!;
  for (const change of alarm.changes) {
    if (change.at > t) break;
    current = change;
  }
  return current;
}

/** The first instant in [from, to) at which the alarm is in ALARM, if any. */
export function firstAlarmIn(alarm: AlarmRecord, from: number, to: number): number | undefined {
  if (to <= from) return undefined;
  if (stateAt(alarm, from).state === 'ALARM') return from;
  return alarm.changes.find((c) => c.at > from && c.at < to && c.state === 'ALARM')?.at;
}

/** Records a change, keeping the history sorted (a later-scheduled change at the same instant wins). */
export function recordChange(alarm: AlarmRecord, change: AlarmChange): void {
  const index = alarm.changes.findIndex((c) => c.at > change.at);
  if (index === -1) alarm.changes.push(change);
  else alarm.changes.splice(index, 0, change);
}
