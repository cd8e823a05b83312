import type { AnalysisCheck, ProviderName } from '../model.js';

/**
 * How long after a period ends its metric value may still be arriving, by the service an analysis check reads: a
 * period is judged only once it has settled (ended at least this long ago), and a step is left only once every
 * period of its window has (docs/engine.md, "Analysis"). A check's own `lagSeconds` overrides these.
 *
 * - SageMaker (CloudWatch, `AWS/SageMaker`): 120 s. The SageMaker API reference (MetricsConfig,
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MetricsConfig.html) says invocation metrics are
 *   published at a 60-second interval unless enhanced metrics are on, so a minute's point may be sent up to 60 s
 *   after the minute ends; AWS documents no figure for CloudWatch's own ingestion, so as much again is allowed
 *   for it.
 * - Vertex AI (Cloud Monitoring, `aiplatform.googleapis.com/prediction/online/*`): 240 s. Cloud Monitoring's
 *   "Retention and latency of metric data" (https://cloud.google.com/monitoring/api/v3/latency-n-retention)
 *   says Google Cloud metrics are described as "Sampled every 60 seconds. After sampling, data is not visible
 *   for up to 240 seconds", the figure varying by metric; 240 s is that page's figure, not one read from the
 *   aiplatform entries of the metrics list.
 *
 * A lag longer than the real one only lengthens each analysed step; a shorter one judges periods whose value has
 * not all arrived (a missing value, or a count too low).
 */
export const defaultLagSeconds: Readonly<Record<ProviderName, number>> = {
  sagemaker: 120,
  'vertex-ai': 240,
};

/** The longest lag a file may give (`analysis.lag`, the analysis-lag rule): 30 minutes. */
export const maxLagSeconds = 1800;

/** The lag a check is judged with: its own, else its provider's default. */
export function metricLagSeconds(check: Pick<AnalysisCheck, 'lagSeconds'>, provider: ProviderName): number {
  const own = check.lagSeconds;
  return own !== undefined && Number.isFinite(own) && own >= 0 ? own : defaultLagSeconds[provider];
}

/**
 * The most a step waits past the end of its bake (or timed pause) for its last periods to settle: the period that
 * holds the bake's end must end, then settle. So, over the checks, at most a period plus the lag; 0 without
 * checks. What the schedule shows beside each analysed bake, and what a timeout budget must allow per such step.
 *
 *   new-5xx 1 min (lag 120 s), error-rate 5 min (lag 120 s) on SageMaker → 420
 *   no checks → 0
 */
export function lastMetricsSeconds(rollout: {
  readonly provider: ProviderName;
  readonly analysis?: readonly AnalysisCheck[];
}): number {
  return Math.max(
    0,
    ...(rollout.analysis ?? []).map((c) => c.periodSeconds + metricLagSeconds(c, rollout.provider)),
  );
}
