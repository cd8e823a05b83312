import type { Rollout, Size } from '../model.js';
import { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from '../plan/size.js';
import { canonicalDuration } from '../values/duration.js';

/**
 * A field's value in normalised words, for hover: durations in seconds, sizes in whole instances.
 *
 *   ('strategy.bake', bake 10m)                → '600 s (10m)'
 *   ('strategy.size', 25%, capacity 4)         → '1 instance of 4 (25% of traffic)'
 *   ('strategy.size', 25%, capacity unknown)   → '25% of capacity, rounded down, at least 1 instance'
 *   ('strategy.maxSurge', 25%, capacity 10)    → '3 replicas of 10 (rounded up)'
 * Undefined when the field states nothing to normalise (names, labels) or is not set.
 */
export function describeValue(path: string, rollout: Rollout, capacity?: number): string | undefined {
  const cap = capacity ?? rollout.capacity;
  switch (path) {
    case 'capacity':
      return rollout.capacity === undefined ? undefined : capacityWords(rollout.capacity, capacity, rollout);
    case 'timeout':
      return rollout.timeoutSeconds === undefined ? undefined : seconds(rollout.timeoutSeconds);
    case 'rollback.alarms':
      return rollout.provider === 'sagemaker' ? count(rollout.rollback.alarms.length, 'alarm') : undefined;
  }
  return rollout.provider === 'sagemaker' ? sageMaker(path, rollout, cap) : vertex(path, rollout, cap);
}

function sageMaker(path: string, rollout: Extract<Rollout, { provider: 'sagemaker' }>, cap?: number) {
  const s = rollout.strategy;
  switch (path) {
    case 'terminationWait':
      return seconds(rollout.terminationWaitSeconds);
    case 'strategy.bake':
      return 'bakeSeconds' in s ? seconds(s.bakeSeconds) : undefined;
    case 'strategy.size':
      return s.type === 'canary' ? blueGreenSize(s.size, cap) : undefined;
    case 'strategy.step':
      return s.type === 'linear' ? linearWords(s.step, cap) : undefined;
    case 'strategy.batch':
      return s.type === 'rolling' ? blueGreenSize(s.batch, cap) : undefined;
    case 'rollback.batch':
      return rollout.rollback.batch && blueGreenSize(rollout.rollback.batch, cap);
    default:
      return undefined;
  }
}

function vertex(path: string, rollout: Extract<Rollout, { provider: 'vertex-ai' }>, cap?: number) {
  const { maxSurge, maxUnavailable } = rollout.strategy;
  if (path === 'strategy.maxSurge') return replicaWords(maxSurge, cap, surgeReplicas, 'up');
  if (path === 'strategy.maxUnavailable')
    return replicaWords(maxUnavailable, cap, unavailableReplicas, 'down');
  return undefined;
}

function seconds(n: number): string {
  return n >= 60 ? `${n} s (${canonicalDuration(n)})` : `${n} s`;
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function capacityWords(stated: number, override: number | undefined, rollout: Rollout): string {
  const unit = rollout.provider === 'vertex-ai' ? 'replica' : 'instance';
  const base = count(stated, unit);
  return override !== undefined && override !== stated
    ? `${base} (planned with ${override}, as given)`
    : base;
}

function blueGreenSize(size: Size, cap?: number): string {
  if (cap === undefined) {
    return size.kind === 'count'
      ? count(size.count, 'instance')
      : `${size.percent}% of capacity, rounded down, at least 1 instance`;
  }
  const n = instancesFor(size, cap);
  return `${count(n, 'instance')} of ${cap} (${effectivePercent(n, cap)}% of traffic)`;
}

function linearWords(size: Size, cap?: number): string {
  const base = blueGreenSize(size, cap);
  if (cap === undefined) return base;
  const n = instancesFor(size, cap);
  return n > 0 ? `${base}; ${Math.ceil(cap / n)} steps` : base;
}

function replicaWords(
  size: Size,
  cap: number | undefined,
  whole: (size: Size, replicas: number) => number,
  direction: 'up' | 'down',
): string {
  if (cap === undefined) {
    return size.kind === 'count'
      ? count(size.count, 'replica')
      : `${size.percent}% of capacity, rounded ${direction}`;
  }
  const n = whole(size, cap);
  return `${count(n, 'replica')} of ${cap}${size.kind === 'percent' ? ` (rounded ${direction})` : ''}`;
}
