import type { FleetTarget, ProviderName, StrategyType } from '../model.js';
import { maxFleet } from '../plan/bounds.js';
import { endpointMetricNames } from '../values/endpoint-metrics.js';
import { vertexMetricNames } from '../values/vertex-metrics.js';

/** How a field's value is written and read. */
export type FieldKind =
  | 'version'
  | 'text'
  | 'name'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'duration'
  | 'size'
  | 'percent'
  | 'pause'
  | 'enum'
  | 'mapping'
  | 'list'
  | 'names';

/**
 * Everything known about one field of the rollout file: the one table that the JSON Schema, the reader's
 * key checks, editor hover and completion are all built from.
 */
export interface FieldDoc {
  /** Dotted path from the root: `strategy.bake`, `rollback.alarms`. */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly kind: FieldKind;
  readonly providers: readonly ProviderName[];
  /** Strategy types the field belongs to; absent: every strategy of its providers. */
  readonly strategies?: readonly StrategyType[];
  /** SageMaker: whether it belongs to endpoint updates or inference-component updates; absent: both. */
  readonly targets?: readonly FleetTarget[];
  /** Required wherever the field belongs (see `strategies`). */
  readonly required?: boolean;
  /** The bounds in words, as hover shows them. */
  readonly bounds?: string;
  /** The provider API field the value becomes. */
  readonly apiField?: string;
  /** Allowed values of an `enum` field. */
  readonly values?: readonly string[];
  /** The regular expression a `name` must match (also in the JSON Schema). */
  readonly pattern?: string;
  /** Limits of an integer (or of the integer form of a duration or size), shared with the JSON Schema. */
  readonly minimum?: number;
  readonly maximum?: number;
  /** The whole-percent bounds of a `size` written as a percent (the JSON Schema's pattern); default 0–100. */
  readonly percentMinimum?: number;
  readonly percentMaximum?: number;
  /** Root keys that must be present beside this one (the JSON Schema's if/then; the rules say it in their words). */
  readonly requires?: readonly string[];
  readonly examples: readonly unknown[];
  /** The value inserted when the field is completed or added as a missing field (YAML text). */
  readonly insert: string;
}

export const sageMakerName = '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$';
const sageMakerNameWords = '1–63 letters, digits and hyphens; starts and ends with a letter or digit';

const blueGreen: readonly StrategyType[] = ['all-at-once', 'canary', 'linear'];
const shifting: readonly StrategyType[] = ['all-at-once', 'canary', 'linear', 'rolling'];
/** Strategies whose rollback alarms are watched: SageMaker's own, and Shiftwise's for `steps`. */
const watched: readonly StrategyType[] = [...shifting, 'steps'];

/** The longest bake or timed pause of a step Shiftwise runs, and the longest timeout of such a rollout. */
export const maxStepWait = 86400;
export const maxStepsTimeout = 7 * 86400;

/** The most other DeployedModels a Vertex AI steps file may name beside the one it replaces. */
export const maxOtherDeployedModels = 10;

/** The most breaching periods in a row an analysis check may wait for before it rolls back. */
export const maxFailureLimit = 100;

const duration = "seconds (600) or a string like '90s', '10m', '1h30m'";

