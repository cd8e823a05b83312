import {
  ALIGNERS,
  type Aligner,
  alignedShape,
  alignPoints,
  type PointValue,
  periodEnds,
  REDUCERS,
  type Reducer,
  reduce,
  reducedType,
} from './align.js';
import { invalidField, type MetricKind, type ValueType, VERTEX_METRICS } from './descriptors.js';
import { matches, parseFilter } from './filter.js';
import { type MonitoringState, rfc3339, type SeriesRecord } from './state.js';

interface Row {
  metric: { type: string; labels: Record<string, string> };
  resource: { type: string; labels: Record<string, string> };
  kind: MetricKind;
  valueType: ValueType;
  points: { start: number; end: number; value: PointValue }[];
}

/**
 * `timeSeries.list`: the series of the filter's metric type with a point in [interval.startTime, interval.endTime],
 * raw or aligned per series (`aggregation.perSeriesAligner` over `aggregation.alignmentPeriod`, at least 60 s) and
 * optionally reduced across series (`aggregation.crossSeriesReducer`, grouped by `aggregation.groupByFields`).
 * A point of a metric Vertex AI publishes is listed once `visible.delayMs` has passed since its end. Points newest
 * first; no series is `{}`.
 */
export function listTimeSeries(
  state: MonitoringState,
  project: string,
  query: URLSearchParams,
  visible: { now: number; delayMs: number } = { now: Number.POSITIVE_INFINITY, delayMs: 0 },
): unknown {
  const filter = parseFilter(query.get('filter') ?? '');
  const end = timeParam(query, 'interval.endTime');
  if (end === undefined) throw invalidField('interval.endTime', 'An end time is required.');
  const start = timeParam(query, 'interval.startTime') ?? end;
  if (start > end)
    throw invalidField('interval.startTime', 'The start time must not be later than the end time.');
  const aligner = choice(query, 'aggregation.perSeriesAligner', ALIGNERS, 'ALIGN_NONE');
  const reducer = choice(query, 'aggregation.crossSeriesReducer', REDUCERS, 'REDUCE_NONE');
  const period = periodParam(query, aligner);
  if (reducer !== 'REDUCE_NONE' && aligner === 'ALIGN_NONE')
    throw invalidField(
      'aggregation.perSeriesAligner',
      'A cross-series reducer needs a per-series aligner other than ALIGN_NONE and an alignment period.',
      aligner,
    );
  const kindOf = (s: SeriesRecord) => VERTEX_METRICS[s.metric.type] ?? state.descriptors.get(s.metric.type)!;
  const chosen = [...(state.projects.get(project)?.values() ?? [])].filter((s) => matches(filter, s));
  let rows: Row[] = chosen.map((s) => {
    const d = kindOf(s);
    // Vertex AI's own metrics show a while after their points end; user-defined ones at once.
    const shownBy = VERTEX_METRICS[s.metric.type] ? visible.now - visible.delayMs : Number.POSITIVE_INFINITY;
    const inside = s.points.filter((p) => p.end >= start && p.end <= end && p.end <= shownBy);
    if (aligner === 'ALIGN_NONE' || period === undefined)
      return {
        ...s,
        kind: d.kind,
        valueType: d.valueType,
        points: inside.map((p) => ({ start: p.start ?? p.end, end: p.end, value: p.value })).reverse(),
      };
    const shape = alignedShape(aligner, d.kind, d.valueType);
    const aligned = alignPoints(inside, aligner, periodEnds(start, end, period), period);
    return {
      ...s,
      ...shape,
      points: aligned.map((p) => ({ start: shape.kind === 'DELTA' ? p.end - period : p.end, ...p })),
    };
  });
  if (reducer !== 'REDUCE_NONE') rows = reduceRows(rows, reducer, query.getAll('aggregation.groupByFields'));
  const answer = rows.filter((r) => r.points.length > 0).map(view);
  return answer.length === 0 ? {} : { timeSeries: answer };
}

