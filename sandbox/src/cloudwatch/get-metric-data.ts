import type { Json } from '../http/input.js';
import { invalid, invalidToken, missing, validationError } from './errors.js';
import { type Expr, evaluate, parseExpression, references, type Series } from './metric-math.js';
import { type DataPoint, type Dimension, parseStatistic, type Statistic, statistic } from './metrics.js';
import type { CloudWatchContext } from './operations.js';
import { seriesPoints } from './series-points.js';

const ID = /^[a-z][a-zA-Z0-9_]*$/;
const DEFAULT_MAX_DATAPOINTS = 100_800;

interface Query {
  id: string;
  path: string;
  label?: string;
  returnData: boolean;
  stat?: {
    namespace: string;
    name: string;
    dimensions: Dimension[];
    period: number;
    stat: Statistic;
    unit?: string;
  };
  expression?: { text: string; expr: Expr };
}

/**
 * GetMetricData: metric queries (MetricStat: a statistic per Period bucket) and metric math over them
 * (metric-math.ts). Buckets start at StartTime rounded down as CloudWatch rounds it (to the minute within 15
 * days of now, to 5 minutes within 63 days, else to the hour) and follow every Period up to EndTime
 * (exclusive); a bucket without data has no point. Timestamps are newest first unless ScanBy is
 * TimestampAscending. MaxDatapoints pages the points of all results together with NextToken.
 */
export function getMetricData(ctx: CloudWatchContext, input: Json): Json {
  const queries = readQueries(input);
  const start = alignStart(time(input.StartTime, 'StartTime'), ctx.now());
  const end = time(input.EndTime, 'EndTime');
  if (end <= start) throw validationError('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = input.ScanBy ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending')
    throw validationError(
      `The value ${String(scanBy)} for parameter ScanBy is invalid; expected TimestampDescending or TimestampAscending.`,
    );
  const max = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    throw validationError(
      `The value ${String(max)} for parameter MaxDatapoints is invalid; it must be a positive integer.`,
    );
  const token = input.NextToken;
  if (token !== undefined && token !== null && (typeof token !== 'string' || !/^\d+$/.test(token)))
    throw invalidToken();
  const resolved = resolver(ctx, queries, start, end);
  const results = queries
    .filter((q) => q.returnData)
    .map((q) => {
      const series = resolved(q.id, []);
      const times = [...series.keys()].sort((a, b) => (scanBy === 'TimestampAscending' ? a - b : b - a));
      return { q, times, series };
    });
  return page(results, typeof token === 'string' ? Number(token) : 0, max);
}

/** The results' points from `offset`, at most `max` of them, with the token for the rest. */
function page(results: { q: Query; times: number[]; series: Series }[], offset: number, max: number): Json {
  let skip = offset;
  let room = max;
  let more = false;
  const out = results.map(({ q, times, series }) => {
    const from = Math.min(skip, times.length);
    skip -= from;
    const taken = times.slice(from, from + room);
    room -= taken.length;
    const partial = from + taken.length < times.length;
    more ||= partial;
    return {
      Id: q.id,
      Label: q.label ?? q.stat?.name ?? q.id,
      Timestamps: taken.map((t) => t / 1000),
      Values: taken.map((t) => series.get(t)!),
      StatusCode: partial ? 'PartialData' : 'Complete',
      Messages: [],
    };
  });
  return { MetricDataResults: out, Messages: [], ...(more ? { NextToken: String(offset + max) } : {}) };
}

/** Series by query id, each computed once; an expression reads the series of the ids it names. */
function resolver(ctx: CloudWatchContext, queries: Query[], start: number, end: number) {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const done = new Map<string, Series>();
  const resolve = (id: string, path: string[]): Series => {
    const cached = done.get(id);
    if (cached) return cached;
    const q = byId.get(id)!;
    let series: Series;
    if (q.stat) series = buckets(ctx, q.stat, start, end);
    else {
      if (path.includes(id))
        throw validationError(
          `Error in expression ${path[0]}: the expressions ${[...path, id].join(' → ')} refer to each other in a circle.`,
        );
      const value = evaluate(q.expression!.expr, (ref) => resolve(ref, [...path, id]));
      series = typeof value === 'number' ? new Map() : value;
    }
    done.set(id, series);
    return series;
  };
  return resolve;
}

/**
 * A statistic per Period bucket from `start`, over the points put and those published (series-points.ts); buckets
 * without data points are left out.
 */
function buckets(
  ctx: CloudWatchContext,
  stat: NonNullable<Query['stat']>,
  start: number,
  end: number,
): Series {
  const out: Series = new Map();
  const period = stat.period * 1000;
  const grouped = new Map<number, DataPoint[]>();
  for (const p of seriesPoints(ctx, stat, { from: start, to: end })) {
    if (stat.unit !== undefined && p.unit !== stat.unit) continue;
    const bucket = start + Math.floor((p.at - start) / period) * period;
    const list = grouped.get(bucket);
    if (list) list.push(p);
    else grouped.set(bucket, [p]);
  }
  for (const [bucket, points] of grouped) {
    const value = statistic(points, stat.stat);
    if (value !== undefined) out.set(bucket, value);
  }
  return out;
}

/**
 * StartTime as CloudWatch rounds it: down to the minute when less than 15 days old, to 5 minutes when less
 * than 63 days old, else to the hour.
 *
 *   09:12:34 (an hour ago) → 09:12:00;  20 days ago at 09:12:34 → 09:10:00
 */
