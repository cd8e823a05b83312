/**
 * The Vertex AI online-prediction metrics (aiplatform.googleapis.com/, per DeployedModel) an analysis check may
 * read, with what each measures: for completion, hover and the `analysis-metric` rule. In an expression a metric is
 * written by its short name, the part after `prediction/online/` with `/` as `_`: `new.error_count`.
 */
export const vertexMetrics: Readonly<Record<string, string>> = {
  'prediction/online/error_count': 'Online prediction errors (use Sum).',
  'prediction/online/prediction_count': 'Online predictions served (use Sum).',
  'prediction/online/response_count': 'Responses, by response code (use Sum).',
  'prediction/online/prediction_latencies':
    'Online prediction latency in milliseconds (a distribution: use Average).',
  'prediction/online/replicas': 'Replicas serving the DeployedModel.',
  'prediction/online/target_replicas': 'Replicas the autoscaler aims at.',
  'prediction/online/cpu/utilization': 'CPU utilization of the replicas, 0–1.',
  'prediction/online/memory/bytes_used': 'Memory used by the replicas, in bytes.',
  'prediction/online/accelerator/duty_cycle': 'Share of time the accelerators were busy.',
};

export const vertexMetricNames: readonly string[] = Object.keys(vertexMetrics);

/** The metric type a short name stands for in an expression: `error_count` → `prediction/online/error_count`. */
export function vertexMetricOfShortName(short: string): string | undefined {
  return vertexMetricNames.find((name) => shortName(name) === short);
}

/** `prediction/online/cpu/utilization` → `cpu_utilization`. */
export const shortName = (metric: string) => metric.replace(/^prediction\/online\//, '').replaceAll('/', '_');
