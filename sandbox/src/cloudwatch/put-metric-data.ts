import type { Json } from '../http/input.js';
import { combination, invalid, missing } from './errors.js';
import { addPoint, type DataPoint, type Dimension } from './metrics.js';
import type { CloudWatchContext } from './operations.js';

const UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
];
const TWO_WEEKS = 14 * 24 * 3600 * 1000;
const TWO_HOURS = 2 * 3600 * 1000;

/**
 * PutMetricData: up to 1000 data points of one namespace, each stored at its Timestamp (the sandbox's now
 * when absent) in simulated time. Checked as CloudWatch checks them: a Value, Values with Counts or
 * StatisticValues (one of them), at most 30 dimensions and 150 values, a unit CloudWatch knows, a time at most
 * two weeks back and two hours ahead. Unlike CloudWatch, namespaces starting with `AWS/` are accepted: the
 * sandbox plays the services that publish them (docs/sandbox.md).
 */
export function putMetricData(ctx: CloudWatchContext, input: Json): Json {
  const namespace = text(input.Namespace, 'Namespace', 255);
  const data = input.MetricData;
  if (data === undefined || data === null) throw missing('MetricData');
  if (!Array.isArray(data)) throw invalid('The parameter MetricData must be a list of MetricDatum.');
  if (data.length < 1 || data.length > 1000)
    throw invalid(`The collection MetricData must hold between 1 and 1000 items, not ${data.length}.`);
  const now = ctx.now();
  const read = data.map((datum, i) => readDatum(datum, `MetricData.member.${i + 1}`, now));
  for (const { name, dimensions, point } of read)
    addPoint(ctx.state.metrics, { namespace, name, dimensions }, point);
  return {};
}

function readDatum(raw: unknown, path: string, now: number) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(`The parameter ${path} must be a MetricDatum object.`);
  const datum = raw as Json;
  const name = text(datum.MetricName, `${path}.MetricName`, 255);
  const dimensions = readDimensions(datum.Dimensions, `${path}.Dimensions`);
  const at = readTimestamp(datum.Timestamp, `${path}.Timestamp`, now);
  const unit = datum.Unit === undefined || datum.Unit === null ? undefined : String(datum.Unit);
  if (unit !== undefined && !UNITS.includes(unit))
    throw invalid(
      `The value ${unit} for parameter ${path}.Unit is invalid; expected one of ${UNITS.join(', ')}.`,
    );
  const resolution = datum.StorageResolution;
  if (resolution !== undefined && resolution !== null && resolution !== 1 && resolution !== 60)
    throw invalid(
      `The value ${String(resolution)} for parameter ${path}.StorageResolution is invalid; use 1 or 60.`,
    );
  const point = readValues(datum, path);
  return { name, dimensions, point: { ...point, at, ...(unit ? { unit } : {}) } as DataPoint };
}

/** Exactly one of Value, Values (+ Counts) and StatisticValues. */
function readValues(datum: Json, path: string): Omit<DataPoint, 'at'> {
  const given = ['Value', 'Values', 'StatisticValues'].filter(
    (k) => datum[k] !== undefined && datum[k] !== null,
  );
  if (given.length > 1)
    throw combination(
      `The parameters ${given.map((k) => `${path}.${k}`).join(' and ')} are mutually exclusive and you have specified ${given.length === 2 ? 'both' : 'all three'}.`,
    );
  if (datum.Counts !== undefined && datum.Counts !== null && given[0] !== 'Values')
    throw combination(`The parameter ${path}.Counts can only be given with ${path}.Values.`);
  if (given.length === 0) throw missing(`${path}.Value, ${path}.Values or ${path}.StatisticValues`);
  if (given[0] === 'Value') {
    const v = number(datum.Value, `${path}.Value`);
    return { count: 1, sum: v, min: v, max: v, values: [{ value: v, count: 1 }] };
  }
  if (given[0] === 'Values') return readValueList(datum, path);
  const stats = datum.StatisticValues as Json;
  const at = `${path}.StatisticValues`;
  const count = number(stats.SampleCount, `${at}.SampleCount`);
  const sum = number(stats.Sum, `${at}.Sum`);
  const min = number(stats.Minimum, `${at}.Minimum`);
  const max = number(stats.Maximum, `${at}.Maximum`);
  if (count <= 0)
    throw invalid(
      `The value ${count} for parameter ${at}.SampleCount is invalid; it must be greater than 0.`,
    );
  if (min > max)
    throw invalid(`The parameter ${at}.Minimum (${min}) must not be greater than ${at}.Maximum (${max}).`);
  return { count, sum, min, max };
}

