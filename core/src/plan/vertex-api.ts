// Vertex AI's request shapes (REST v1beta1, `EndpointService.DeployModel`), declared in core; the engine posts
// them as JSON.

/** Replica counts and machines of a DeployedModel: carried from the one being replaced, as the endpoint lists it. */
export interface DedicatedResources {
  readonly machineSpec?: {
    readonly machineType?: string;
    readonly acceleratorType?: string;
    readonly acceleratorCount?: number;
    readonly tpuTopology?: string;
  };
  readonly minReplicaCount?: number;
  readonly maxReplicaCount?: number;
  readonly requiredReplicaCount?: number;
  readonly autoscalingMetricSpecs?: readonly { readonly metricName: string; readonly target?: number }[];
  readonly spot?: boolean;
}

/** How the new DeployedModel replaces the previous one; a count is `…Replicas`, a percent `…Percentage`. */
export interface RolloutOptions {
  readonly maxSurgeReplicas?: number;
  readonly maxSurgePercentage?: number;
  readonly maxUnavailableReplicas?: number;
  readonly maxUnavailablePercentage?: number;
  /** The id of the DeployedModel being replaced. */
  readonly previousDeployedModel?: string;
}

/** Traffic by DeployedModel id, percents summing to 100; in `deployModel`, `"0"` is the model being deployed. */
export type TrafficSplit = Readonly<Record<string, number>>;

/**
 * The `deployModel` body: a rolling replacement (v1beta1 `rolloutOptions`), or a model deployed beside the others
 * with its share of `trafficSplit` (v1, a canary Shiftwise runs).
 */
export interface DeployModelBody {
  readonly deployedModel: {
    readonly model: string;
    readonly displayName: string;
    readonly dedicatedResources?: DedicatedResources;
    readonly rolloutOptions?: RolloutOptions;
  };
  readonly trafficSplit?: TrafficSplit;
}

/** The `undeployModel` body: the model to remove, and the split of those that stay. */
export interface UndeployModelBody {
  readonly deployedModelId: string;
  readonly trafficSplit?: TrafficSplit;
}

/** An `endpoints.patch` body: the fields its `updateMask` names. */
export interface PatchEndpointBody {
  readonly trafficSplit?: TrafficSplit;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A DeployedModel on the endpoint, as `GET endpoints/{id}?allDeploymentStates=true` lists it. */
export interface DeployedModel {
  readonly id: string;
  readonly model?: string;
  readonly dedicatedResources?: DedicatedResources;
  readonly status?: { readonly availableReplicaCount?: number; readonly message?: string };
}