function reduceRows(rows: Row[], reducer: Exclude<Reducer, 'REDUCE_NONE'>, groupBy: string[]): Row[] {
  const fields = groupBy.map((f) => {
    const m = /^(metric|resource)\.labels?\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(f.replace(/"/g, ''));
    if (!m)
      throw invalidField('aggregation.groupByFields', 'Group by metric.label.KEY or resource.label.KEY.', f);
    return { scope: m[1] as 'metric' | 'resource', name: m[2]! };
  });
  const groups = new Map<string, Row[]>();
  for (const row of rows.filter((r) => r.points.length > 0)) {
    const key = JSON.stringify(fields.map((f) => row[f.scope].labels[f.name] ?? ''));
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((members) => {
    const first = members[0]!;
    const pick = (scope: 'metric' | 'resource') =>
      Object.fromEntries(
        fields
          .filter((f) => f.scope === scope && first[scope].labels[f.name] !== undefined)
          .map((f) => [f.name, first[scope].labels[f.name]!]),
      );
    const byEnd = new Map<number, { start: number; values: PointValue[] }>();
    for (const m of members)
      for (const p of m.points) {
        const slot = byEnd.get(p.end) ?? { start: p.start, values: [] };
        slot.values.push(p.value);
        byEnd.set(p.end, slot);
      }
    const points = [...byEnd.entries()]
      .sort(([a], [b]) => b - a)
      .map(([end, slot]) => ({ start: slot.start, end, value: reduce(reducer, slot.values) }));
    return {
      metric: { type: first.metric.type, labels: pick('metric') },
      resource: { type: first.resource.type, labels: pick('resource') },
      kind: first.kind,
      valueType: reducedType(reducer, first.valueType),
      points,
    };
  });
}

/** A series as Google's JSON writes it: empty label maps are left out. */
function view(row: Row) {
  return {
    metric: {
      type: row.metric.type,
      ...(Object.keys(row.metric.labels).length > 0 && { labels: row.metric.labels }),
    },
    resource: {
      type: row.resource.type,
      ...(Object.keys(row.resource.labels).length > 0 && { labels: row.resource.labels }),
    },
    metricKind: row.kind,
    valueType: row.valueType,
    points: row.points.map((p) => ({
      interval: { startTime: rfc3339(p.start), endTime: rfc3339(p.end) },
      value: valueJson(p.value, row.valueType),
    })),
  };
}

/** Google's JSON: int64 as a string, a distribution with its count (a string) and mean. */
function valueJson(value: PointValue, type: ValueType) {
  if (type === 'DISTRIBUTION') {
    const d = typeof value === 'number' ? { count: 1, mean: value } : value;
    return { distributionValue: { count: String(d.count), mean: d.mean } };
  }
  const n = typeof value === 'number' ? value : value.mean;
  return type === 'INT64' ? { int64Value: String(Math.round(n)) } : { doubleValue: n };
}

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) throw invalidField(name, 'A timestamp is an RFC 3339 string.', raw);
  return t;
}

function choice<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw invalidField(name, `The sandbox serves ${allowed.join(', ')}.`, raw);
  return raw as T;
}

/** `aggregation.alignmentPeriod` as a Duration ("60s"): required with an aligner, at least 60 s; in ms. */
function periodParam(query: URLSearchParams, aligner: Aligner): number | undefined {
  const raw = query.get('aggregation.alignmentPeriod');
  if (aligner === 'ALIGN_NONE') return undefined;
  if (raw === null || raw === '')
    throw invalidField(
      'aggregation.alignmentPeriod',
      `An alignment period is required with the aligner ${aligner}.`,
    );
  const m = /^(\d+(?:\.\d+)?)s$/.exec(raw);
  if (!m)
    throw invalidField('aggregation.alignmentPeriod', 'A duration is written in seconds, like "60s".', raw);
  const ms = Math.round(Number(m[1]) * 1000);
  if (ms < 60_000)
    throw invalidField(
      'aggregation.alignmentPeriod',
      'The alignment period must be at least 60 seconds.',
      raw,
    );
  return ms;
}
