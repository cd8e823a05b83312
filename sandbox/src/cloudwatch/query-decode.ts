import type { Json } from '../http/input.js';
import { invalid } from './errors.js';

/**
 * CloudWatch's query protocol (what botocore before 1.31 and aws-cli 2.9 send): `POST /` with a form body,
 * `Action=SetAlarmState&Version=2010-08-01&AlarmName=…`, lists flattened as `AlarmNames.member.1`, structures as
 * dotted names (`MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name`). Every value is text;
 * this turns the body into the JSON input the operations take (cloudwatch/operations.ts), typing the members
 * each operation reads as numbers, booleans or timestamps (the shapes of botocore's cloudwatch/2010-08-01 model).
 */
export interface QueryRequest {
  readonly action: string | undefined;
  readonly version: string | undefined;
  readonly input: Json;
}

type Scalar = 'integer' | 'double' | 'boolean' | 'timestamp';

/** Per operation, the members that are not strings, by path (`[]` for a list item). */
const scalars: Record<string, Record<string, Scalar>> = {
  PutMetricAlarm: {
    ActionsEnabled: 'boolean',
    Period: 'integer',
    EvaluationPeriods: 'integer',
    DatapointsToAlarm: 'integer',
    Threshold: 'double',
    'Metrics.[].MetricStat.Period': 'integer',
    'Metrics.[].ReturnData': 'boolean',
    'Metrics.[].Period': 'integer',
  },
  DescribeAlarms: { MaxRecords: 'integer' },
  SetAlarmState: {},
  DeleteAlarms: {},
  PutMetricData: {
    'MetricData.[].Timestamp': 'timestamp',
    'MetricData.[].Value': 'double',
    'MetricData.[].StatisticValues.SampleCount': 'double',
    'MetricData.[].StatisticValues.Sum': 'double',
    'MetricData.[].StatisticValues.Minimum': 'double',
    'MetricData.[].StatisticValues.Maximum': 'double',
    'MetricData.[].Values.[]': 'double',
    'MetricData.[].Counts.[]': 'double',
    'MetricData.[].StorageResolution': 'integer',
  },
  GetMetricData: {
    'MetricDataQueries.[].MetricStat.Period': 'integer',
    'MetricDataQueries.[].ReturnData': 'boolean',
    'MetricDataQueries.[].Period': 'integer',
    StartTime: 'timestamp',
    EndTime: 'timestamp',
    MaxDatapoints: 'integer',
  },
};

/** The operations served in the query protocol. */
export const queryActions = Object.keys(scalars);

/**
 * Decodes a form body into the action and its JSON input.
 *
 *   'Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=a&AlarmNames.member.2=b'
 *     → { action: 'DeleteAlarms', version: '2010-08-01', input: { AlarmNames: ['a', 'b'] } }
 */
export function decodeQuery(body: string): QueryRequest {
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? undefined;
  const version = form.get('Version') ?? undefined;
  const root: Json = {};
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    place(root, key.split('.'), value);
  }
  const input = lists(root) as Json;
  const types = (action !== undefined && Object.hasOwn(scalars, action) ? scalars[action] : undefined) ?? {};
  return { action, version, input: typed(input, [], types) as Json };
}

/** Puts `value` at the dotted path; `member.N` becomes the key `#N` of a list-to-be. */
function place(into: Json, segments: string[], value: string): void {
  let node = into;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const isMember = segment === 'member' && /^[1-9][0-9]*$/.test(segments[i + 1] ?? '');
    const key = isMember ? `#${segments[i + 1]}` : segment;
    if (isMember) i++;
    if (i === segments.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    node[key] = next !== null && typeof next === 'object' ? next : {};
    node = node[key] as Json;
  }
}

/** Objects whose keys are all `#N` become lists, ordered by N. */
function lists(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Json);
  if (entries.length > 0 && entries.every(([k]) => k.startsWith('#')))
    return entries.sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([, v]) => lists(v));
  return Object.fromEntries(entries.map(([k, v]) => [k, lists(v)]));
}

/** Numbers, booleans and timestamps where the operation's shape has them; everything else stays text. */
function typed(node: unknown, path: string[], types: Record<string, Scalar>): unknown {
  if (Array.isArray(node)) return node.map((item) => typed(item, [...path, '[]'], types));
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, typed(v, [...path, k], types)]));
  const type = types[path.join('.')];
  return type === undefined ? node : scalar(node as string, type, path.join('.'));
}

function scalar(text: string, type: Scalar, path: string): unknown {
  if (type === 'boolean') {
    if (text === 'true' || text === 'false') return text === 'true';
    throw invalid(`The value ${text} for parameter ${path} is invalid: expected true or false.`);
  }
  if (type === 'timestamp') {
    // ISO 8601 (what botocore sends) or epoch seconds; the operations read epoch seconds.
    const at = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
    return Number.isFinite(at) ? at / 1000 : text;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value)))
    throw invalid(
      `The value ${text} for parameter ${path} is invalid: expected ${type === 'integer' ? 'a whole number' : 'a number'}.`,
    );
  return value;
}
