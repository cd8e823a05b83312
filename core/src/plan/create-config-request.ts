import type { SageMakerRollout } from '../model.js';
import type { CreateEndpointConfigRequest } from './request-types.js';
import type { CurrentEndpointConfig } from './sagemaker-api.js';
import { modelTargetConfigName } from './sagemaker-request.js';

/**
 * The `CreateEndpointConfig` request of a `model` target: the endpoint's current config, as preflight read it, with
 * the file's model in every variant, named `<endpoint>--<model>` (`modelTargetConfigName`). Variants keep their
 * names, instance types and counts, so the blue/green update replaces like with like; data capture and the KMS key
 * carry over. Tags, async inference and shadow variants are not carried.
 *
 *   endpoint fraud-prod on { ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'v41',
 *                            InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 4 }] }, model v42 →
 *   { provider: 'sagemaker', operation: 'CreateEndpointConfig',
 *     input: { EndpointConfigName: 'fraud-prod--v42', ProductionVariants: [{ VariantName: 'AllTraffic',
 *              ModelName: 'v42', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 4 }] } }
 */
export function createEndpointConfigRequest(
  rollout: Pick<SageMakerRollout, 'endpoint' | 'target'>,
  current: CurrentEndpointConfig,
): CreateEndpointConfigRequest {
  return {
    provider: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: modelTargetConfigName(rollout),
      ProductionVariants: current.ProductionVariants.map((v) => ({ ...v, ModelName: rollout.target.name })),
      ...(current.DataCaptureConfig && { DataCaptureConfig: current.DataCaptureConfig }),
      ...(current.KmsKeyId && { KmsKeyId: current.KmsKeyId }),
    },
  };
}
