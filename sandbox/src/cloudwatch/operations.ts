import { ServiceError } from '../errors.js';
import { indexPage, indexToken } from '../http/index-paging.js';
import type { Json } from '../http/input.js';
import { ALARM_STATES, type AlarmRecord, type AlarmState, recordChange, stateAt } from './alarms.js';
import { combination, invalid, invalidToken, missing } from './errors.js';
import { getMetricData } from './get-metric-data.js';
import type { MetricSeries } from './metrics.js';
import { putMetricData } from './put-metric-data.js';
import type { Publisher } from './series-points.js';

/**
 * CloudWatch over AWS JSON 1.0 in query-compatible mode (what @aws-sdk/client-cloudwatch 3.1142
 * sends: `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, `x-amzn-query-mode: true`).
 * Errors carry the awsQuery code in `x-amzn-query-error` ("ResourceNotFound;Sender").
 */
export interface CloudWatchState {
  region: string;
  account: string;
  alarms: Map<string, AlarmRecord>;
  /** Metric series by `seriesKey` (PutMetricData). */
  metrics: Map<string, MetricSeries>;
}

export interface CloudWatchContext {
  state: CloudWatchState;
  now(): number;
  /** What other services publish into metric series, computed when GetMetricData reads them. */
  published?: Publisher;
}

export function createCloudWatchState(region: string, account = '123456789012'): CloudWatchState {
  return { region, account, alarms: new Map(), metrics: new Map() };
}

function text(input: Json, key: string, required: true): string;
function text(input: Json, key: string, required?: false): string | undefined;
function text(input: Json, key: string, required = false): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) {
    if (required) throw missing(key);
    return undefined;
  }
  if (typeof value !== 'string')
    throw invalid(`The parameter ${key} must be a string, not ${JSON.stringify(value)}.`);
  if (required && value.length === 0) throw invalid(`The parameter ${key} must not be empty.`);
  if (value.length > 1024) throw invalid(`The parameter ${key} must be at most 1024 characters long.`);
  return value;
}

function alarmState(value: string): AlarmState {
  if ((ALARM_STATES as readonly string[]).includes(value)) return value as AlarmState;
  throw invalid(`The parameter StateValue must be one of ${ALARM_STATES.join(', ')}, not '${value}'.`);
}

/** Creates or replaces an alarm; a new alarm starts in INSUFFICIENT_DATA, a replaced one keeps its history. */
export function putAlarm(ctx: CloudWatchContext, definition: Json, initial?: AlarmState): AlarmRecord {
  const name = text(definition, 'AlarmName', true);
  const now = ctx.now();
  const existing = ctx.state.alarms.get(name);
  const alarm: AlarmRecord = existing ?? {
    name,
    arn: `arn:aws:cloudwatch:${ctx.state.region}:${ctx.state.account}:alarm:${name}`,
    definition,
    configurationUpdatedAt: now,
    changes: [{ at: now, state: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation' }],
  };
  alarm.definition = definition;
  alarm.configurationUpdatedAt = now;
  if (initial !== undefined)
    recordChange(alarm, { at: now, state: initial, reason: 'Seeded by the sandbox control API' });
  ctx.state.alarms.set(name, alarm);
  return alarm;
}

function putMetricAlarm(ctx: CloudWatchContext, input: Json): Json {
  text(input, 'MetricName');
  text(input, 'Namespace');
  text(input, 'ComparisonOperator', true);
  for (const key of ['EvaluationPeriods', 'Period', 'Threshold'] as const) {
    const value = input[key];
    if (value !== undefined && typeof value !== 'number')
      throw invalid(`The parameter ${key} must be a number.`);
  }
  if (input.EvaluationPeriods === undefined) throw missing('EvaluationPeriods');
  putAlarm(ctx, input);
  return {};
}

function describeAlarms(ctx: CloudWatchContext, input: Json): Json {
  const names = input.AlarmNames;
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== 'string')))
    throw invalid('The parameter AlarmNames must be a list of strings.');
  if (Array.isArray(names) && names.length > 100)
    throw invalid('The parameter AlarmNames must hold at most 100 names.');
  const prefix = text(input, 'AlarmNamePrefix');
  if (names !== undefined && prefix !== undefined)
    throw combination('AlarmNames and AlarmNamePrefix cannot be given together.');
  const stateValue = text(input, 'StateValue');
  if (stateValue !== undefined) alarmState(stateValue);
  const { start, max } = page(input);
  const now = ctx.now();
  const alarms = [...ctx.state.alarms.values()]
    .filter((a) => names === undefined || (names as string[]).includes(a.name))
    .filter((a) => prefix === undefined || a.name.startsWith(prefix))
    .filter((a) => stateValue === undefined || stateAt(a, now).state === stateValue)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (start > alarms.length) throw invalidToken();
  const { page: shown, next } = indexPage(alarms, start, max);
  return { MetricAlarms: shown.map((a) => metricAlarm(a, now)), CompositeAlarms: [], ...next };
}

