import type { DataPoint, Dimension } from './metrics.js';
import { seriesKey } from './metrics.js';
import type { CloudWatchContext } from './operations.js';

const MINUTE = 60_000;

/**
 * Data points a service publishes into a series, computed when asked (the sandbox's SageMaker: its invocation
 * metrics), for [from, to) of simulated time.
 */
export type Publisher = (
  metric: { namespace: string; name: string; dimensions: readonly Dimension[] },
  range: { from: number; to: number },
) => DataPoint[];

/**
 * The points of a series in [from, to): those PutMetricData stored, and those the publisher computes for the
 * minutes PutMetricData left alone. A minute of a series that holds put data is that data only, so a test or a
 * dry run that puts a value stands in for the service in that minute instead of adding to it (7 errors put into
 * a minute of 30 clean invocations read as Sum 7, not 7 + 0 over 31 samples).
 */
export function seriesPoints(
  ctx: CloudWatchContext,
  metric: { namespace: string; name: string; dimensions: readonly Dimension[] },
  range: { from: number; to: number },
): DataPoint[] {
  const series = ctx.state.metrics.get(seriesKey(metric.namespace, metric.name, metric.dimensions));
  const put = (series?.points ?? []).filter((p) => p.at >= range.from && p.at < range.to);
  const published = ctx.published?.(metric, range) ?? [];
  if (published.length === 0) return put;
  const taken = new Set(put.map((p) => Math.floor(p.at / MINUTE)));
  return [...put, ...published.filter((p) => !taken.has(Math.floor(p.at / MINUTE)))];
}
