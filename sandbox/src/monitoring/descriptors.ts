import { ServiceError } from '../errors.js';

export type MetricKind = 'GAUGE' | 'DELTA';
export type ValueType = 'INT64' | 'DOUBLE' | 'DISTRIBUTION';

/** What a metric type is: its kind and value type, and the labels it takes (undefined: any). */
export interface MetricDescriptor {
  kind: MetricKind;
  valueType: ValueType;
  labels?: readonly string[];
  /** The monitored resource type and its labels, all required. */
  resource?: { type: string; labels: readonly string[] };
}

const VERTEX_RESOURCE = {
  type: 'aiplatform.googleapis.com/Endpoint',
  labels: ['resource_container', 'location', 'endpoint_id'],
} as const;
const COMMON = ['deployed_model_id', 'spot', 'model_display_name', 'endpoint_display_name'];

/**
 * The Vertex AI metrics of Google's metrics list ("aiplatform") that a canary reads, as that list describes them:
 * kind, value type and labels, on the `aiplatform.googleapis.com/Endpoint` resource.
 */
export const VERTEX_METRICS: Readonly<Record<string, MetricDescriptor>> = {
  'aiplatform.googleapis.com/prediction/online/error_count': {
    kind: 'DELTA',
    valueType: 'INT64',
    labels: COMMON,
    resource: VERTEX_RESOURCE,
  },
  'aiplatform.googleapis.com/prediction/online/prediction_count': {
    kind: 'DELTA',
    valueType: 'INT64',
    labels: COMMON,
    resource: VERTEX_RESOURCE,
  },
  'aiplatform.googleapis.com/prediction/online/prediction_latencies': {
    kind: 'DELTA',
    valueType: 'DISTRIBUTION',
    labels: [...COMMON, 'latency_type'],
    resource: VERTEX_RESOURCE,
  },
  'aiplatform.googleapis.com/prediction/online/response_count': {
    kind: 'DELTA',
    valueType: 'INT64',
    labels: [...COMMON, 'response_code'],
    resource: VERTEX_RESOURCE,
  },
};

/** User-defined metric types, which Cloud Monitoring lets anyone write. */
export const USER_PREFIXES = ['custom.googleapis.com/', 'external.googleapis.com/'] as const;

export const invalidField = (field: string, reason: string, value?: unknown) =>
  new ServiceError(
    400,
    'INVALID_ARGUMENT',
    `Field ${field} had an invalid value${value === undefined ? '' : ` of ${JSON.stringify(value)}`}: ${reason}`,
  );

/**
 * The descriptor a write of `type` uses: a Vertex AI metric's own (the sandbox plays the service that publishes
 * them), or a user-defined metric's: created by its first write (the caller stores it) as a GAUGE of the value
 * type written.
 */
export function descriptorFor(
  known: Map<string, MetricDescriptor>,
  type: string,
  valueType: ValueType,
  field: string,
): MetricDescriptor {
  const vertex = VERTEX_METRICS[type];
  if (vertex) return vertex;
  const existing = known.get(type);
  if (existing) return existing;
  if (!USER_PREFIXES.some((p) => type.startsWith(p) && type.length > p.length))
    throw invalidField(
      field,
      `Only user-defined metric types (custom.googleapis.com/…, external.googleapis.com/…) can be written; the sandbox also takes ${Object.keys(VERTEX_METRICS).join(', ')}.`,
      type,
    );
  return { kind: 'GAUGE', valueType };
}
