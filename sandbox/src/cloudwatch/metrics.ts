/**
 * Metric data as CloudWatch keeps it: one series per namespace, metric name and exact set of dimensions,
 * each a list of data points in simulated time. A point is what one MetricDatum carried: a single Value, a
 * set of Values with Counts, or a StatisticSet; all three reduce to count, sum, minimum and maximum, and the
 * first two also keep their values for percentiles.
 */
export interface Dimension {
  Name: string;
  Value: string;
}

export interface DataPoint {
  /** Simulated epoch ms. */
  at: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Values with their counts; absent for a StatisticSet (no percentiles from it). */
  values?: { value: number; count: number }[];
  unit?: string;
}

export interface MetricSeries {
  namespace: string;
  name: string;
  dimensions: Dimension[];
  points: DataPoint[];
}

/** A series is named by its namespace, metric name and dimensions (order does not matter). */
export function seriesKey(namespace: string, name: string, dimensions: readonly Dimension[]): string {
  const dims = [...dimensions]
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
    .map((d) => `${d.Name}=${d.Value}`);
  return JSON.stringify([namespace, name, ...dims]);
}

export function addPoint(
  store: Map<string, MetricSeries>,
  metric: Omit<MetricSeries, 'points'>,
  point: DataPoint,
): void {
  const key = seriesKey(metric.namespace, metric.name, metric.dimensions);
  const series = store.get(key) ?? { ...metric, points: [] };
  series.points.push(point);
  store.set(key, series);
}

/** The statistics GetMetricData computes: the five of CloudWatch and percentiles (`p99`, `p99.9`). */
export type Statistic = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | { percentile: number };

export function parseStatistic(text: string): Statistic | undefined {
  if (['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(text)) return text as Statistic;
  const match = /^p(\d{1,2}(\.\d{1,10})?|100)$/.exec(text);
  return match ? { percentile: Number(match[1]) } : undefined;
}

/**
 * One statistic over the points of a bucket; undefined when it cannot be computed (no points, or a percentile
 * over points that carried only a StatisticSet).
 *
 *   Values [1, 3] × Counts [1, 3] and Value 10 → Sum 20, SampleCount 5, Average 4, Minimum 1, Maximum 10, p50 3
 */
export function statistic(points: readonly DataPoint[], stat: Statistic): number | undefined {
  if (points.length === 0) return undefined;
  const count = points.reduce((n, p) => n + p.count, 0);
  const sum = points.reduce((n, p) => n + p.sum, 0);
  if (stat === 'Sum') return sum;
  if (stat === 'SampleCount') return count;
  if (stat === 'Average') return count > 0 ? sum / count : undefined;
  // reduce, not Math.min(...spread): a bucket may hold more points than a call can take arguments.
  if (stat === 'Minimum') return points.reduce((m, p) => Math.min(m, p.min), Number.POSITIVE_INFINITY);
  if (stat === 'Maximum') return points.reduce((m, p) => Math.max(m, p.max), Number.NEGATIVE_INFINITY);
  return percentile(points, stat.percentile);
}

/** Nearest rank over the weighted values: the smallest value with at least `p` % of the samples at or below it. */
function percentile(points: readonly DataPoint[], p: number): number | undefined {
  if (points.some((x) => x.values === undefined)) return undefined;
  const values = points.flatMap((x) => x.values!).sort((a, b) => a.value - b.value);
  const total = values.reduce((n, v) => n + v.count, 0);
  if (total <= 0) return undefined;
  const rank = Math.max(Number.MIN_VALUE, (p / 100) * total);
  let seen = 0;
  for (const v of values) {
    seen += v.count;
    if (seen >= rank) return v.value;
  }
  return values.at(-1)?.value;
}
