import { validation } from '../errors.js';
import {
  type Json,
  oneOf,
  optionalArray,
  optionalInteger,
  optionalObject,
  requiredInteger,
  requiredObject,
  requiredString,
} from '../http/input.js';
import { type CapacitySize, instancesFor, type UpdatePolicy } from './policy.js';

/** Bounds of botocore's sagemaker service-2.json (the same the rules of docs/rules.md cite). */
export const BOUNDS = {
  waitSeconds: { min: 0, max: 3600 },
  terminationWaitSeconds: { min: 0, max: 3600 },
  timeoutSeconds: { min: 600, max: 28800 },
  alarms: { min: 1, max: 10 },
  canaryPercent: { min: 1, max: 50 },
  linearPercent: { min: 10, max: 50 },
  batchPercent: { min: 5, max: 50 },
  rollbackPercent: { min: 1, max: 100 },
} as const;

const PATH = 'deploymentConfig';

/**
 * Reads and checks a DeploymentConfig the way UpdateEndpoint does: shape first (types, required
 * members, integer ranges → "1 validation error detected: …"), then the semantic checks against
 * the new fleet's `capacity` (a canary smaller than the fleet, a linear step of 10–50 %, …).
 * No DeploymentConfig at all is SageMaker's default: blue/green, all at once, no bake.
 */
export function readDeploymentConfig(config: Json | undefined, capacity: number): UpdatePolicy {
  if (config === undefined) {
    return {
      kind: 'blue-green',
      routing: 'ALL_AT_ONCE',
      waitSeconds: 0,
      terminationWaitSeconds: 0,
      timeoutSeconds: BOUNDS.timeoutSeconds.max,
      alarms: [],
    };
  }
  const alarms = readAlarms(config);
  const blueGreen = optionalObject(config, 'BlueGreenUpdatePolicy', PATH);
  const rolling = optionalObject(config, 'RollingUpdatePolicy', PATH);
  if (blueGreen && rolling)
    throw validation(
      'DeploymentConfig can specify either BlueGreenUpdatePolicy or RollingUpdatePolicy, not both.',
    );
  if (rolling) return readRolling(rolling, capacity, alarms);
  if (blueGreen) return readBlueGreen(blueGreen, capacity, alarms);
  throw validation('DeploymentConfig must specify either BlueGreenUpdatePolicy or RollingUpdatePolicy.');
}

/**
 * AutoRollbackConfiguration's alarm names (1–10, each 1–255 characters); none when it or its Alarms is absent
 * (the API reference marks Alarms as not required: the length is checked only when it is given).
 */
export function readAlarms(config: Json, at = PATH): string[] {
  const auto = optionalObject(config, 'AutoRollbackConfiguration', at);
  if (!auto) return [];
  const path = `${at}.autoRollbackConfiguration`;
  const list = optionalArray(auto, 'Alarms', path);
  if (list === undefined) return [];
  if (list.length < BOUNDS.alarms.min || list.length > BOUNDS.alarms.max)
    throw validation(
      `1 validation error detected: Value '${list.length}' at '${path}.alarms' failed to satisfy constraint: Member must have length between ${BOUNDS.alarms.min} and ${BOUNDS.alarms.max}`,
    );
  return list.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw validation(`Expected an object at '${path}.alarms.${i + 1}.member'.`);
    return requiredString(entry as Json, 'AlarmName', `${path}.alarms.${i + 1}.member`, { min: 1, max: 255 });
  });
}

function readBlueGreen(policy: Json, capacity: number, alarms: string[]): UpdatePolicy {
  const path = `${PATH}.blueGreenUpdatePolicy`;
  const routing = requiredObject(policy, 'TrafficRoutingConfiguration', path);
  const rPath = `${path}.trafficRoutingConfiguration`;
  const type = oneOf(
    requiredString(routing, 'Type', rPath),
    ['ALL_AT_ONCE', 'CANARY', 'LINEAR'],
    `${rPath}.type`,
  );
  const waitSeconds = requiredInteger(routing, 'WaitIntervalInSeconds', rPath, BOUNDS.waitSeconds);
  const terminationWaitSeconds =
    optionalInteger(policy, 'TerminationWaitInSeconds', path, BOUNDS.terminationWaitSeconds) ?? 0;
  const timeoutSeconds =
    optionalInteger(policy, 'MaximumExecutionTimeoutInSeconds', path, BOUNDS.timeoutSeconds) ??
    BOUNDS.timeoutSeconds.max;
  const canary = readSize(routing, 'CanarySize', rPath);
  const linear = readSize(routing, 'LinearStepSize', rPath);
  if (type === 'CANARY' && !canary)
    throw validation('CanarySize must be specified when the traffic routing type is CANARY.');
  if (type === 'LINEAR' && !linear)
    throw validation('LinearStepSize must be specified when the traffic routing type is LINEAR.');
  if (type !== 'CANARY' && canary)
    throw validation(
      `CanarySize can only be specified when the traffic routing type is CANARY, not ${type}.`,
    );
  if (type !== 'LINEAR' && linear)
    throw validation(
      `LinearStepSize can only be specified when the traffic routing type is LINEAR, not ${type}.`,
    );
  if (canary) checkShare('CanarySize', canary, capacity, BOUNDS.canaryPercent, { belowFleet: true });
  if (linear) checkShare('LinearStepSize', linear, capacity, BOUNDS.linearPercent, {});
  const minimum = waitSeconds * (type === 'ALL_AT_ONCE' ? 0 : 1) + terminationWaitSeconds;
  if (timeoutSeconds <= minimum)
    throw validation(
      `MaximumExecutionTimeoutInSeconds (${timeoutSeconds}) must be greater than the sum of WaitIntervalInSeconds and TerminationWaitInSeconds (${minimum}).`,
    );
  const size = canary ?? linear;
  return {
    kind: 'blue-green',
    routing: type,
    ...(size ? { size } : {}),
    waitSeconds,
    terminationWaitSeconds,
    timeoutSeconds,
    alarms,
  };
}

