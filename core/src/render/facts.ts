import { humanDuration } from '../plan/human-duration.js';
import type { Plan } from '../plan/types.js';

/** What a reviewer compares between two plans, each as words; absent when the plan has no such thing. */
export interface PlanFacts {
  /** SageMaker `EndpointName`; Vertex AI's endpoint is in the request's URL, not its body. */
  readonly endpoint?: string;
  /** What is deployed: SageMaker `EndpointConfigName`, Vertex AI `deployedModel.model`. */
  readonly target?: string;
  readonly strategy: string;
  readonly size?: string;
  readonly bake?: string;
  readonly terminationWait?: string;
  readonly timeout?: string;
  /** SageMaker rolling `RollbackMaximumBatchSize`. */
  readonly rollbackBatch?: string;
  readonly capacity: string;
  readonly steps: string;
  readonly total: string;
  readonly peak: string;
  readonly alarms: readonly string[];
}

type Json = Record<string, unknown>;
const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (v, key) => (typeof v === 'object' && v !== null ? (v as Json)[key] : undefined),
    value,
  );

/** SageMaker's `{Type, Value}` or Vertex's replicas/percentage as `30%` / `2 instances`. */
function sizeWords(size: unknown): string | undefined {
  const type = get(size, 'Type');
  const value = get(size, 'Value');
  if (typeof value !== 'number') return undefined;
  return type === 'CAPACITY_PERCENT' ? `${value}%` : `${value} ${value === 1 ? 'instance' : 'instances'}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function seconds(value: unknown): string | undefined {
  return typeof value === 'number' ? humanDuration(value) : undefined;
}

/**
 * Reads the facts from the plan and its exact provider request, so a diff speaks of what will be sent.
 *
 *   canary 30%, bake 10 min → { strategy: 'canary', size: '30%', bake: '10 min', ... }
 */
export function planFacts(plan: Plan): PlanFacts {
  const config = get(plan.request, 'DeploymentConfig');
  const blueGreen = get(config, 'BlueGreenUpdatePolicy');
  const routing = get(blueGreen, 'TrafficRoutingConfiguration');
  const rolling = get(config, 'RollingUpdatePolicy');
  const options = get(plan.request, 'deployedModel', 'rolloutOptions');
  const unit = plan.provider === 'vertex-ai' ? 'replicas' : 'instances';
  const vertexSize = (prefix: string) => {
    const count = get(options, `${prefix}Replicas`);
    const percent = get(options, `${prefix}Percentage`);
    return typeof percent === 'number' ? `${percent}%` : typeof count === 'number' ? `${count}` : '?';
  };
  const size =
    plan.provider === 'vertex-ai'
      ? `surge ${vertexSize('maxSurge')}, unavailable ${vertexSize('maxUnavailable')}`
      : sizeWords(
          get(routing, 'CanarySize') ?? get(routing, 'LinearStepSize') ?? get(rolling, 'MaximumBatchSize'),
        );
  const bake =
    plan.strategy === 'all-at-once' ? undefined : seconds(get(routing ?? rolling, 'WaitIntervalInSeconds'));
  const terminationWait = seconds(get(blueGreen, 'TerminationWaitInSeconds'));
  const timeout = plan.timeoutSeconds === undefined ? undefined : humanDuration(plan.timeoutSeconds);
  const alarms = get(config, 'AutoRollbackConfiguration', 'Alarms');
  const endpoint = text(get(plan.request, 'EndpointName'));
  const target = text(get(plan.request, 'EndpointConfigName') ?? get(plan.request, 'deployedModel', 'model'));
  const rollbackBatch = sizeWords(get(rolling, 'RollbackMaximumBatchSize'));
  return {
    ...(endpoint !== undefined && { endpoint }),
    ...(target !== undefined && { target }),
    strategy: plan.strategy,
    ...(size !== undefined && { size }),
    ...(bake !== undefined && { bake }),
    ...(terminationWait !== undefined && { terminationWait }),
    ...(timeout !== undefined && { timeout }),
    ...(rollbackBatch !== undefined && { rollbackBatch }),
    capacity: `${plan.capacity} ${unit}${plan.capacityKnown ? '' : ' (example)'}`,
    steps: String(plan.steps.length),
    total: humanDuration(plan.totalSeconds),
    peak: `${plan.peakInstances} ${unit}`,
    alarms: Array.isArray(alarms) ? alarms.map((a) => String(get(a, 'AlarmName'))) : [],
  };
}