/**
 * DescribeAlarms' paging: MaxRecords 1–100 (default 50, as the API reference gives) and a NextToken from an earlier
 * page (here the next alarm's index); a token the sandbox never gave is InvalidNextToken, as CloudWatch answers.
 */
function page(input: Json): { start: number; max: number } {
  const max = input.MaxRecords ?? 50;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100)
    throw invalid(
      `The parameter MaxRecords must be a whole number from 1 to 100, not ${JSON.stringify(max)}.`,
    );
  return { start: indexToken(text(input, 'NextToken'), invalidToken), max };
}

function metricAlarm(alarm: AlarmRecord, now: number): Json {
  const current = stateAt(alarm, now);
  const { AlarmName: _name, Tags: _tags, ...definition } = alarm.definition;
  return {
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    ActionsEnabled: true,
    ...definition,
    AlarmConfigurationUpdatedTimestamp: alarm.configurationUpdatedAt / 1000,
    StateValue: current.state,
    StateReason: current.reason,
    ...(current.reasonData ? { StateReasonData: current.reasonData } : {}),
    StateUpdatedTimestamp: current.at / 1000,
    StateTransitionedTimestamp: current.at / 1000,
  };
}

function setAlarmState(ctx: CloudWatchContext, input: Json): Json {
  const name = text(input, 'AlarmName', true);
  const state = alarmState(text(input, 'StateValue', true));
  const reason = text(input, 'StateReason', true);
  const reasonData = text(input, 'StateReasonData');
  if (reasonData !== undefined) {
    try {
      JSON.parse(reasonData);
    } catch {
      throw new ServiceError(
        400,
        'InvalidFormatFault',
        'StateReasonData is not valid JSON.',
        'InvalidFormat',
      );
    }
  }
  const alarm = ctx.state.alarms.get(name);
  if (!alarm) throw new ServiceError(404, 'ResourceNotFound', `Alarm ${name} not found`, 'ResourceNotFound');
  recordChange(alarm, { at: ctx.now(), state, reason, ...(reasonData ? { reasonData } : {}) });
  return {};
}

function deleteAlarms(ctx: CloudWatchContext, input: Json): Json {
  const names = input.AlarmNames;
  if (!Array.isArray(names)) throw missing('AlarmNames');
  if (names.some((n) => typeof n !== 'string'))
    throw invalid('The parameter AlarmNames must be a list of strings.');
  const unknown = names.filter((n) => !ctx.state.alarms.has(n));
  if (unknown.length > 0)
    throw new ServiceError(
      404,
      'ResourceNotFound',
      `Alarm(s) not found: ${unknown.join(', ')}`,
      'ResourceNotFound',
    );
  for (const n of names as string[]) ctx.state.alarms.delete(n);
  return {};
}

export const cloudWatchOperations: Record<string, (ctx: CloudWatchContext, input: Json) => Json> = {
  PutMetricAlarm: putMetricAlarm,
  DescribeAlarms: describeAlarms,
  SetAlarmState: setAlarmState,
  DeleteAlarms: deleteAlarms,
  PutMetricData: putMetricData,
  GetMetricData: getMetricData,
};
