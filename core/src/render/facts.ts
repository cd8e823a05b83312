import { fleetCount, fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import type {
  CapacitySize,
  ComponentCapacitySize,
  UpdateEndpointInput,
  UpdateInferenceComponentInput,
} from '../plan/sagemaker-api.js';
import { storedConfigUnknown, summaryParts } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';
import type { DeployModelBody, RolloutOptions } from '../plan/vertex-api.js';

/** What a reviewer compares between two plans, each as words; absent when the plan has no such thing. */
export interface PlanFacts {
  /** SageMaker: the AWS region the file states (the plan's `region`); Vertex AI: none (see `location`). */
  readonly region?: string;
  /** Vertex AI: the project of the request's endpoint resource name. */
  readonly project?: string;
  /** Vertex AI: the location of the request's endpoint resource name. */
  readonly location?: string;
  /**
   * SageMaker `EndpointName`, or the endpoint hosting an inference component (the plan's `endpoint`); Vertex AI:
   * the endpoint ID of the request's resource name `projects/P/locations/L/endpoints/E` (the whole name when it
   * has another shape).
   */
  readonly endpoint?: string;
  /** SageMaker `InferenceComponentName`, when an inference component is updated. */
  readonly component?: string;
  /**
   * What is deployed: SageMaker `EndpointConfigName` (an inference component's `Specification.ModelName`), Vertex AI
   * `deployedModel.model`.
   */
  readonly target?: string;
  readonly strategy: string;
  readonly size?: string;
  readonly bake?: string;
  readonly terminationWait?: string;
  readonly timeout?: string;
  /** SageMaker rolling `RollbackMaximumBatchSize`. */
  readonly rollbackBatch?: string;
  readonly capacity: string;
  /** How many steps; `unknown` for `retain`, whose stored deployment config decides. */
  readonly steps: string;
  /** The planned time after provisioning, or for Vertex AI waves their estimate, as the headline says it. */
  readonly total: string;
  /** `10 instances`; `unknown` for `retain`. */
  readonly peak: string;
  readonly alarms: readonly string[];
}

/** SageMaker's `{Type, Value}` as `30%` / `2 instances` / `2 copies`. */
function sizeWords(size: CapacitySize | ComponentCapacitySize | undefined): string | undefined {
  if (size === undefined) return undefined;
  const { Type, Value } = size;
  if (Type === 'CAPACITY_PERCENT') return `${Value}%`;
  const target = Type === 'COPY_COUNT' ? 'inference-component' : 'endpoint';
  return `${Value} ${fleetUnit({ provider: 'sagemaker', target }, Value)}`;
}

const seconds = (value: number | undefined) => (value === undefined ? undefined : humanDuration(value));

/** Vertex AI's surge and unavailable as `surge 25%, unavailable 0`. */
function vertexSizeWords(
  options: RolloutOptions | undefined,
  split?: Readonly<Record<string, number>>,
): string {
  if (options === undefined) return `first split ${split?.['0'] ?? 0}% to the new model`;
  const one = (percent: number | undefined, count: number | undefined) =>
    percent !== undefined ? `${percent}%` : count !== undefined ? `${count}` : '?';
  return `surge ${one(options.maxSurgePercentage, options.maxSurgeReplicas)}, unavailable ${one(options.maxUnavailablePercentage, options.maxUnavailableReplicas)}`;
}

/**
 * Reads the facts from the plan and its exact provider request, so a diff speaks of what will be sent.
 *
 *   canary 30%, bake 10 min → { strategy: 'canary', size: '30%', bake: '10 min', ... }
 */
export function planFacts(plan: Plan): PlanFacts {
  const request = plan.request;
  const words =
    request.provider === 'vertex-ai'
      ? { ...vertexPlace(request.endpoint), ...vertexWords(request.body) }
      : request.operation === 'UpdateInferenceComponent'
        ? componentWords(request.input)
        : sageMakerWords(request.input);
  const {
    project,
    location,
    endpoint,
    component,
    target,
    size,
    bake: bakeWords,
    terminationWait,
    rollbackBatch,
    alarms,
  } = words;
  const bake = plan.strategy === 'all-at-once' ? undefined : bakeWords;
  const timeout = plan.timeoutSeconds === undefined ? undefined : humanDuration(plan.timeoutSeconds);
  const host = endpoint ?? plan.endpoint;
  const parts = summaryParts(plan);
  return {
    ...(plan.region !== undefined && { region: plan.region }),
    ...(project !== undefined && { project }),
    ...(location !== undefined && { location }),
    ...(host !== undefined && { endpoint: host }),
    ...(component !== undefined && { component }),
    ...(target !== undefined && { target }),
    strategy: plan.strategy,
    ...(size !== undefined && { size }),
    ...(bake !== undefined && { bake }),
    ...(terminationWait !== undefined && { terminationWait }),
    ...(timeout !== undefined && { timeout }),
    ...(rollbackBatch !== undefined && { rollbackBatch }),
    capacity: `${fleetCount(plan, plan.capacity)}${plan.capacityKnown ? '' : ' (example)'}`,
    // retain runs the stored deployment config: its steps, time and peak are unknown (`summaryParts`).
    steps: storedConfigUnknown(plan) ? 'unknown' : String(plan.steps.length),
    total: parts.duration,
    peak: parts.peakCount,
    alarms,
  };
}

type RequestWords = Pick<
  PlanFacts,
  | 'project'
  | 'location'
  | 'endpoint'
  | 'component'
  | 'target'
  | 'size'
  | 'bake'
  | 'terminationWait'
  | 'rollbackBatch'
  | 'alarms'
>;

/** The facts an UpdateInferenceComponent input states; the endpoint hosting the component is the plan's. */
function componentWords(input: UpdateInferenceComponentInput): RequestWords {
  const rolling = input.DeploymentConfig.RollingUpdatePolicy;
  return {
    component: input.InferenceComponentName,
    ...(input.Specification.ModelName !== undefined && { target: input.Specification.ModelName }),
    size: sizeWords(rolling.MaximumBatchSize),
    bake: seconds(rolling.WaitIntervalInSeconds),
    rollbackBatch: sizeWords(rolling.RollbackMaximumBatchSize),
    alarms: (input.DeploymentConfig.AutoRollbackConfiguration?.Alarms ?? []).map((a) => a.AlarmName),
  };
}

/** The facts an UpdateEndpoint input states. */
function sageMakerWords(input: UpdateEndpointInput): RequestWords {
  const config = input.DeploymentConfig;
  const blueGreen = config?.BlueGreenUpdatePolicy;
  const routing = blueGreen?.TrafficRoutingConfiguration;
  const rolling = config?.RollingUpdatePolicy;
  return {
    endpoint: input.EndpointName,
    target: input.EndpointConfigName,
    size: sizeWords(routing?.CanarySize ?? routing?.LinearStepSize ?? rolling?.MaximumBatchSize),
    bake: seconds((routing ?? rolling)?.WaitIntervalInSeconds),
    terminationWait: seconds(blueGreen?.TerminationWaitInSeconds),
    rollbackBatch: sizeWords(rolling?.RollbackMaximumBatchSize),
    alarms: (config?.AutoRollbackConfiguration?.Alarms ?? []).map((a) => a.AlarmName),
  };
}

/**
 * Where a deployModel request goes, from its endpoint resource name, so that moving a file to another project,
 * location or endpoint shows as that change:
 *
 *   'projects/p/locations/us-central1/endpoints/1' → { project: 'p', location: 'us-central1', endpoint: '1' }
 *   'something-else'                               → { endpoint: 'something-else' }
 */
export function vertexPlace(resource: string): Pick<PlanFacts, 'project' | 'location' | 'endpoint'> {
  const parts = /^projects\/([^/]+)\/locations\/([^/]+)\/endpoints\/([^/]+)$/.exec(resource);
  if (parts === null) return { endpoint: resource };
  return { project: parts[1] as string, location: parts[2] as string, endpoint: parts[3] as string };
}

/** The facts a deployModel body states; where it goes is in the request's endpoint (`vertexPlace`). */
function vertexWords(body: DeployModelBody): RequestWords {
  return {
    target: body.deployedModel.model,
    size: vertexSizeWords(body.deployedModel.rolloutOptions, body.trafficSplit),
    alarms: [],
  };
}
