import { ServiceError } from '../errors.js';
import { liveVariants } from './live-variants.js';
import type { ConfigRecord, EndpointRecord } from './records.js';
import type { SageMakerState } from './state.js';

/**
 * Account quotas on endpoint instances per instance type (control `setInstanceLimit`). A request
 * that would need more is refused as the service does:
 * "The account-level service limit 'ml.m5.large for endpoint usage' is 8 Instances, with current
 * utilization of 8 Instances and a request delta of 4 Instances. …" (ResourceLimitExceeded, 400).
 * Blue/green needs the whole new fleet next to the old one; a rolling update one batch.
 */
export function checkInstanceLimit(state: SageMakerState, config: ConfigRecord, delta: number): void {
  const type = config.variants[0]?.InstanceType ?? 'ml.m5.large';
  const limit = state.instanceLimits.get(type);
  if (limit === undefined) return;
  const used = [...state.endpoints.values()].reduce((n, e) => n + instancesInUse(state, e, type), 0);
  if (used + delta <= limit) return;
  throw new ServiceError(
    400,
    'ResourceLimitExceeded',
    `The account-level service limit '${type} for endpoint usage' is ${limit} Instances, with current utilization of ${used} Instances and a request delta of ${delta} Instances. Please use AWS Service Quotas to request an increase to this quota.`,
  );
}

function instancesInUse(state: SageMakerState, endpoint: EndpointRecord, type: string): number {
  const count = (config: ConfigRecord | undefined) =>
    (config ? liveVariants(endpoint, config) : [])
      .filter((v) => v.InstanceType === type)
      .reduce((n, v) => {
        const desired = endpoint.weights?.desired[v.VariantName]?.instances ?? 0;
        return n + Math.max(v.InitialInstanceCount, config === current ? desired : 0);
      }, 0);
  const current = state.configs.get(endpoint.configName);
  const running = count(current);
  return endpoint.update ? running + count(endpoint.update.to) : running;
}
