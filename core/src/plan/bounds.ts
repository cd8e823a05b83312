/**
 * The bounds of every number Shiftwise plans, so that planning is cheap whatever a file says. A rule reports a
 * value beyond them (`capacity-range` for the fleet; the size rules for counts), and the planner never allocates
 * more than `maxSteps` steps even for a value that reaches it unchecked (a caller's capacity, a file with errors).
 */

/**
 * The largest fleet: instances of an endpoint, copies of an inference component, replicas on Vertex AI. Far
 * above any endpoint's instance quota, and far below the APIs' 32-bit integers (InitialInstanceCount, CopyCount,
 * CapacitySizeValue: at most 2,147,483,647 in the SageMaker service model), so every count within it is a valid
 * API integer. Counts (canary size, linear step, rolling and rollback batch, maxSurge, maxUnavailable) are within
 * it too, since none can exceed the fleet.
 */
export const maxFleet = 10_000;

/** The most steps (batches, waves) a schedule has: one per member of the largest fleet. */
export const maxSteps = maxFleet;

/** Vertex AI's limit on a DeployedModel's display name (the rollout's `name`), in characters (code points). */
export const maxDisplayName = 128;

/**
 * The slice a schedule moves per step, widened so that `capacity` takes at most `maxSteps` of them, and at
 * least 1. Within the bounds the slice is unchanged (a fleet of 10,000 in slices of 1 is 10,000 steps).
 *
 *   slice 1 of 10 → 1;  slice 0 → 1;  slice 1 of 2^31 − 1 → 214,749 (10,000 steps)
 */
export function boundedSlice(slice: number, capacity: number): number {
  const widest = Number.isFinite(capacity) ? Math.ceil(capacity / maxSteps) : 1;
  return Math.max(1, widest, Number.isFinite(slice) ? slice : 1);
}

/** How many slices of `slice` cover `capacity`: `ceil(capacity / slice)`, within 1–`maxSteps`. */
export function sliceCount(capacity: number, slice: number): number {
  const n = Math.ceil(capacity / slice);
  return Number.isFinite(n) ? Math.min(maxSteps, Math.max(1, n)) : 1;
}
