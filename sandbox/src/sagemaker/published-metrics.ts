import type { DataPoint, Dimension } from '../cloudwatch/metrics.js';
import {
  type MinuteCount,
  MODEL_LATENCY_MICROSECONDS,
  minuteCounts,
  OVERHEAD_LATENCY_MICROSECONDS,
} from './invocation-metrics.js';
import type { AlarmProbe } from './progress.js';
import type { SageMakerState } from './state.js';
import { trafficOf } from './traffic-history.js';

const MINUTE = 60_000;

/** A metric series as GetMetricData names it. */
export interface MetricName {
  namespace: string;
  name: string;
  dimensions: readonly Dimension[];
}

/**
 * Each invocation metric as one data point per minute, made of one sample per request as SageMaker sends them:
 * Invocations 1 each, the error metrics 1 for an error and 0 otherwise (so Sum counts errors and Average is the
 * error rate), the latencies in microseconds.
 *
 *   30 invocations, 3 errors → Invocation5XXErrors: SampleCount 30, Sum 3, Average 0.1, Minimum 0, Maximum 1
 */
const METRICS: Record<string, (m: MinuteCount) => Omit<DataPoint, 'at'>> = {
  Invocations: (m) => samples(m.invocations, [[1, m.invocations]], 'None'),
  Invocation4XXErrors: (m) => samples(m.invocations, [[0, m.invocations]], 'None'),
  Invocation5XXErrors: (m) =>
    samples(
      m.invocations,
      [
        [0, m.invocations - m.errors],
        [1, m.errors],
      ],
      'None',
    ),
  ModelLatency: (m) => samples(m.invocations, [[MODEL_LATENCY_MICROSECONDS, m.invocations]], 'Microseconds'),
  OverheadLatency: (m) =>
    samples(m.invocations, [[OVERHEAD_LATENCY_MICROSECONDS, m.invocations]], 'Microseconds'),
};

/** The invocation metrics SageMaker publishes per production variant (namespace AWS/SageMaker). */
export const INVOCATION_METRICS = Object.keys(METRICS);

/**
 * The data points the sandbox's SageMaker publishes into `metric` for the minutes starting in [from, to) that are
 * over by `now` and published: ended at least `delayMs` before it (SageMaker publishes late, `setMetricDelay`).
 * For AWS/SageMaker's invocation metrics with exactly the dimensions EndpointName and
 * VariantName, computed from the endpoint's traffic splits and the error rates set for it; none for any other
 * series. Each point is stamped with the start of its minute.
 */
export function publishedPoints(
  state: SageMakerState,
  alarms: AlarmProbe,
  metric: MetricName,
  range: { from: number; to: number },
  now: number,
  delayMs = 0,
): DataPoint[] {
  const toPoint = METRICS[metric.name];
  const endpoint = dimension(metric.dimensions, 'EndpointName');
  const variant = dimension(metric.dimensions, 'VariantName');
  if (metric.namespace !== 'AWS/SageMaker' || !toPoint || metric.dimensions.length !== 2) return [];
  if (endpoint === undefined || variant === undefined) return [];
  const splits = trafficOf(state, endpoint, now, alarms);
  const rates = state.errorRates.filter((r) => r.endpoint === endpoint);
  const minutes = {
    from: Math.ceil(range.from / MINUTE) * MINUTE,
    // Minutes starting before the range's end, over by now and published.
    to: Math.min(Math.ceil(range.to / MINUTE) * MINUTE, Math.floor((now - delayMs) / MINUTE) * MINUTE),
  };
  return minuteCounts(splits, rates, variant, minutes).map((m) => ({ at: m.at, ...toPoint(m) }));
}

const dimension = (dimensions: readonly Dimension[], name: string) =>
  dimensions.find((d) => d.Name === name)?.Value;

/** A data point of `count` samples given as [value, count] pairs (pairs of count 0 left out). */
function samples(count: number, values: [number, number][], unit: string): Omit<DataPoint, 'at'> {
  const held = values.filter(([, n]) => n > 0).map(([value, n]) => ({ value, count: n }));
  return {
    count,
    sum: held.reduce((s, v) => s + v.value * v.count, 0),
    min: Math.min(...held.map((v) => v.value)),
    max: Math.max(...held.map((v) => v.value)),
    values: held,
    unit,
  };
}
