import type { Size } from '../model.js';

/**
 * Whole instances for a SageMaker size (docs/plan.md): a count is itself; a percent of `capacity`
 * rounds down, minimum one.
 *
 *   25% of 4 → 1;  30% of 3 → 0.9 → 1;  50% of 5 → 2.5 → 2;  20% of 5 → 1;  count 3 → 3
 */
export function instancesFor(size: Size, capacity: number): number {
  if (size.kind === 'count') return size.count;
  return Math.max(1, Math.floor((capacity * size.percent) / 100));
}

/**
 * The share of traffic `instances` of `capacity` really carry, in percent, rounded to a whole number.
 *
 *   1 of 3 → 33;  2 of 5 → 40;  1 of 4 → 25
 */
export function effectivePercent(instances: number, capacity: number): number {
  return capacity <= 0 ? 0 : Math.round((instances / capacity) * 100);
}

/**
 * Vertex AI (Kubernetes) surge: a percent of `replicas` rounds up.
 *
 *   25% of 10 → 2.5 → 3;  0% → 0;  count 2 → 2
 */
export function surgeReplicas(size: Size, replicas: number): number {
  return size.kind === 'count' ? size.count : Math.ceil((replicas * size.percent) / 100);
}

/**
 * Vertex AI (Kubernetes) unavailable: a percent of `replicas` rounds down.
 *
 *   25% of 10 → 2.5 → 2;  5% of 10 → 0;  count 1 → 1
 */
export function unavailableReplicas(size: Size, replicas: number): number {
  return size.kind === 'count' ? size.count : Math.floor((replicas * size.percent) / 100);
}