/** How a RollingUpdatePolicy counts: an endpoint's instances, or an inference component's copies. */
export interface RollingCount {
  readonly countType: 'INSTANCE_COUNT' | 'COPY_COUNT';
  /** For messages: `instance(s)`, `copies`. */
  readonly unit: string;
  /** For messages: `the new fleet`, `the copy count`. */
  readonly whole: string;
}

const instances: RollingCount = { countType: 'INSTANCE_COUNT', unit: 'instance(s)', whole: 'the new fleet' };

/**
 * A RollingUpdatePolicy at `path`: MaximumBatchSize (5–50% of `capacity`), WaitIntervalInSeconds, the timeout
 * (longer than the wait) and RollbackMaximumBatchSize (at most 100%).
 */
export function readRolling(
  policy: Json,
  capacity: number,
  alarms: string[],
  count: RollingCount = instances,
  path = `${PATH}.rollingUpdatePolicy`,
): UpdatePolicy & { kind: 'rolling' } {
  const batch = readSize(policy, 'MaximumBatchSize', path, count.countType);
  if (!batch)
    throw validation(
      `1 validation error detected: Value null at '${path}.maximumBatchSize' failed to satisfy constraint: Member must not be null`,
    );
  const waitSeconds = requiredInteger(policy, 'WaitIntervalInSeconds', path, BOUNDS.waitSeconds);
  const timeoutSeconds =
    optionalInteger(policy, 'MaximumExecutionTimeoutInSeconds', path, BOUNDS.timeoutSeconds) ??
    BOUNDS.timeoutSeconds.max;
  const rollbackBatch = readSize(policy, 'RollbackMaximumBatchSize', path, count.countType);
  checkShare('MaximumBatchSize', batch, capacity, BOUNDS.batchPercent, {
    unit: count.unit,
    whole: count.whole,
  });
  if (rollbackBatch?.Type === 'CAPACITY_PERCENT' && rollbackBatch.Value > BOUNDS.rollbackPercent.max)
    throw validation(
      `RollbackMaximumBatchSize must be between 1 and 100 percent, not ${rollbackBatch.Value}.`,
    );
  if (timeoutSeconds <= waitSeconds)
    throw validation(
      `MaximumExecutionTimeoutInSeconds (${timeoutSeconds}) must be greater than WaitIntervalInSeconds (${waitSeconds}).`,
    );
  return {
    kind: 'rolling',
    batch,
    ...(rollbackBatch ? { rollbackBatch } : {}),
    waitSeconds,
    timeoutSeconds,
    alarms,
  };
}

/**
 * A CapacitySize member. Endpoints count `INSTANCE_COUNT`, inference components `COPY_COUNT`; either is read
 * into the same `INSTANCE_COUNT` arithmetic.
 */
export function readSize(
  parent: Json,
  key: string,
  path: string,
  countType: 'INSTANCE_COUNT' | 'COPY_COUNT' = 'INSTANCE_COUNT',
): CapacitySize | undefined {
  const size = optionalObject(parent, key, path);
  if (!size) return undefined;
  const sPath = `${path}.${key[0]!.toLowerCase()}${key.slice(1)}`;
  const type = oneOf(requiredString(size, 'Type', sPath), [countType, 'CAPACITY_PERCENT'], `${sPath}.type`);
  const value = requiredInteger(size, 'Value', sPath, { min: 1 });
  return { Type: type === 'CAPACITY_PERCENT' ? type : 'INSTANCE_COUNT', Value: value };
}

/**
 * A slice of the fleet must stay within its percent bounds, and a count must be a share of the
 * fleet in the same bounds: canary 1–50 %, linear 10–50 %, rolling batch 5–50 %.
 */
export function checkShare(
  field: string,
  size: CapacitySize,
  capacity: number,
  bounds: { min: number; max: number },
  options: { belowFleet?: boolean; unit?: string; whole?: string },
): void {
  const count = instancesFor(size, capacity);
  const unit = options.unit ?? 'instance(s)';
  const whole = options.whole ?? 'the new fleet';
  if (options.belowFleet && count >= capacity)
    throw validation(
      `${field} (${count} instance(s)) must be smaller than the new fleet of ${capacity} instance(s); use ALL_AT_ONCE to shift everything at once.`,
    );
  if (size.Type === 'CAPACITY_PERCENT') {
    if (size.Value < bounds.min || size.Value > bounds.max)
      throw validation(
        `${field} of type CAPACITY_PERCENT must be between ${bounds.min} and ${bounds.max} percent, not ${size.Value}.`,
      );
    return;
  }
  const share = (count * 100) / capacity;
  if (share > bounds.max || (bounds.min > 1 && share < bounds.min))
    throw validation(
      `${field} of ${count} ${unit} is ${Math.round(share)}% of ${whole} of ${capacity} ${unit}; it must be between ${bounds.min} and ${bounds.max} percent.`,
    );
}