function readValueList(datum: Json, path: string): Omit<DataPoint, 'at'> {
  const values = datum.Values;
  const counts = datum.Counts ?? undefined;
  if (!Array.isArray(values)) throw invalid(`The parameter ${path}.Values must be a list of numbers.`);
  if (values.length < 1 || values.length > 150)
    throw invalid(`The collection ${path}.Values must hold between 1 and 150 values, not ${values.length}.`);
  if (counts !== undefined && (!Array.isArray(counts) || counts.length !== values.length))
    throw invalid(`The parameters ${path}.Values and ${path}.Counts must be lists of the same size.`);
  const pairs = values.map((v, i) => ({
    value: number(v, `${path}.Values.member.${i + 1}`),
    count: counts ? number((counts as unknown[])[i], `${path}.Counts.member.${i + 1}`) : 1,
  }));
  for (const [i, p] of pairs.entries())
    if (p.count < 0)
      throw invalid(
        `The value ${p.count} for parameter ${path}.Counts.member.${i + 1} is invalid; counts are at least 0.`,
      );
  return {
    count: pairs.reduce((n, p) => n + p.count, 0),
    sum: pairs.reduce((n, p) => n + p.value * p.count, 0),
    min: Math.min(...pairs.map((p) => p.value)),
    max: Math.max(...pairs.map((p) => p.value)),
    values: pairs,
  };
}

function readDimensions(raw: unknown, path: string): Dimension[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid(`The parameter ${path} must be a list of dimensions.`);
  if (raw.length > 30) throw invalid(`The collection ${path} must not have a size greater than 30.`);
  const dims = raw.map((d, i) => {
    const at = `${path}.member.${i + 1}`;
    const dim = (typeof d === 'object' && d !== null ? d : {}) as Json;
    return { Name: text(dim.Name, `${at}.Name`, 255), Value: text(dim.Value, `${at}.Value`, 1024) };
  });
  const names = dims.map((d) => d.Name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw invalid(`The dimension ${twice} appears more than once in ${path}.`);
  return dims;
}

/** Epoch seconds (what the SDK sends); absent means now. */
function readTimestamp(raw: unknown, path: string, now: number): number {
  if (raw === undefined || raw === null) return now;
  const at = typeof raw === 'number' ? raw * 1000 : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(at)) throw invalid(`The value ${String(raw)} for parameter ${path} is invalid.`);
  if (at < now - TWO_WEEKS)
    throw invalid(`The parameter ${path} must specify a time no more than two weeks in the past.`);
  if (at > now + TWO_HOURS)
    throw invalid(`The parameter ${path} must specify a time no more than two hours in the future.`);
  return Math.round(at);
}

function number(raw: unknown, path: string): number {
  if (raw === undefined || raw === null) throw missing(path);
  if (typeof raw !== 'number' || !Number.isFinite(raw) || Math.abs(raw) > 2 ** 360)
    throw invalid(`The value ${String(raw)} for parameter ${path} is invalid.`);
  return raw;
}

function text(raw: unknown, path: string, max: number): string {
  if (raw === undefined || raw === null) throw missing(path);
  if (typeof raw !== 'string') throw invalid(`The parameter ${path} must be a string.`);
  if (raw.length < 1 || raw.length > max)
    throw invalid(`The parameter ${path} must be between 1 and ${max} characters long.`);
  return raw;
}
