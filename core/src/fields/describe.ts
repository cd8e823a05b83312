import { fleetTarget, type Rollout, type Size } from '../model.js';
import { fleetUnit } from '../plan/fleet-unit.js';
import { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from '../plan/size.js';
import { canonicalDuration } from '../values/duration.js';

/**
 * A field's value in normalised words, for hover: durations in seconds, sizes in whole instances (copies of an
 * inference component, replicas on Vertex AI).
 *
 *   ('strategy.bake', bake 10m)                → '600 s (10m)'
 *   ('strategy.size', 25%, capacity 4)         → '1 instance of 4 (25% of traffic)'
 *   ('strategy.size', 25%, capacity unknown)   → '25% of capacity, rounded down, at least 1 instance'
 *   ('strategy.maxSurge', 25%, capacity 10)    → '3 replicas of 10 (rounded up)'
 *   ('strategy.batch', 25%, copies 8)          → '2 copies of 8 (25% of traffic)'
 * Undefined when the field states nothing to normalise (names, labels) or is not set.
 */
export function describeValue(path: string, rollout: Rollout, capacity?: number): string | undefined {
  const cap = capacity ?? rollout.capacity;
  switch (path) {
    case 'capacity':
    case 'copies':
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
  const unit = unitOf(rollout);
  switch (path) {
    case 'terminationWait':
      return seconds(rollout.terminationWaitSeconds);
    case 'strategy.bake':
      return 'bakeSeconds' in s ? seconds(s.bakeSeconds) : undefined;
    case 'strategy.size':
      return s.type === 'canary' ? blueGreenSize(s.size, cap, unit) : undefined;
    case 'strategy.step':
      return s.type === 'linear' ? linearWords(s.step, cap, unit) : undefined;
    case 'strategy.batch':
      return s.type === 'rolling' ? blueGreenSize(s.batch, cap, unit) : undefined;
    case 'rollback.batch':
      return rollout.rollback.batch && blueGreenSize(rollout.rollback.batch, cap, unit);
    default:
      return undefined;
  }
}

function vertex(path: string, rollout: Extract<Rollout, { provider: 'vertex-ai' }>, cap?: number) {
  if (rollout.strategy.type !== 'rolling') return undefined;
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

/** A fleet member of this rollout's kind (`fleetUnit`), counted. */
type Unit = (n: number) => string;

function unitOf(rollout: Rollout): Unit {
  const target = fleetTarget(rollout);
  const fleet = { provider: rollout.provider, ...(target !== undefined && { target }) };
  return (n) => `${n} ${fleetUnit(fleet, n)}`;
}

function capacityWords(stated: number, override: number | undefined, rollout: Rollout): string {
  const base = unitOf(rollout)(stated);
  return override !== undefined && override !== stated
    ? `${base} (planned with ${override}, as given)`
    : base;
}

function blueGreenSize(size: Size, cap: number | undefined, unit: Unit): string {
  if (cap === undefined) {
    return size.kind === 'count'
      ? unit(size.count)
      : `${size.percent}% of capacity, rounded down, at least ${unit(1)}`;
  }
  const n = instancesFor(size, cap);
  return `${unit(n)} of ${cap} (${effectivePercent(n, cap)}% of traffic)`;
}

function linearWords(size: Size, cap: number | undefined, unit: Unit): string {
  const base = blueGreenSize(size, cap, unit);
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
  // No more replicas start, or stop, at a time than the capacity they replace (the plan's assumption says so).
  if (n > cap)
    return `${count(cap, 'replica')} of ${cap} (${count(n, 'replica')} asked; no more than capacity)`;
  return `${count(n, 'replica')} of ${cap}${size.kind === 'percent' ? ` (rounded ${direction})` : ''}`;
}
