import type { SageMakerStrategy, Size } from '../model.js';
import { humanDuration } from './human-duration.js';
import type { CapacitySize, DeploymentConfig } from './sagemaker-api.js';

/**
 * The deployment config stored on an endpoint (DescribeEndpoint's `LastDeploymentConfig`), which an update with
 * `RetainDeploymentConfig` runs again, read as the strategy a rollout file would state for it: what a `retain`
 * rollout is planned as once preflight has read it.
 */
export interface StoredDeployment {
  readonly strategy: Extract<
    SageMakerStrategy,
    { readonly type: 'all-at-once' | 'canary' | 'linear' | 'rolling' }
  >;
  readonly terminationWaitSeconds: number;
}

/**
 * `config` as a strategy, or undefined when there is none or it holds what no rollout file could state (a canary
 * without its size, a size that is no whole number above 0): the plan then says the stored config is unknown.
 *
 *   {BlueGreenUpdatePolicy: {TrafficRoutingConfiguration: {Type: 'CANARY', CanarySize: {Type: 'INSTANCE_COUNT',
 *     Value: 1}, WaitIntervalInSeconds: 300}, TerminationWaitInSeconds: 600}}
 *     → {strategy: {type: 'canary', size: 1 instance, bakeSeconds: 300}, terminationWaitSeconds: 600}
 *   {RollingUpdatePolicy: {MaximumBatchSize: {Type: 'CAPACITY_PERCENT', Value: 25}, WaitIntervalInSeconds: 60}}
 *     → {strategy: {type: 'rolling', batch: 25%, bakeSeconds: 60}, terminationWaitSeconds: 0}
 */
export function storedDeployment(config: DeploymentConfig | undefined): StoredDeployment | undefined {
  const rolling = config?.RollingUpdatePolicy;
  if (rolling) {
    const batch = sizeOf(rolling.MaximumBatchSize);
    const bakeSeconds = seconds(rolling.WaitIntervalInSeconds);
    return batch && bakeSeconds !== undefined
      ? { strategy: { type: 'rolling', batch, bakeSeconds }, terminationWaitSeconds: 0 }
      : undefined;
  }
  const blueGreen = config?.BlueGreenUpdatePolicy;
  const routing = blueGreen?.TrafficRoutingConfiguration;
  if (!blueGreen || !routing) return undefined;
  const terminationWaitSeconds = seconds(blueGreen.TerminationWaitInSeconds ?? 0);
  const bakeSeconds = seconds(routing.WaitIntervalInSeconds ?? 0);
  if (terminationWaitSeconds === undefined || bakeSeconds === undefined) return undefined;
  const strategy = trafficStrategy(routing.Type, routing.CanarySize, routing.LinearStepSize, bakeSeconds);
  return strategy && { strategy, terminationWaitSeconds };
}

function trafficStrategy(
  type: string,
  canary: CapacitySize | undefined,
  linear: CapacitySize | undefined,
  bakeSeconds: number,
): StoredDeployment['strategy'] | undefined {
  if (type === 'ALL_AT_ONCE') return { type: 'all-at-once' };
  const size = sizeOf(type === 'CANARY' ? canary : type === 'LINEAR' ? linear : undefined);
  if (!size) return undefined;
  return type === 'CANARY'
    ? { type: 'canary', size, bakeSeconds }
    : { type: 'linear', step: size, bakeSeconds };
}

function sizeOf(size: CapacitySize | undefined): Size | undefined {
  const value = size?.Value;
  if (value === undefined || !Number.isSafeInteger(value) || value < 1) return undefined;
  if (size?.Type === 'INSTANCE_COUNT') return { kind: 'count', count: value };
  return size?.Type === 'CAPACITY_PERCENT' && value <= 100 ? { kind: 'percent', percent: value } : undefined;
}

function seconds(value: number | undefined): number | undefined {
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The stored config in words, for the plan's assumptions:
 *
 *   canary of 1 instance, bake 5 min, termination wait 10 min;  rolling batches of 25%, bake 1 min;  all-at-once
 */
export function storedDeploymentWords({ strategy, terminationWaitSeconds }: StoredDeployment): string {
  const wait =
    terminationWaitSeconds > 0 ? `, termination wait ${humanDuration(terminationWaitSeconds)}` : '';
  switch (strategy.type) {
    case 'all-at-once':
      return `all-at-once${wait}`;
    case 'canary':
      return `canary of ${sizeWords(strategy.size)}, bake ${humanDuration(strategy.bakeSeconds)}${wait}`;
    case 'linear':
      return `linear steps of ${sizeWords(strategy.step)}, bake ${humanDuration(strategy.bakeSeconds)}${wait}`;
    case 'rolling':
      return `rolling batches of ${sizeWords(strategy.batch)}, bake ${humanDuration(strategy.bakeSeconds)}`;
  }
}

const sizeWords = (size: Size) =>
  size.kind === 'percent'
    ? `${size.percent}%`
    : `${size.count} ${size.count === 1 ? 'instance' : 'instances'}`;
