/**
 * The update policy of one UpdateEndpoint call, reduced to what the state machine needs.
 * Built from a validated DeploymentConfig (see validate-deployment.ts).
 */
export type CapacitySize = { Type: 'INSTANCE_COUNT' | 'CAPACITY_PERCENT'; Value: number };

export type UpdatePolicy =
  | {
      kind: 'blue-green';
      routing: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR';
      size?: CapacitySize;
      waitSeconds: number;
      terminationWaitSeconds: number;
      timeoutSeconds: number;
      alarms: string[];
    }
  | {
      kind: 'rolling';
      batch: CapacitySize;
      rollbackBatch?: CapacitySize;
      waitSeconds: number;
      timeoutSeconds: number;
      alarms: string[];
    };

/**
 * Whole instances for a CapacitySize: a count is itself; a percent of `capacity` rounds down,
 * minimum one (the planner's rule, docs/plan.md).
 *
 *   25% of 4 → 1;  30% of 3 → 1;  50% of 5 → 2;  count 3 → 3
 */
export function instancesFor(size: CapacitySize, capacity: number): number {
  if (size.Type === 'INSTANCE_COUNT') return size.Value;
  return Math.max(1, Math.floor((capacity * size.Value) / 100));
}

/**
 * Green instances carrying traffic after each blue/green step.
 *
 *   all-at-once, 4 → [4];  canary 25% of 4 → [1, 4];  linear 2 of 5 → [2, 4, 5]
 */
export function blueGreenSteps(policy: UpdatePolicy & { kind: 'blue-green' }, capacity: number): number[] {
  if (policy.routing === 'ALL_AT_ONCE' || policy.size === undefined) return [capacity];
  const slice = Math.min(capacity, instancesFor(policy.size, capacity));
  if (policy.routing === 'CANARY') return slice >= capacity ? [capacity] : [slice, capacity];
  const steps: number[] = [];
  for (let active = slice; active < capacity; active += slice) steps.push(active);
  steps.push(capacity);
  return steps;
}

/**
 * New instances after each rolling batch.
 *
 *   batch 2 of 5 → [2, 4, 5];  batch 25% of 4 → [1, 2, 3, 4]
 */
export function rollingSteps(batch: CapacitySize, capacity: number): number[] {
  const size = Math.max(1, Math.min(capacity, instancesFor(batch, capacity)));
  const steps: number[] = [];
  for (let done = size; done < capacity; done += size) steps.push(done);
  steps.push(capacity);
  return steps;
}
