import type { PointValue } from './align.js';
import {
  descriptorFor,
  invalidField,
  type MetricDescriptor,
  type ValueType,
  VERTEX_METRICS,
} from './descriptors.js';
import { type MonitoringState, type SeriesRecord, seriesKey } from './state.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How far back and ahead of now a point may be written (Cloud Monitoring's limits for writes). */
const PAST_MS = 25 * 3600_000;
const FUTURE_MS = 5 * 60_000;

/**
 * `timeSeries.create`: 1–200 series of exactly one point each. Checked as Cloud Monitoring checks them: a metric
 * type that may be written, labels the metric and resource take, the value type of the metric, a start at most 25
 * hours back and an end at most 5 minutes ahead, one point per series, points of a series written in order. All or
 * nothing: a refused request writes no point.
 */
export function createTimeSeries(state: MonitoringState, project: string, body: Json, now: number): void {
  const list = body.timeSeries;
  if (!Array.isArray(list) || list.length === 0 || list.length > 200)
    throw invalidField('timeSeries', 'A request writes between 1 and 200 TimeSeries.');
  const series = state.projects.get(project) ?? new Map<string, SeriesRecord>();
  const created = new Map<string, MetricDescriptor>();
  const writes = list.map((raw, i) => readSeries(state, created, raw, `timeSeries[${i}]`, now));
  const seen = new Set<string>();
  for (const [i, w] of writes.entries()) {
    const key = seriesKey(w);
    const last = series.get(key)?.points.at(-1);
    if (seen.has(key))
      throw invalidField(
        `timeSeries[${i}]`,
        'Duplicate TimeSeries encountered. Only one point can be written per TimeSeries per request.',
      );
    if (last && w.point.end <= last.end)
      throw invalidField(
        `timeSeries[${i}]`,
        'Points must be written in order. One or more of the points specified had an older start time than the most recent point.',
      );
    seen.add(key);
  }
  for (const w of writes) {
    const key = seriesKey(w);
    const record = series.get(key) ?? { metric: w.metric, resource: w.resource, points: [] };
    record.points.push(w.point);
    series.set(key, record);
  }
  for (const [type, d] of created) state.descriptors.set(type, d);
  state.projects.set(project, series);
}

function readSeries(
  state: MonitoringState,
  created: Map<string, MetricDescriptor>,
  raw: unknown,
  at: string,
  now: number,
) {
  if (!isObject(raw)) throw invalidField(at, 'A TimeSeries is an object.');
  const metric = isObject(raw.metric) ? raw.metric : {};
  const resource = isObject(raw.resource) ? raw.resource : {};
  if (typeof metric.type !== 'string' || metric.type === '')
    throw invalidField(`${at}.metric.type`, 'A metric type is required.');
  if (typeof resource.type !== 'string' || resource.type === '')
    throw invalidField(`${at}.resource.type`, 'A monitored resource type is required.');
  const points = raw.points;
  if (!Array.isArray(points) || points.length !== 1)
    throw invalidField(`${at}.points`, 'Only one point can be written per TimeSeries per request.');
  const { value, valueType } = readValue(points[0], `${at}.points[0]`);
  const known = new Map([...state.descriptors, ...created]);
  const descriptor = descriptorFor(known, metric.type, valueType, `${at}.metric.type`);
  if (!VERTEX_METRICS[metric.type] && !state.descriptors.has(metric.type))
    created.set(metric.type, descriptor);
  if (descriptor.valueType !== valueType)
    throw invalidField(
      `${at}.points[0].value`,
      `Value type for metric ${metric.type} must be ${descriptor.valueType}, but is ${valueType}.`,
    );
  const metricLabels = readLabels(metric.labels, `${at}.metric.labels`, descriptor.labels);
  const resourceLabels = readLabels(resource.labels, `${at}.resource.labels`, descriptor.resource?.labels);
  if (descriptor.resource) {
    if (resource.type !== descriptor.resource.type)
      throw invalidField(
        `${at}.resource.type`,
        `The metric ${metric.type} is written on resource type ${descriptor.resource.type}.`,
        resource.type,
      );
    const missing = descriptor.resource.labels.filter((l) => resourceLabels[l] === undefined);
    if (missing.length > 0)
      throw invalidField(`${at}.resource.labels`, `Missing resource label(s): ${missing.join(', ')}.`);
    if (metricLabels.deployed_model_id === undefined)
      throw invalidField(
        `${at}.metric.labels`,
        'Missing metric label deployed_model_id: the DeployedModel that served the predictions.',
      );
  }
  const point = readInterval(points[0], `${at}.points[0].interval`, descriptor, now);
  return {
    metric: { type: metric.type, labels: metricLabels },
    resource: { type: resource.type, labels: resourceLabels },
    point: { ...point, value },
  };
}

