import type { StoredPoint } from './align.js';
import type { MetricDescriptor } from './descriptors.js';

/** One time series: its metric and resource, and its points oldest first. */
export interface SeriesRecord {
  metric: { type: string; labels: Record<string, string> };
  resource: { type: string; labels: Record<string, string> };
  points: StoredPoint[];
}

export interface MonitoringState {
  /** Series by project, then by their identity (metric type and labels, resource type and labels). */
  projects: Map<string, Map<string, SeriesRecord>>;
  /** Descriptors of user-defined metrics, created by their first write. */
  descriptors: Map<string, MetricDescriptor>;
}

export function seriesKey(series: Pick<SeriesRecord, 'metric' | 'resource'>): string {
  const sorted = (labels: Record<string, string>) =>
    JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return [
    series.metric.type,
    sorted(series.metric.labels),
    series.resource.type,
    sorted(series.resource.labels),
  ].join('\n');
}

/** RFC 3339 as Google's JSON writes it: UTC, fractional digits only when there are some. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