/** Every field of format version 1 (docs/rollout-file.md), root first, in the order a file usually lists them. */
export const fieldTable: readonly FieldDoc[] = [
  {
    path: '$schema',
    title: 'JSON Schema',
    description: 'The JSON Schema this file follows, for editors without Shiftwise. Ignored by Shiftwise.',
    kind: 'text',
    providers: ['sagemaker', 'vertex-ai'],
    examples: ['https://raw.githubusercontent.com/shiftwise/shiftwise/main/core/schema/rollout.schema.json'],
    insert: "'./node_modules/@shiftwise/core/schema/rollout.schema.json'",
  },
  {
    path: 'version',
    title: 'Format version',
    description: 'The rollout file format version. Always 1.',
    kind: 'version',
    providers: ['sagemaker', 'vertex-ai'],
    required: true,
    bounds: 'exactly 1',
    values: ['1'],
    examples: [1],
    insert: '1',
  },
  {
    path: 'name',
    title: 'Rollout name',
    description:
      "A label for plans, comments and logs. Default: the file name without `.rollout.yaml`. On Vertex AI it is also the new DeployedModel's display name, at most 128 characters.",
    kind: 'text',
    providers: ['sagemaker', 'vertex-ai'],
    examples: ['fraud-detector'],
    insert: 'my-model',
  },
  {
    path: 'provider',
    title: 'Provider',
    description:
      'Where the endpoint runs: `sagemaker` (Amazon SageMaker blue/green or rolling updates) or `vertex-ai` (Google Vertex AI rolling deployments).',
    kind: 'enum',
    providers: ['sagemaker', 'vertex-ai'],
    required: true,
    values: ['sagemaker', 'vertex-ai'],
    examples: ['sagemaker', 'vertex-ai'],
    insert: 'sagemaker',
  },
  {
    path: 'region',
    title: 'AWS region',
    description:
      "The AWS region of the endpoint, where Shiftwise's SageMaker and CloudWatch clients call: no request field carries it. Default: the environment's region (AWS_REGION or the profile).",
    kind: 'text',
    providers: ['sagemaker'],
    examples: ['us-east-1'],
    insert: 'us-east-1',
  },
  {
    path: 'project',
    title: 'Google Cloud project',
    description: 'The project ID (or number) that holds the Vertex AI endpoint.',
    kind: 'name',
    providers: ['vertex-ai'],
    required: true,
    pattern: '^([a-z][-a-z0-9]{4,28}[a-z0-9]|[0-9]+)$',
    bounds: '6–30 lowercase letters, digits and hyphens, starting with a letter; or a project number',
    apiField: 'projects/{project} in the endpoint resource name',
    examples: ['acme-ml-prod'],
    insert: 'my-project',
  },
  {
    path: 'location',
    title: 'Vertex AI location',
    description: 'The region of the Vertex AI endpoint.',
    kind: 'name',
    providers: ['vertex-ai'],
    required: true,
    pattern: '^[a-z]+-[a-z]+[0-9]+$',
    bounds: 'a Google Cloud region such as us-central1',
    apiField: 'locations/{location} in the endpoint resource name',
    examples: ['us-central1', 'europe-west4'],
    insert: 'us-central1',
  },
  {
    path: 'endpoint',
    title: 'Endpoint name',
    description: 'The SageMaker endpoint to update.',
    kind: 'name',
    providers: ['sagemaker'],
    required: true,
    pattern: sageMakerName,
    bounds: sageMakerNameWords,
    apiField: 'UpdateEndpoint.EndpointName',
    examples: ['fraud-detector-prod'],
    insert: 'my-endpoint',
  },
  {
    path: 'endpoint',
    title: 'Endpoint ID',
    description: 'The numeric ID of the Vertex AI endpoint.',
    kind: 'name',
    providers: ['vertex-ai'],
    required: true,
    pattern: '^[0-9]{1,30}$',
    bounds: 'digits only',
    apiField: 'endpoints/{endpoint} in DeployModelRequest.endpoint',
    examples: ['1234567890123456789'],
    insert: "'1234567890'",
  },
  {
    path: 'endpointConfig',
    title: 'Endpoint config to deploy',
    description: 'The endpoint config the endpoint moves to. Give this or `model`: one of the two, not both.',
    kind: 'name',
    providers: ['sagemaker'],
    strategies: ['all-at-once', 'canary', 'linear', 'rolling', 'retain'],
    pattern: sageMakerName,
    bounds: sageMakerNameWords,
    targets: ['endpoint'],
    apiField: 'UpdateEndpoint.EndpointConfigName',
    examples: ['fraud-detector-v42'],
    insert: 'my-endpoint-config',
  },
  {
    path: 'model',
    title: 'Model to deploy',
    description:
      "A SageMaker model deployed onto a copy of the endpoint's current config (instances and variants unchanged). Give this or `endpointConfig`: one of the two, not both.",
    kind: 'name',
    providers: ['sagemaker'],
    pattern: sageMakerName,
    bounds: sageMakerNameWords,
    targets: ['endpoint'],
    apiField: 'ProductionVariant.ModelName (in a copy of the current EndpointConfig)',
    examples: ['fraud-detector-model-v42'],
    insert: 'my-model',
  },
  {
    path: 'inferenceComponent',
    title: 'Inference component',
    description:
      'The inference component on `endpoint` to update: its copies are replaced in batches by copies of `model` (UpdateInferenceComponent). With it the file is an inference-component rollout: `model` is required, `endpointConfig`, `capacity` and `terminationWait` do not apply, and the strategy is `rolling`.',
    kind: 'name',
    providers: ['sagemaker'],
    targets: ['inference-component'],
    pattern: sageMakerName,
    bounds: sageMakerNameWords,
    apiField: 'UpdateInferenceComponent.InferenceComponentName',
    examples: ['chat-ic'],
    insert: 'my-inference-component',
  },
  {
    path: 'model',
    title: 'Model to deploy',
    description:
      'The SageMaker model the inference component runs after the update. The rest of its Specification (container, compute resource requirements, startup parameters) is copied from the live component.',
    kind: 'name',
    providers: ['sagemaker'],
    targets: ['inference-component'],
    required: true,
    pattern: sageMakerName,
    bounds: sageMakerNameWords,
    apiField: 'UpdateInferenceComponent.Specification.ModelName',
    examples: ['chat-model-v8'],
    insert: 'my-model',
  },
  {
    path: 'copies',
    title: 'Copies',
    description:
      "How many copies of the model the inference component runs after the update. Percent batches are taken of this. Optional: at deploy time the component's current copy count is kept.",
    kind: 'integer',
    providers: ['sagemaker'],
    targets: ['inference-component'],
    minimum: 1,
    maximum: maxFleet,
    bounds: 'a whole number, 1–10000',
    apiField: 'UpdateInferenceComponent.RuntimeConfig.CopyCount',
    examples: [8],
    insert: '4',
  },
  {
    path: 'model',
    title: 'Model resource name',
    description: 'The Vertex AI model to deploy, optionally with a version after `@`.',
    kind: 'name',
    providers: ['vertex-ai'],
    required: true,
    pattern: '^projects/[^/\\s]+/locations/[^/\\s]+/models/[^/@\\s]+(@[^/@\\s]+)?$',
    bounds: 'projects/P/locations/L/models/M, optionally @VERSION',
    apiField: 'DeployedModel.model',
    examples: ['projects/acme-ml-prod/locations/us-central1/models/fraud@2'],
    insert: 'projects/my-project/locations/us-central1/models/my-model',
  },
  {
    path: 'previousDeployedModel',
    title: 'Deployed model to replace',
    description:
      'The numeric ID of the DeployedModel this rollout replaces. Default: the one model deployed on the endpoint (found at deploy time).',
    kind: 'name',
    providers: ['vertex-ai'],
    pattern: '^[0-9]{1,30}$',
    bounds: 'digits only',
    apiField: 'DeployedModel.rolloutOptions.previousDeployedModel',
    examples: ['7182093452048605184'],
    insert: "'1234567890'",
  },
  {
    path: 'otherDeployedModels',
    title: 'Other deployed models',
    description:
      'DeployedModels the endpoint serves beside the one replaced (type: steps): they keep their share of traffic while the previous model’s share moves. Naming them requires previousDeployedModel. Absent: the endpoint must serve the previous model alone.',
    kind: 'names',
    providers: ['vertex-ai'],
    strategies: ['steps'],
    minimum: 1,
    maximum: maxOtherDeployedModels,
    bounds: '1–10 numeric DeployedModel IDs',
    requires: ['previousDeployedModel'],
    apiField: 'keys of Endpoint.trafficSplit',
    examples: [['7182093452048605184']],
    insert: "['1234567890']",
  },

  {
    path: 'capacity',
    title: 'Capacity',
    description:
      'Instances of the new variant once it serves all traffic; each step runs capacity × its traffic share, rounded up. Required with type: steps.',
    kind: 'integer',
    providers: ['sagemaker'],
    strategies: ['steps'],
    targets: ['endpoint'],
    required: true,
    minimum: 1,
    maximum: maxFleet,
    bounds: 'a whole number, 1–10000',
    apiField: 'ProductionVariant.InitialInstanceCount and DesiredInstanceCount of the new variant',
    examples: [4],
    insert: '4',
  },
  {
    path: 'capacity',
    title: 'Capacity',
    description:
      'Instances (replicas on Vertex AI) in the new fleet. Percent sizes are taken of this. Optional: at deploy time it is read from the endpoint; `--capacity` overrides it.',
    kind: 'integer',
    providers: ['sagemaker', 'vertex-ai'],
    targets: ['endpoint'],
    minimum: 1,
    maximum: maxFleet,
    bounds: 'a whole number, 1–10000',
    apiField:
      'ProductionVariant.InitialInstanceCount (SageMaker) / dedicatedResources.minReplicaCount (Vertex AI)',
    examples: [4],
    insert: '4',
  },
  {
    path: 'strategy',
    title: 'Strategy',
    description:
      'How traffic moves to the new fleet: `type` and, by type, `size` (canary), `step` (linear), `batch` (rolling) and `bake`; on Vertex AI `maxSurge` and `maxUnavailable`.',
    kind: 'mapping',
    providers: ['sagemaker', 'vertex-ai'],
    required: true,
    apiField: 'DeploymentConfig (SageMaker) / DeployedModel.rolloutOptions (Vertex AI)',
    examples: [
      { type: 'canary', size: '10%', bake: '10m' },
      { type: 'rolling', maxSurge: 1, maxUnavailable: 0 },
    ],
    insert: '',
  },
  {
    path: 'strategy.type',
    title: 'Strategy type',
    description:
      '`all-at-once`: all traffic in one step, then bake `terminationWait`. `canary`: a `size` slice first, bake, then the rest. `linear`: equal `step`s, baking after each. `rolling`: replace instances in `batch`es (no second fleet). `retain`: reuse the deployment config stored on the endpoint. `steps`: Shiftwise moves the traffic itself, in any `steps`, with manual gates and `analysis` (the new `model` runs as a second variant).',
    kind: 'enum',
    providers: ['sagemaker'],
    targets: ['endpoint'],
    required: true,
    values: ['all-at-once', 'canary', 'linear', 'rolling', 'retain', 'steps'],
    apiField:
      'BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type (ALL_AT_ONCE | CANARY | LINEAR), RollingUpdatePolicy, or RetainDeploymentConfig; steps: UpdateEndpointWeightsAndCapacities, sent by Shiftwise',
    examples: ['canary', 'linear', 'rolling'],
    insert: 'canary',
  },
  {
    path: 'strategy.type',
    title: 'Strategy type',
    description:
      'An inference component is updated by rolling batches of copies: `rolling`, with `batch` and `bake`. Blue/green traffic shifting (all-at-once, canary, linear) belongs to endpoint updates.',
    kind: 'enum',
    providers: ['sagemaker'],
    targets: ['inference-component'],
    required: true,
    values: ['rolling'],
    apiField: 'InferenceComponentDeploymentConfig.RollingUpdatePolicy',
    examples: ['rolling'],
    insert: 'rolling',
  },

  {
    path: 'strategy.type',
    title: 'Strategy type',
    description:
      '`rolling`: Vertex AI replaces the replicas (v1beta1 rolloutOptions: `maxSurge`, `maxUnavailable`). `steps`: a canary by traffic split that Shiftwise runs (GA v1 API): the new model deployed beside the previous one, its share moved step by step, with gates and `analysis`.',
    kind: 'enum',
    providers: ['vertex-ai'],
    required: true,
    values: ['rolling', 'steps'],
    apiField: 'DeployedModel.rolloutOptions',
    examples: ['rolling'],
    insert: 'rolling',
  },
  {
    path: 'strategy.size',
    title: 'Canary size',
    description:
      'The first slice of the new fleet to take traffic: a count of instances or a percent of capacity (rounded down, at least 1).',
    kind: 'size',
    providers: ['sagemaker'],
    strategies: ['canary'],
    required: true,
    minimum: 1,
    maximum: maxFleet,
    percentMinimum: 1,
    percentMaximum: 50,
    bounds: '1–50%, or at least 1 instance and at most half the capacity (at most 10000)',
    apiField: 'TrafficRoutingConfiguration.CanarySize',
    examples: ['10%', 1],
    insert: '10%',
  },
  {
    path: 'strategy.step',
    title: 'Linear step',
    description:
      'The slice of the new fleet added at each step: a count of instances or a percent of capacity (rounded down, at least 1).',
    kind: 'size',
    providers: ['sagemaker'],
    strategies: ['linear'],
    required: true,
    minimum: 1,
    maximum: maxFleet,
    percentMinimum: 10,
    percentMaximum: 50,
    bounds: '10–50%, or a count that is 10–50% of the capacity (at most 10000)',
    apiField: 'TrafficRoutingConfiguration.LinearStepSize',
    examples: ['20%', 1],
    insert: '20%',
  },
  {
    path: 'strategy.batch',
    title: 'Rolling batch',
    description:
      'How many instances are replaced at a time: a count or a percent of capacity. Peak fleet = capacity + batch.',
    kind: 'size',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    targets: ['endpoint'],
    required: true,
    minimum: 1,
    maximum: maxFleet,
    percentMinimum: 5,
    percentMaximum: 50,
    bounds: '5–50%, or a count that is 5–50% of the capacity (at most 10000)',
    apiField: 'RollingUpdatePolicy.MaximumBatchSize',
    examples: ['25%', 1],
    insert: '25%',
  },
  {
    path: 'strategy.batch',
    title: 'Rolling batch',
    description:
      'How many copies are replaced at a time: a count of copies or a percent of the copy count. Peak = copies + batch.',
    kind: 'size',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    targets: ['inference-component'],
    required: true,
    minimum: 1,
    maximum: maxFleet,
    percentMinimum: 5,
    percentMaximum: 50,
    bounds: '5–50%, or a count that is 5–50% of the copies (at most 10000)',
    apiField: 'InferenceComponentRollingUpdatePolicy.MaximumBatchSize (COPY_COUNT or CAPACITY_PERCENT)',
    examples: ['25%', 2],
    insert: '25%',
  },

  {
    path: 'strategy.bake',
    title: 'Bake time',
    description: `How long each slice serves traffic before the next one shifts; alarms can roll back meanwhile. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker'],
    strategies: ['canary', 'linear'],
    required: true,
    minimum: 0,
    maximum: 3600,
    bounds: '0–3600 seconds (1h)',
    apiField: 'TrafficRoutingConfiguration.WaitIntervalInSeconds',
    examples: ['10m', 300],
    insert: '10m',
  },
  {
    path: 'strategy.bake',
    title: 'Bake time',
    description: `How long each batch serves traffic before the next one is replaced; alarms can roll back meanwhile. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    required: true,
    minimum: 0,
    maximum: 3600,
    bounds: '0–3600 seconds (1h)',
    apiField: 'RollingUpdatePolicy.WaitIntervalInSeconds',
    examples: ['5m', 300],
    insert: '5m',
  },
  {
    path: 'strategy.maxSurge',
    title: 'Max surge',
    description:
      'Extra replicas started above capacity during the rollout: a count or a percent of capacity (rounded up). Peak = capacity + surge.',
    kind: 'size',
    providers: ['vertex-ai'],
    strategies: ['rolling'],
    required: true,
    minimum: 0,
    maximum: maxFleet,
    percentMinimum: 0,
    percentMaximum: 100,
    bounds: 'a count 0–10000 or 0–100%; not zero together with maxUnavailable',
    apiField: 'RolloutOptions.maxSurgeReplicas / maxSurgePercentage',
    examples: [1, '25%'],
    insert: '1',
  },
  {
    path: 'strategy.maxUnavailable',
    title: 'Max unavailable',
    description:
      'Replicas that may be down at once during the rollout: a count or a percent of capacity (rounded down). Lowest serving = capacity − unavailable.',
    kind: 'size',
    providers: ['vertex-ai'],
    strategies: ['rolling'],
    required: true,
    minimum: 0,
    maximum: maxFleet,
    percentMinimum: 0,
    percentMaximum: 100,
    bounds: 'a count 0–10000 or 0–100%; not zero together with maxSurge',
    apiField: 'RolloutOptions.maxUnavailableReplicas / maxUnavailablePercentage',
    examples: [0, '10%'],
    insert: '0',
  },
  {
    path: 'strategy.steps',
    title: 'Steps',
    description:
      'The schedule Shiftwise runs, in order: each entry is a traffic step (`traffic`, `bake`) or a pause (`pause: manual` waits for shiftwise promote; `pause: 1h` continues by itself). Traffic rises strictly and ends at 100%.',
    kind: 'list',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps'],
    targets: ['endpoint'],
    required: true,
    minimum: 1,
    maximum: 50,
    bounds: '1–50 entries; traffic strictly increasing, the last traffic step at 100%',
    apiField:
      'SageMaker: UpdateEndpointWeightsAndCapacities, one per traffic step; Vertex AI: endpoints.patch of trafficSplit',
    examples: [[{ traffic: '5%', bake: '10m' }, { pause: 'manual' }, { traffic: '100%', bake: '10m' }]],
    // One line in flow style, so the required-key fix and completion write it at any indent (JSON files get JSON).
    insert: '[{traffic: 10%, bake: 10m}, {traffic: 100%, bake: 10m}]',
  },
  {
    path: 'strategy.steps.traffic',
    title: 'Traffic to the new model',
    description:
      "The share of requests the new model serves during this step, as a percent. On SageMaker the new variant's instances follow: capacity × share, rounded up; on Vertex AI the new model runs its capacity from the start and only the traffic split moves.",
    kind: 'percent',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps'],
    targets: ['endpoint'],
    minimum: 1,
    maximum: 100,
    bounds: '1–100%, higher than the step before',
    apiField:
      'SageMaker: DesiredWeightsAndCapacities[].DesiredWeight and DesiredInstanceCount; Vertex AI: the share of the previous model’s trafficSplit',
    examples: ['5%', '100%'],
    insert: '10%',
  },
  {
    path: 'strategy.steps.bake',
    title: 'Step bake',
    description: `How long the step serves before the next one, while Shiftwise watches the analysis checks (and on SageMaker the rollback alarms). Default 0. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps'],
    targets: ['endpoint'],
    minimum: 0,
    maximum: maxStepWait,
    bounds: '0 seconds to 24 hours',
    examples: ['10m', 600],
    insert: '10m',
  },
  {
    path: 'strategy.steps.pause',
    title: 'Pause',
    description:
      "A step that keeps traffic where it is: 'manual' waits for shiftwise promote (deploy ends with exit code 5, outcome paused); a duration waits that long, still watched.",
    kind: 'pause',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps'],
    targets: ['endpoint'],
    minimum: 1,
    maximum: maxStepWait,
    bounds: "'manual', or 1 second to 24 hours",
    examples: ['manual', '1h'],
    insert: 'manual',
  },
  {
    path: 'analysis',
    title: 'Analysis',
    description:
      'Checks Shiftwise runs on CloudWatch metrics while each step bakes: a metric of the new variant, or an expression comparing new. with old. metrics. A breach rolls back, unless the check is a dryRun.',
    kind: 'list',
    providers: ['sagemaker'],
    strategies: ['steps'],
    targets: ['endpoint'],
    minimum: 1,
    maximum: 20,
    bounds: '1–20 checks with distinct names',
    apiField: 'CloudWatch GetMetricData, polled by Shiftwise',
    examples: [[{ name: 'new-5xx', metric: 'Invocation5XXErrors', stat: 'Sum', period: '1m', max: 0 }]],
    insert: '[{name: new-5xx, metric: Invocation5XXErrors, period: 1m, max: 0}]',
  },
  {
    path: 'analysis',
    title: 'Analysis',
    description:
      'Checks Shiftwise runs on Cloud Monitoring while the rollout runs: a metric of the new DeployedModel, or an expression comparing new. with old. A breach rolls back (a canary), or reverts to the previous model (a rolling deployment), unless the check is a dryRun.',
    kind: 'list',
    providers: ['vertex-ai'],
    strategies: ['steps', 'rolling'],
    minimum: 1,
    maximum: 20,
    bounds: '1–20 checks with distinct names',
    apiField: 'Cloud Monitoring projects.timeSeries.list, polled by Shiftwise',
    examples: [[{ name: 'new-errors', metric: 'prediction/online/error_count', period: '1m', max: 0 }]],
    insert: '[{name: new-errors, metric: prediction/online/error_count, period: 1m, max: 0}]',
  },

  {
    path: 'analysis.name',
    title: 'Check name',
    description: 'Names the check in reports and in the outcome of a rollback it causes.',
    kind: 'name',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    required: true,
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
    bounds: '1–64 letters, digits, dots, underscores and hyphens; unique in the file',
    examples: ['new-5xx'],
    insert: 'new-5xx',
  },
  {
    path: 'analysis.metric',
    title: 'Metric',
    description:
      'An AWS/SageMaker metric of the new variant (dimensions EndpointName and VariantName filled in). Give this or expression.',
    kind: 'enum',
    providers: ['sagemaker'],
    strategies: ['steps'],
    values: endpointMetricNames,
    apiField: 'MetricDataQuery.MetricStat.Metric.MetricName',
    examples: ['Invocation5XXErrors'],
    insert: 'Invocation5XXErrors',
  },
  {
    path: 'analysis.metric',
    title: 'Metric',
    description:
      'A Vertex AI online-prediction metric (aiplatform.googleapis.com/) of the new DeployedModel (endpoint_id and deployed_model_id filled in). Give this or expression.',
    kind: 'enum',
    providers: ['vertex-ai'],
    strategies: ['steps', 'rolling'],
    values: vertexMetricNames,
    apiField: 'timeSeries.list filter metric.type',
    examples: ['prediction/online/error_count'],
    insert: 'prediction/online/error_count',
  },

  {
    path: 'analysis.expression',
    title: 'Expression',
    description:
      'Metric math over new.Metric and old.Metric (the two variants), numbers, + - * / and parentheses. Give this or metric.',
    kind: 'text',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    bounds:
      'at most 2048 characters; names only new. and old. metrics: AWS/SageMaker variant metrics, on Vertex AI their short names (new.error_count)',
    apiField: 'MetricDataQuery.Expression (on Vertex AI Shiftwise computes it)',
    examples: [
      '100 * new.Invocation5XXErrors / new.Invocations - 100 * old.Invocation5XXErrors / old.Invocations',
    ],
    insert: "'new.Invocation5XXErrors / new.Invocations'",
  },
  {
    path: 'analysis.stat',
    title: 'Statistic',
    description: 'The statistic of every metric the check reads. Default Sum.',
    kind: 'enum',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    values: ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'],
    apiField:
      'SageMaker: MetricDataQuery.MetricStat.Stat; Vertex AI: timeSeries.list aggregation.perSeriesAligner',
    examples: ['Sum'],
    insert: 'Sum',
  },
  {
    path: 'analysis.period',
    title: 'Period',
    description: `How much time one value covers; each period watched is one verdict. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    required: true,
    minimum: 60,
    maximum: 86400,
    bounds: 'a whole number of minutes, 1 minute to 24 hours',
    apiField:
      'SageMaker: MetricDataQuery.MetricStat.Period; Vertex AI: timeSeries.list aggregation.alignmentPeriod',
    examples: ['1m', '5m'],
    insert: '1m',
  },
  {
    path: 'analysis.max',
    title: 'Maximum',
    description: 'A value above this is a breach.',
    kind: 'number',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    examples: [0, 1.5],
    insert: '0',
  },
  {
    path: 'analysis.min',
    title: 'Minimum',
    description: 'A value below this is a breach.',
    kind: 'number',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    examples: [99.5],
    insert: '0',
  },
  {
    path: 'analysis.failureLimit',
    title: 'Failure limit',
    description: 'How many breaching periods in a row roll back. Default 1.',
    kind: 'integer',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    minimum: 1,
    maximum: maxFailureLimit,
    bounds: 'a whole number, 1–100',
    examples: [2],
    insert: '2',
  },
  {
    path: 'analysis.dryRun',
    title: 'Dry run',
    description:
      'Report the check as it is watched, but never roll back on it: for a metric still being trusted.',
    kind: 'boolean',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    examples: [true],
    insert: 'true',
  },
  {
    path: 'analysis.missingData',
    title: 'Missing data',
    description: "A period with no value: 'ignore' (the default; the report says no data) or 'breach'.",
    kind: 'enum',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    values: ['ignore', 'breach'],
    examples: ['ignore'],
    insert: 'ignore',
  },
  {
    path: 'analysis.lag',
    title: 'Metric lag',
    description: `How long after a period ends its value may still be arriving: a period is judged only once it has settled, and a step is left only once all its periods have. Default: 2 minutes on SageMaker (CloudWatch), 4 minutes on Vertex AI (Cloud Monitoring). A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps', 'rolling'],
    minimum: 0,
    maximum: 1800,
    bounds: '0–1800 seconds (30m)',
    examples: ['2m', 0],
    insert: '2m',
  },
  {
    path: 'terminationWait',
    title: 'Termination wait',
    description: `How long the new fleet serves all traffic, with the old fleet kept, before the old one is terminated: the final bake. Default 0. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker'],
    strategies: blueGreen,
    targets: ['endpoint'],
    minimum: 0,
    maximum: 3600,
    bounds: '0–3600 seconds (1h)',
    apiField: 'BlueGreenUpdatePolicy.TerminationWaitInSeconds',
    examples: ['10m', 600],
    insert: '10m',
  },
  {
    path: 'timeout',
    title: 'Timeout',
    description: `The longest the whole update may run, provisioning included, before SageMaker rolls it back. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker'],
    strategies: shifting,
    targets: ['endpoint'],
    minimum: 600,
    maximum: 28800,
    bounds: '600–28800 seconds (10m–8h), longer than all bakes and terminationWait',
    apiField:
      'BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds / RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds',
    examples: ['1h', 3600],
    insert: '1h',
  },
  {
    path: 'timeout',
    title: 'Timeout',
    description: `The longest the whole update may run, the new copies' start included, before SageMaker rolls the copies back to the old model. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    targets: ['inference-component'],
    minimum: 600,
    maximum: 28800,
    bounds: '600–28800 seconds (10m–8h), longer than all bakes',
    apiField: 'InferenceComponentRollingUpdatePolicy.MaximumExecutionTimeoutInSeconds',
    examples: ['1h', 3600],
    insert: '1h',
  },
  {
    path: 'timeout',
    title: 'Timeout',
    description: `How long the steps may run before Shiftwise rolls back; with a manual pause, how long each stretch between gates may run, counted from its start or its promote. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['sagemaker', 'vertex-ai'],
    strategies: ['steps'],
    minimum: 600,
    maximum: maxStepsTimeout,
    bounds: '600 seconds to 7 days, longer than the bakes and timed pauses it covers',
    examples: ['4h', 14400],
    insert: '4h',
  },
  {
    path: 'timeout',
    title: 'Timeout',
    description: `How long Shiftwise watches the deployment before it reports a time-out. A duration: ${duration}.`,
    kind: 'duration',
    providers: ['vertex-ai'],
    minimum: 600,
    maximum: 28800,
    bounds: '600–28800 seconds (10m–8h)',
    examples: ['1h', 3600],
    insert: '1h',
  },
  {
    path: 'rollback',
    title: 'Rollback',
    description:
      'What rolls the update back: CloudWatch `alarms`, and for rolling updates the rollback `batch`.',
    kind: 'mapping',
    providers: ['sagemaker'],
    strategies: watched,
    apiField: 'DeploymentConfig.AutoRollbackConfiguration (steps: polled by Shiftwise with DescribeAlarms)',
    examples: [{ alarms: ['fraud-5xx', 'fraud-latency-p99'] }],
    insert: '',
  },
  {
    path: 'rollback.alarms',
    title: 'Rollback alarms',
    description:
      'CloudWatch alarm names. If any goes to ALARM during the update, SageMaker shifts traffic back to the old fleet (with type: steps, Shiftwise does).',
    kind: 'names',
    providers: ['sagemaker'],
    strategies: watched,
    targets: ['endpoint'],
    minimum: 1,
    maximum: 10,
    bounds: '1–10 alarm names, each 1–255 characters, not blank, with no control characters',
    apiField: 'AutoRollbackConfiguration.Alarms[].AlarmName',
    examples: [['fraud-5xx', 'fraud-latency-p99']],
    insert: '[my-endpoint-5xx]',
  },
  {
    path: 'rollback.alarms',
    title: 'Rollback alarms',
    description:
      'CloudWatch alarm names. If any goes to ALARM during a bake, SageMaker rolls the copies back to the old model.',
    kind: 'names',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    targets: ['inference-component'],
    minimum: 1,
    maximum: 10,
    bounds: '1–10 alarm names, each 1–255 characters, not blank, with no control characters',
    apiField: 'InferenceComponentDeploymentConfig.AutoRollbackConfiguration.Alarms[].AlarmName',
    examples: [['chat-5xx', 'chat-latency-p99']],
    insert: '[my-component-5xx]',
  },
  {
    path: 'rollback.batch',
    title: 'Rollback batch',
    description: 'How many instances are rolled back at a time when an alarm trips. Default: all at once.',
    kind: 'size',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    targets: ['endpoint'],
    minimum: 1,
    maximum: maxFleet,
    percentMinimum: 1,
    percentMaximum: 100,
    bounds: '1–100%, or a count of 1–10000 (at most the capacity)',
    apiField: 'RollingUpdatePolicy.RollbackMaximumBatchSize',
    examples: ['50%', 2],
    insert: '100%',
  },
  {
    path: 'rollback.batch',
    title: 'Rollback batch',
    description: 'How many copies are rolled back at a time when an alarm trips. Default: all at once.',
    kind: 'size',
    providers: ['sagemaker'],
    strategies: ['rolling'],
    targets: ['inference-component'],
    minimum: 1,
    maximum: maxFleet,
    percentMinimum: 1,
    percentMaximum: 100,
    bounds: '1–100%, or a count of 1–10000 copies (at most the copy count)',
    apiField:
      'InferenceComponentRollingUpdatePolicy.RollbackMaximumBatchSize (COPY_COUNT or CAPACITY_PERCENT)',
    examples: ['50%', 2],
    insert: '100%',
  },
];
