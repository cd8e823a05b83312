// SageMaker's request shapes, declared here so the pure core imports nothing from @aws-sdk. Field names, nesting
// and optionality follow the SDK (botocore `sagemaker/2017-07-24`); core/test/engine/request-types.test.ts fails
// `pnpm typecheck` when one stops being assignable to the SDK's input. Arrays are mutable because the SDK's are.

/** `{Type: INSTANCE_COUNT | CAPACITY_PERCENT, Value}`: a share of the fleet. */
export interface CapacitySize {
  readonly Type: 'INSTANCE_COUNT' | 'CAPACITY_PERCENT';
  readonly Value: number;
}

export interface TrafficRoutingConfig {
  readonly Type: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR';
  readonly WaitIntervalInSeconds: number;
  readonly CanarySize?: CapacitySize;
  readonly LinearStepSize?: CapacitySize;
}

export interface BlueGreenUpdatePolicy {
  readonly TrafficRoutingConfiguration: TrafficRoutingConfig;
  readonly TerminationWaitInSeconds?: number;
  readonly MaximumExecutionTimeoutInSeconds?: number;
}

export interface RollingUpdatePolicy {
  readonly MaximumBatchSize: CapacitySize;
  readonly WaitIntervalInSeconds: number;
  readonly MaximumExecutionTimeoutInSeconds?: number;
  readonly RollbackMaximumBatchSize?: CapacitySize;
}

export interface DeploymentConfig {
  readonly BlueGreenUpdatePolicy?: BlueGreenUpdatePolicy;
  readonly RollingUpdatePolicy?: RollingUpdatePolicy;
  readonly AutoRollbackConfiguration?: { readonly Alarms: { readonly AlarmName: string }[] };
}

/** The `UpdateEndpoint` input Shiftwise sends: a deployment config, or `RetainDeploymentConfig: true`. */
export interface UpdateEndpointInput {
  readonly EndpointName: string;
  readonly EndpointConfigName: string;
  readonly DeploymentConfig?: DeploymentConfig;
  readonly RetainDeploymentConfig?: boolean;
}

/**
 * A production variant as DescribeEndpointConfig returns it and CreateEndpointConfig takes it. Shiftwise reads
 * `VariantName` and `InitialInstanceCount`, sets `ModelName`, and carries every other field unchanged. Fields the
 * SDK types as SageMaker's own closed lists (instance types, accelerator types, AMI versions …) are strings here:
 * the pure core cannot list them, and their values always come from the service.
 */
export interface ProductionVariant {
  readonly VariantName: string | undefined;
  readonly ModelName?: string;
  readonly InitialInstanceCount?: number;
  readonly InstanceType?: string;
  readonly InstancePools?: {
    readonly InstanceType: string | undefined;
    readonly ModelNameOverride?: string;
    readonly Priority: number | undefined;
  }[];
  readonly VariantInstanceProvisionTimeoutInSeconds?: number;
  readonly InitialVariantWeight?: number;
  readonly AcceleratorType?: string;
  readonly CoreDumpConfig?: { readonly DestinationS3Uri: string | undefined; readonly KmsKeyId?: string };
  readonly ServerlessConfig?: {
    readonly MemorySizeInMB: number | undefined;
    readonly MaxConcurrency: number | undefined;
    readonly ProvisionedConcurrency?: number;
  };
  readonly VolumeSizeInGB?: number;
  readonly ModelDataDownloadTimeoutInSeconds?: number;
  readonly ContainerStartupHealthCheckTimeoutInSeconds?: number;
  readonly EnableSSMAccess?: boolean;
  readonly ManagedInstanceScaling?: {
    readonly Status?: string;
    readonly MinInstanceCount?: number;
    readonly MaxInstanceCount?: number;
    readonly ScaleInPolicy?: {
      readonly Strategy: string | undefined;
      readonly MaximumStepSize?: number;
      readonly CooldownInMinutes?: number;
    };
  };
  readonly RoutingConfig?: {
    readonly RoutingStrategy: string | undefined;
    readonly PrefixAwareRoutingConfig?: {
      readonly PrefixLength?: number;
      readonly ConcurrencyThreshold?: number;
    };
  };
  readonly InferenceAmiVersion?: string;
  readonly CapacityReservationConfig?: {
    readonly CapacityReservationPreference?: string;
    readonly MlReservationArn?: string;
  };
}

