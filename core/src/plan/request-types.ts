import type {
  AddTagsInput,
  CreateEndpointConfigInput,
  CurrentComponent,
  CurrentEndpointConfig,
  DeleteTagsInput,
  UpdateEndpointInput,
  UpdateEndpointWeightsAndCapacitiesInput,
  UpdateInferenceComponentInput,
} from './sagemaker-api.js';
import type { StoredDeployment } from './stored-deployment.js';
import type { DeployedModel, DeployModelBody, PatchEndpointBody, UndeployModelBody } from './vertex-api.js';

/**
 * Every request Shiftwise sends, tagged by provider and operation (docs/plan.md, "The request"). Only the planner
 * builds them; the engine sends `input` (SageMaker, through the SDK) or posts `body` to `{endpoint}:deployModel`
 * (Vertex AI) and adds nothing.
 *
 *   { provider: 'sagemaker', operation: 'UpdateEndpoint', input: { EndpointName: 'fraud', … } }
 *   { provider: 'vertex-ai', operation: 'deployModel', endpoint: 'projects/p/locations/l/endpoints/7', body: { … } }
 */
export type ProviderRequest =
  | UpdateEndpointRequest
  | CreateEndpointConfigRequest
  | UpdateInferenceComponentRequest
  | UpdateWeightsRequest
  | AddTagsRequest
  | DeleteTagsRequest
  | DeployModelRequest
  | UndeployModelRequest
  | PatchEndpointRequest;

/** The request that starts a rollout: `Plan.request`. */
export type RolloutRequest = UpdateEndpointRequest | UpdateInferenceComponentRequest | DeployModelRequest;

export interface UpdateEndpointRequest {
  readonly provider: 'sagemaker';
  readonly operation: 'UpdateEndpoint';
  readonly input: UpdateEndpointInput;
}

/** The rollout of an inference component: its copies replaced in rolling batches. */
export interface UpdateInferenceComponentRequest {
  readonly provider: 'sagemaker';
  readonly operation: 'UpdateInferenceComponent';
  readonly input: UpdateInferenceComponentInput;
}

/** Sent before UpdateEndpoint for a `model` target whose config does not exist yet. */
export interface CreateEndpointConfigRequest {
  readonly provider: 'sagemaker';
  readonly operation: 'CreateEndpointConfig';
  readonly input: CreateEndpointConfigInput;
}

/** A step Shiftwise runs itself (`strategy.type: steps`): the two variants' weights and the new one's instances. */
export interface UpdateWeightsRequest {
  readonly provider: 'sagemaker';
  readonly operation: 'UpdateEndpointWeightsAndCapacities';
  readonly input: UpdateEndpointWeightsAndCapacitiesInput;
}

/** Where a Shiftwise-run rollout stands, written on the endpoint (docs/engine.md, "State in tags"). */
export interface AddTagsRequest {
  readonly provider: 'sagemaker';
  readonly operation: 'AddTags';
  readonly input: AddTagsInput;
}

/** The state tags removed once a Shiftwise-run rollout has ended. */
export interface DeleteTagsRequest {
  readonly provider: 'sagemaker';
  readonly operation: 'DeleteTags';
  readonly input: DeleteTagsInput;
}

/** A Vertex AI `deployModel`: the rollout itself, or the revert after a watch timeout. */
export interface DeployModelRequest {
  readonly provider: 'vertex-ai';
  readonly operation: 'deployModel';
  /** The endpoint's resource name; the engine posts to `{version}/{endpoint}:deployModel`. */
  readonly endpoint: string;
  /** `v1` (GA) for a model deployed beside others with a traffic split; absent: `v1beta1` (`rolloutOptions`). */
  readonly version?: 'v1';
  readonly body: DeployModelBody;
}

/** A Vertex AI `undeployModel` (v1): the old model after a canary, or the new one after a rollback. */
export interface UndeployModelRequest {
  readonly provider: 'vertex-ai';
  readonly operation: 'undeployModel';
  readonly endpoint: string;
  readonly body: UndeployModelBody;
}

/** A Vertex AI `endpoints.patch` (v1) of the traffic split (a step) or the labels (where the rollout stands). */
export interface PatchEndpointRequest {
  readonly provider: 'vertex-ai';
  readonly operation: 'patchEndpoint';
  readonly endpoint: string;
  readonly updateMask: 'trafficSplit' | 'labels';
  readonly body: PatchEndpointBody;
}

/**
 * What preflight read from the provider that the requests depend on: the endpoint's current config, when a
 * `model` target's config must be created from it, or the inference component being updated (SageMaker); the
 * DeployedModel being replaced (Vertex AI).
 */
export type Found =
  | {
      readonly provider: 'sagemaker';
      readonly currentConfig?: CurrentEndpointConfig;
      /** The config the endpoint runs before a Shiftwise-run rollout: where a rollback returns it. */
      readonly currentConfigName?: string;
      /** An inference-component rollout: the live component, whose Specification the update carries over. */
      readonly currentComponent?: CurrentComponent;
      /** `retain`: the deployment config stored on the endpoint, which the update runs again. */
      readonly storedDeployment?: StoredDeployment;
    }
  | {
      readonly provider: 'vertex-ai';
      readonly previous: DeployedModel;
      /** A canary's other DeployedModels and their shares, which it keeps (`otherDeployedModels`). */
      readonly others?: Readonly<Record<string, number>>;
    };