export function alignStart(start: number, now: number): number {
  const day = 24 * 3600 * 1000;
  const age = now - start;
  const unit = age < 15 * day ? 60_000 : age < 63 * day ? 300_000 : 3_600_000;
  return Math.floor(start / unit) * unit;
}

function time(raw: unknown, name: string): number {
  if (raw === undefined || raw === null) throw missing(name);
  const at = typeof raw === 'number' ? raw * 1000 : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(at)) throw invalid(`The value ${String(raw)} for parameter ${name} is invalid.`);
  return at;
}

function readQueries(input: Json): Query[] {
  const raw = input.MetricDataQueries;
  if (raw === undefined || raw === null) throw missing('MetricDataQueries');
  if (!Array.isArray(raw)) throw validationError('The parameter MetricDataQueries must be a list.');
  if (raw.length < 1 || raw.length > 500)
    throw validationError(
      `The collection MetricDataQueries must hold between 1 and 500 queries, not ${raw.length}.`,
    );
  const queries = raw.map((q, i) => readQuery(q, `MetricDataQueries.member.${i + 1}`));
  const ids = queries.map((q) => q.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined)
    throw validationError(
      `The Id ${twice} is used by more than one query; the Ids in MetricDataQueries must be unique.`,
    );
  if (!queries.some((q) => q.returnData))
    throw validationError(
      'No query in MetricDataQueries has ReturnData set to true; at least one must return data.',
    );
  for (const q of queries) {
    if (!q.expression) continue;
    const unknown = references(q.expression.expr).filter((id) => !ids.includes(id));
    if (unknown.length > 0)
      throw validationError(
        `Error in expression ${q.id}: Unrecognized identifier ${unknown.join(', ')}; the expression can use the Ids ${ids.filter((id) => id !== q.id).join(', ')}.`,
      );
  }
  return queries;
}

function readQuery(raw: unknown, path: string): Query {
  const q = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Json;
  if (typeof q.Id !== 'string') throw missing(`${path}.Id`);
  if (!ID.test(q.Id) || q.Id.length > 255)
    throw validationError(
      `The value ${q.Id} for parameter ${path}.Id is not matching the expected pattern ${ID.source}.`,
    );
  const id = q.Id;
  const base = {
    id,
    path,
    returnData: q.ReturnData !== false,
    ...(typeof q.Label === 'string' ? { label: q.Label } : {}),
  };
  const hasStat = q.MetricStat !== undefined && q.MetricStat !== null;
  const hasExpression = q.Expression !== undefined && q.Expression !== null;
  if (hasStat && hasExpression)
    throw validationError(
      `The parameters ${path}.Expression and ${path}.MetricStat are mutually exclusive and you have specified both.`,
    );
  if (!hasStat && !hasExpression)
    throw validationError(`The query ${path} (Id ${id}) must specify one of MetricStat and Expression.`);
  if (hasExpression) {
    if (typeof q.Expression !== 'string' || q.Expression.length < 1 || q.Expression.length > 2048)
      throw validationError(`The parameter ${path}.Expression must be a string of 1 to 2048 characters.`);
    const parsed = parseExpression(q.Expression);
    if ('error' in parsed) throw validationError(`Error in expression ${id}: ${parsed.error}`);
    return { ...base, expression: { text: q.Expression, expr: parsed.expr } };
  }
  return { ...base, stat: readStat(q.MetricStat as Json, `${path}.MetricStat`) };
}

function readStat(stat: Json, path: string): NonNullable<Query['stat']> {
  const metric = (stat.Metric ?? undefined) as Json | undefined;
  if (!metric) throw missing(`${path}.Metric`);
  if (typeof metric.Namespace !== 'string') throw missing(`${path}.Metric.Namespace`);
  if (typeof metric.MetricName !== 'string') throw missing(`${path}.Metric.MetricName`);
  const dimensions = readDimensions(metric.Dimensions, `${path}.Metric.Dimensions`);
  const period = stat.Period;
  if (period === undefined || period === null) throw missing(`${path}.Period`);
  if (
    typeof period !== 'number' ||
    !Number.isInteger(period) ||
    period < 1 ||
    (period > 30 ? period % 60 !== 0 : ![1, 5, 10, 30].includes(period))
  )
    throw validationError(
      `The value ${String(period)} for parameter ${path}.Period is invalid; use 1, 5, 10, 30 or a multiple of 60 seconds.`,
    );
  if (typeof stat.Stat !== 'string') throw missing(`${path}.Stat`);
  const parsed = parseStatistic(stat.Stat);
  if (!parsed)
    throw validationError(`The value ${stat.Stat} for parameter ${path}.Stat is not a valid statistic.`);
  return {
    namespace: metric.Namespace,
    name: metric.MetricName,
    dimensions,
    period,
    stat: parsed,
    ...(typeof stat.Unit === 'string' ? { unit: stat.Unit } : {}),
  };
}

function readDimensions(raw: unknown, path: string): Dimension[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid(`The parameter ${path} must be a list of dimensions.`);
  return raw.map((d, i) => {
    const dim = (typeof d === 'object' && d !== null ? d : {}) as Json;
    if (typeof dim.Name !== 'string') throw missing(`${path}.member.${i + 1}.Name`);
    if (typeof dim.Value !== 'string') throw missing(`${path}.member.${i + 1}.Value`);
    return { Name: dim.Name, Value: dim.Value };
  });
}
