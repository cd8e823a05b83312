import { type AnalysisCheck, fleetTarget, type Rollout, type RunStep, type Size } from '../model.js';
import { fleetUnit } from '../plan/fleet-unit.js';
import { newInstancesAt } from '../plan/run-steps.js';
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
 *   ('strategy.steps.0.traffic', 5%, capacity 4) → '1 instance of 4 (5% of traffic)'
 *   ('strategy.steps.1.pause', manual)         → 'until shiftwise promote'
 *   ('analysis.0.period', 5m)                  → '300 s (5m)'
 * Paths in a list name the item by its index, as core's SourceMap does. Undefined when the field states nothing to
 * normalise (names, labels) or is not set. A model with holes (a partial one) may be given through a view that reads
 * them as undefined: what is missing is then not described.
 */
export function describeValue(path: string, rollout: Rollout, capacity?: number): string | undefined {
  // Read only where a field needs it: in a partial model the capacity may be a hole that a bake does not depend on.
  const cap = () => capacity ?? rollout.capacity;
  const item = /^(strategy\.steps|analysis)\.(\d+)\.(\w+)$/.exec(path);
  if (item !== null) {
    const [, list, index, key] = item as unknown as [string, string, string, string];
    return list === 'analysis'
      ? checkWords(key, rollout.analysis?.[Number(index)])
      : stepWords(key, stepsOf(rollout)?.[Number(index)], cap, rollout);
  }
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

function sageMaker(path: string, rollout: Extract<Rollout, { provider: 'sagemaker' }>, cap: Capacity) {
  const s = rollout.strategy;
  const unit = unitOf(rollout);
  switch (path) {
    case 'terminationWait':
      return seconds(rollout.terminationWaitSeconds);
    case 'strategy.bake':
      return 'bakeSeconds' in s ? seconds(s.bakeSeconds) : undefined;
    case 'strategy.size':
      return s.type === 'canary' ? blueGreenSize(s.size, cap(), unit) : undefined;
    case 'strategy.step':
      return s.type === 'linear' ? linearWords(s.step, cap(), unit) : undefined;
    case 'strategy.batch':
      return s.type === 'rolling' ? blueGreenSize(s.batch, cap(), unit) : undefined;
    case 'rollback.batch':
      return rollout.rollback.batch && blueGreenSize(rollout.rollback.batch, cap(), unit);
    default:
      return undefined;
  }
}

function vertex(path: string, rollout: Extract<Rollout, { provider: 'vertex-ai' }>, cap: Capacity) {
  if (rollout.strategy.type !== 'rolling') return undefined;
  const { maxSurge, maxUnavailable } = rollout.strategy;
  if (path === 'strategy.maxSurge') return replicaWords(maxSurge, cap(), surgeReplicas, 'up');
  if (path === 'strategy.maxUnavailable')
    return replicaWords(maxUnavailable, cap(), unavailableReplicas, 'down');
  return undefined;
}

/** The capacity in force, read when a field needs it. */
type Capacity = () => number | undefined;

function stepsOf(rollout: Rollout): readonly RunStep[] | undefined {
  const s = rollout.strategy;
  return s?.type === 'steps' ? s.steps : undefined;
}

/**
 * A step of `strategy.steps`: its traffic in whole instances of the new variant on SageMaker (capacity × share,
 * rounded up, as the plan runs it); on Vertex AI the share alone, since the new model runs its capacity throughout.
 */
function stepWords(key: string, step: RunStep | undefined, capacity: Capacity, rollout: Rollout) {
  if (step === undefined) return undefined;
  if (key === 'bake' && step.kind === 'traffic' && typeof step.bakeSeconds === 'number')
    return seconds(step.bakeSeconds);
  if (key === 'pause' && step.kind === 'pause') {
    return step.seconds === undefined ? 'until shiftwise promote' : seconds(step.seconds);
  }
  if (key !== 'traffic' || step.kind !== 'traffic' || typeof step.percent !== 'number') return undefined;
  const share = `${step.percent}% of traffic`;
  if (rollout.provider !== 'sagemaker') return share;
  const unit = unitOf(rollout);
  const cap = capacity();
  if (cap === undefined) return `${share}; capacity × ${step.percent}%, rounded up, at least ${unit(1)}`;
  return `${unit(newInstancesAt(step.percent, cap))} of ${cap} (${share})`;
}

/** A field of an analysis check: its period in seconds, and how long breaches last before a rollback. */
function checkWords(key: string, check: AnalysisCheck | undefined) {
  if (check === undefined || typeof check.periodSeconds !== 'number') return undefined;
  if (key === 'period') return seconds(check.periodSeconds);
  if (key !== 'failureLimit' || typeof check.failureLimit !== 'number') return undefined;
  const n = check.failureLimit;
  return `${count(n, 'breaching period')} in a row: ${seconds(n * check.periodSeconds)}`;
}

function seconds(n: number): string {
  return n >= 60 ? `${n} s (${canonicalDuration(n)})` : `${n} s`;
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A fleet member of this rollout's kind (`fleetUnit`), counted. */
type Unit = (n: number) => string;

/** Reads the target only when a count is worded (in a partial model it may be a hole a bake does not need). */
function unitOf(rollout: Rollout): Unit {
  return (n) => {
    const target = fleetTarget(rollout);
    const fleet = { provider: rollout.provider, ...(target !== undefined && { target }) };
    return `${n} ${fleetUnit(fleet, n)}`;
  };
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
