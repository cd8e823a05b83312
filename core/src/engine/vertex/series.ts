import type { AnalysisCheck, VertexRollout } from '../../model.js';
import { metricLagSeconds } from '../../plan/metric-lag.js';
import {
  evaluateMetricExpression,
  parseMetricExpression,
  type Variant,
} from '../../values/metric-expression.js';
import { vertexMetricOfShortName } from '../../values/vertex-metrics.js';
import type { CanaryClient, MonitoringPoint } from './canary-client.js';

/** The Vertex AI metrics whose values are distributions: Cloud Monitoring aligns them with ALIGN_SUM only. */
const distributions = new Set(['prediction/online/prediction_latencies']);

/** Cloud Monitoring's aligner for each statistic a check may ask for. */
const aligners: Record<AnalysisCheck['stat'], string> = {
  Sum: 'ALIGN_SUM',
  Average: 'ALIGN_MEAN',
  Minimum: 'ALIGN_MIN',
  Maximum: 'ALIGN_MAX',
  SampleCount: 'ALIGN_COUNT',
};

/**
 * One analysis check's values over `window` on Vertex AI, keyed by the start of each period: a metric of the new
 * DeployedModel from Cloud Monitoring (`projects.timeSeries.list`, aligned per period, series summed), or an
 * expression Shiftwise evaluates per period over the new and the previous DeployedModel's series (Cloud Monitoring
 * has no metric math in this call). What `judge` reads, with Cloud Monitoring's lag for the check
 * (`metricLagSeconds`): a point is not visible for a while after its period ends.
 *
 *   metric prediction/online/error_count, new '456' →
 *     filter metric.type = "aiplatform.googleapis.com/prediction/online/error_count" AND
 *            resource.labels.endpoint_id = "123" AND metric.labels.deployed_model_id = "456"
 */
export async function vertexSeries(
  client: CanaryClient,
  rollout: Pick<VertexRollout, 'endpoint'>,
  check: AnalysisCheck,
  window: { readonly start: number; readonly now: number },
  ids: { readonly fresh: string; readonly previous: string },
  signal?: AbortSignal,
): Promise<{ timestamps: number[]; values: number[]; lagSeconds: number }> {
  const lagSeconds = metricLagSeconds(check, 'vertex-ai');
  // Cloud Monitoring aligns periods back from the interval's end: ending it on a period boundary puts them on the
  // grid `judge` counts by (multiples of the period since the epoch), and leaves out the period still running.
  const period = check.periodSeconds * 1000;
  const end = Math.floor(window.now / period) * period;
  const read = async (variant: Variant, metric: string) => {
    if (end <= window.start) return new Map<number, number>();
    const series = await client.timeSeries(
      {
        filter: `metric.type = "aiplatform.googleapis.com/${metric}" AND resource.labels.endpoint_id = "${rollout.endpoint}" AND metric.labels.deployed_model_id = "${variant === 'new' ? ids.fresh : ids.previous}"`,
        start: window.start,
        end,
        periodSeconds: check.periodSeconds,
        // A distribution (latencies) aligns by merging; its mean is read from the merged distribution.
        aligner: distributions.has(metric) ? 'ALIGN_SUM' : aligners[check.stat],
      },
      signal,
    );
    return pointsByStart(
      series.flatMap((s) => s.points ?? []),
      check.periodSeconds,
    );
  };
  if (check.query.kind === 'metric') {
    const points = await read('new', check.query.metric);
    return { timestamps: [...points.keys()], values: [...points.values()], lagSeconds };
  }
  const text = check.query.expression;
  const parsed = parseMetricExpression(text);
  if (!parsed.ok) return { timestamps: [], values: [], lagSeconds };
  const series = new Map<string, Map<number, number>>();
  for (const ref of parsed.refs) {
    const key = `${ref.variant}.${ref.metric}`;
    const metric = vertexMetricOfShortName(ref.metric);
    if (!series.has(key) && metric) series.set(key, await read(ref.variant, metric));
  }
  const starts = [...new Set([...series.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const at of starts) {
    const value = evaluateMetricExpression(text, (variant, metric) =>
      series.get(`${variant}.${metric}`)?.get(at),
    );
    if (value === undefined) continue;
    timestamps.push(at);
    values.push(value);
  }
  return { timestamps, values, lagSeconds };
}

/** Points of aligned series keyed by the start of their period (epoch ms), summed across series. */
function pointsByStart(points: readonly MonitoringPoint[], periodSeconds: number): Map<number, number> {
  const byStart = new Map<number, number>();
  for (const point of points) {
    const end = Date.parse(point.interval?.endTime ?? '');
    const start = Date.parse(point.interval?.startTime ?? '');
    const at = Number.isFinite(start) && start < end ? start : end - periodSeconds * 1000;
    const v = point.value;
    const value =
      v?.doubleValue ?? (v?.int64Value !== undefined ? Number(v.int64Value) : v?.distributionValue?.mean);
    if (!Number.isFinite(at) || value === undefined || !Number.isFinite(value)) continue;
    byStart.set(at, (byStart.get(at) ?? 0) + value);
  }
  return new Map([...byStart].sort(([a], [b]) => a - b));
}