function readLabels(
  raw: unknown,
  at: string,
  allowed: readonly string[] | undefined,
): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw invalidField(at, 'Labels are a map of strings.');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') throw invalidField(`${at}.${k}`, 'A label value is a string.', v);
    if (allowed && !allowed.includes(k))
      throw invalidField(at, `Unrecognized label ${k}; this type takes ${allowed.join(', ')}.`);
    out[k] = v;
  }
  return out;
}

function readValue(raw: unknown, at: string): { value: PointValue; valueType: ValueType } {
  const value = isObject(raw) && isObject(raw.value) ? raw.value : undefined;
  const given = value ? Object.keys(value).filter((k) => value[k] !== undefined) : [];
  if (!value || given.length !== 1)
    throw invalidField(
      `${at}.value`,
      'Exactly one of int64Value, doubleValue and distributionValue is required.',
    );
  const [kind] = given as [string];
  const v = value[kind];
  if (kind === 'int64Value') {
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n))
      throw invalidField(
        `${at}.value.int64Value`,
        'An int64 value is an integer (a string of digits in JSON).',
        v,
      );
    return { value: n, valueType: 'INT64' };
  }
  if (kind === 'doubleValue') {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw invalidField(`${at}.value.doubleValue`, 'A double value is a finite number.', v);
    return { value: v, valueType: 'DOUBLE' };
  }
  if (kind === 'distributionValue' && isObject(v)) {
    const count = typeof v.count === 'string' && /^\d+$/.test(v.count) ? Number(v.count) : v.count;
    const mean = v.mean ?? 0;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
      throw invalidField(`${at}.value.distributionValue.count`, 'A count is a whole number ≥ 0.', v.count);
    if (typeof mean !== 'number' || !Number.isFinite(mean))
      throw invalidField(`${at}.value.distributionValue.mean`, 'A mean is a finite number.', v.mean);
    return { value: { count, mean }, valueType: 'DISTRIBUTION' };
  }
  throw invalidField(
    `${at}.value`,
    `Unknown value field ${kind}; expected int64Value, doubleValue or distributionValue.`,
  );
}

function readInterval(raw: unknown, at: string, descriptor: MetricDescriptor, now: number) {
  const interval = isObject(raw) && isObject(raw.interval) ? raw.interval : {};
  const end = time(interval.endTime, `${at}.endTime`);
  if (end === undefined) throw invalidField(`${at}.endTime`, 'An end time is required.');
  const start = time(interval.startTime, `${at}.startTime`);
  if (start !== undefined && descriptor.kind === 'GAUGE' && start !== end)
    throw invalidField(
      `${at}.startTime`,
      'The start time of a GAUGE point, when given, must equal its end time.',
    );
  if (start !== undefined && descriptor.kind === 'DELTA' && start >= end)
    throw invalidField(`${at}.startTime`, 'The start time must be before the end time for a DELTA metric.');
  if ((start ?? end) < now - PAST_MS)
    throw invalidField(
      `${at}.${start === undefined ? 'endTime' : 'startTime'}`,
      'The start time of a point must not be more than 25 hours in the past.',
      start === undefined ? interval.endTime : interval.startTime,
    );
  if (end > now + FUTURE_MS)
    throw invalidField(
      `${at}.endTime`,
      'The end time of a point must not be more than 5 minutes in the future.',
      interval.endTime,
    );
  return start === undefined ? { end } : { start, end };
}

function time(raw: unknown, at: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const t = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(t)) throw invalidField(at, 'A timestamp is an RFC 3339 string.', raw);
  return t;
}