/** One variant's new weight and instance count: `UpdateEndpointWeightsAndCapacities`, a step Shiftwise runs. */
export interface DesiredWeightAndCapacity {
  readonly VariantName: string;
  readonly DesiredWeight?: number;
  readonly DesiredInstanceCount?: number;
}

export interface UpdateEndpointWeightsAndCapacitiesInput {
  readonly EndpointName: string;
  readonly DesiredWeightsAndCapacities: DesiredWeightAndCapacity[];
}

/** A tag as SageMaker's AddTags takes it and ListTags returns it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface AddTagsInput {
  readonly ResourceArn: string;
  readonly Tags: Tag[];
}

export interface DeleteTagsInput {
  readonly ResourceArn: string;
  readonly TagKeys: string[];
}

/** Data capture settings, carried from the current config unchanged. */
export interface DataCaptureConfig {
  readonly EnableCapture?: boolean;
  readonly InitialSamplingPercentage: number | undefined;
  readonly DestinationS3Uri: string | undefined;
  readonly KmsKeyId?: string;
  readonly CaptureOptions: { readonly CaptureMode: string | undefined }[] | undefined;
  readonly CaptureContentTypeHeader?: {
    readonly CsvContentTypes?: string[];
    readonly JsonContentTypes?: string[];
  };
}

/** The `CreateEndpointConfig` input for a `model` target: the current config with the model swapped in. */
export interface CreateEndpointConfigInput {
  readonly EndpointConfigName: string;
  readonly ProductionVariants: ProductionVariant[];
  readonly DataCaptureConfig?: DataCaptureConfig;
  readonly KmsKeyId?: string;
}

/** The parts of the endpoint's current config a `model` target's new config is made from (DescribeEndpointConfig). */
export interface CurrentEndpointConfig {
  readonly ProductionVariants: ProductionVariant[];
  readonly DataCaptureConfig?: DataCaptureConfig;
  readonly KmsKeyId?: string;
}

/** An inference component's batch: `{Type: COPY_COUNT | CAPACITY_PERCENT, Value}`, 5–50% of the copy count. */
export interface ComponentCapacitySize {
  readonly Type: 'COPY_COUNT' | 'CAPACITY_PERCENT';
  readonly Value: number;
}

export interface ComponentRollingUpdatePolicy {
  readonly MaximumBatchSize: ComponentCapacitySize;
  readonly WaitIntervalInSeconds: number;
  readonly MaximumExecutionTimeoutInSeconds?: number;
  readonly RollbackMaximumBatchSize?: ComponentCapacitySize;
}

/**
 * The parts of an inference component's Specification that an update carries: the model, and what the live
 * component runs it with (container, startup parameters, compute resource requirements).
 */
export interface ComponentSpecification {
  readonly ModelName?: string;
  readonly Container?: {
    readonly Image?: string;
    readonly ArtifactUrl?: string;
    readonly Environment?: Record<string, string>;
  };
  readonly StartupParameters?: {
    readonly ModelDataDownloadTimeoutInSeconds?: number;
    readonly ContainerStartupHealthCheckTimeoutInSeconds?: number;
  };
  readonly ComputeResourceRequirements?: {
    readonly NumberOfCpuCoresRequired?: number;
    readonly NumberOfAcceleratorDevicesRequired?: number;
    readonly MinMemoryRequiredInMb: number | undefined;
    readonly MaxMemoryRequiredInMb?: number;
  };
  readonly BaseInferenceComponentName?: string;
}

/** The `UpdateInferenceComponent` input Shiftwise sends: the new Specification, copies, and a rolling policy. */
export interface UpdateInferenceComponentInput {
  readonly InferenceComponentName: string;
  readonly Specification: ComponentSpecification;
  readonly RuntimeConfig?: { readonly CopyCount: number };
  readonly DeploymentConfig: {
    readonly RollingUpdatePolicy: ComponentRollingUpdatePolicy;
    readonly AutoRollbackConfiguration?: { readonly Alarms: { readonly AlarmName: string }[] };
  };
}

/**
 * What preflight reads of a live inference component (DescribeInferenceComponent): its Specification, as an update
 * takes it (the summary's `Container.DeployedImage.SpecifiedImage` becomes `Container.Image`), and its copies.
 */
export interface CurrentComponent {
  readonly specification: ComponentSpecification;
  readonly copies: number;
}
