import type { SageMakerRollout, Size } from '../model.js';
import type { UpdateEndpointRequest } from './request-types.js';
import type {
  CapacitySize,
  DeploymentConfig,
  TrafficRoutingConfig,
  UpdateEndpointInput,
} from './sagemaker-api.js';

/** SageMaker's CapacitySize: `{Type: INSTANCE_COUNT | CAPACITY_PERCENT, Value}`. */
function capacitySize(size: Size): CapacitySize {
  return size.kind === 'count'
    ? { Type: 'INSTANCE_COUNT', Value: size.count }
    : { Type: 'CAPACITY_PERCENT', Value: size.percent };
}

/**
 * The `UpdateEndpoint` request, its input exactly as AWS documents it (botocore `sagemaker/2017-07-24`, `DeploymentConfig`).
 * A canary of 30%, 10-minute bakes and termination wait, a 30-minute timeout and one alarm becomes:
 *
 *   { EndpointName, EndpointConfigName,
 *     DeploymentConfig: {
 *       BlueGreenUpdatePolicy: {
 *         TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 30 },
 *                                        WaitIntervalInSeconds: 600 },
 *         TerminationWaitInSeconds: 600, MaximumExecutionTimeoutInSeconds: 1800 },
 *       AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'fraud-5xx' }] } } }
 *
 * `retain` sends `RetainDeploymentConfig: true` and no DeploymentConfig. Without alarms there is no
 * AutoRollbackConfiguration; without `timeout` no MaximumExecutionTimeoutInSeconds (the service default applies).
 */
export function sageMakerRequest(rollout: SageMakerRollout): UpdateEndpointRequest {
  return { provider: 'sagemaker', operation: 'UpdateEndpoint', input: updateEndpointInput(rollout) };
}

function updateEndpointInput(rollout: SageMakerRollout): UpdateEndpointInput {
  const target = { EndpointName: rollout.endpoint, EndpointConfigName: targetConfigName(rollout) };
  const strategy = rollout.strategy;
  if (strategy.type === 'retain') return { ...target, RetainDeploymentConfig: true };
  const timeout =
    rollout.timeoutSeconds === undefined ? {} : { MaximumExecutionTimeoutInSeconds: rollout.timeoutSeconds };
  const rollback: Pick<DeploymentConfig, 'AutoRollbackConfiguration'> =
    rollout.rollback.alarms.length === 0
      ? {}
      : {
          AutoRollbackConfiguration: { Alarms: rollout.rollback.alarms.map((AlarmName) => ({ AlarmName })) },
        };
  if (strategy.type === 'rolling') {
    const policy = {
      MaximumBatchSize: capacitySize(strategy.batch),
      WaitIntervalInSeconds: strategy.bakeSeconds,
      ...timeout,
      ...(rollout.rollback.batch && { RollbackMaximumBatchSize: capacitySize(rollout.rollback.batch) }),
    };
    return { ...target, DeploymentConfig: { RollingUpdatePolicy: policy, ...rollback } };
  }
  const routing: TrafficRoutingConfig =
    strategy.type === 'canary'
      ? {
          Type: 'CANARY',
          CanarySize: capacitySize(strategy.size),
          WaitIntervalInSeconds: strategy.bakeSeconds,
        }
      : strategy.type === 'linear'
        ? {
            Type: 'LINEAR',
            LinearStepSize: capacitySize(strategy.step),
            WaitIntervalInSeconds: strategy.bakeSeconds,
          }
        : { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 };
  const policy = {
    TrafficRoutingConfiguration: routing,
    TerminationWaitInSeconds: rollout.terminationWaitSeconds,
    ...timeout,
  };
  return { ...target, DeploymentConfig: { BlueGreenUpdatePolicy: policy, ...rollback } };
}

/** The EndpointConfig a rollout deploys: the file's `endpointConfig`, or the one a `model` target creates. */
export function targetConfigName(rollout: Pick<SageMakerRollout, 'endpoint' | 'target'>): string {
  return rollout.target.kind === 'endpointConfig' ? rollout.target.name : modelTargetConfigName(rollout);
}

/**
 * The EndpointConfig the engine creates when the file names a `model`: the endpoint's current config with the
 * model swapped in, named `<endpoint>--<model>` so a re-run finds it again. Names longer than SageMaker's 63
 * characters are cut and end in a hash of the full name, so two long names stay apart.
 *
 *   fraud-prod + fraud-model-v42 → fraud-prod--fraud-model-v42
 *   with suffix '--steps'        → fraud-prod--fraud-model-v42--steps (the two-variant config of `steps`)
 */
export function modelTargetConfigName(
  rollout: Pick<SageMakerRollout, 'endpoint' | 'target'>,
  suffix = '',
): string {
  const full = `${rollout.endpoint}--${rollout.target.name}${suffix}`;
  if (full.length <= 63) return full;
  const hash = fnv1a(full).toString(36).padStart(7, '0');
  return `${full.slice(0, 63 - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** FNV-1a, 32 bits: a short, stable fingerprint of a string (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
