import type { SageMakerStrategy } from '../model.js';
import { boundedSlice, sliceCount } from './bounds.js';
import { instancesFor } from './size.js';
import type { StepShape } from './steps.js';

/**
 * Blue/green traffic shifting (docs/plan.md): the green fleet is provisioned at full capacity first, then each
 * step activates a slice of green and deactivates as much blue. Steps short of full capacity bake `bake`
 * (WaitIntervalInSeconds); the step reaching full capacity bakes `terminationWait`; then blue goes.
 *
 *   all-at-once, capacity 4:              [4 green]                         bakes [tw]
 *   canary 25% of 4 (1 instance):         [1, 4]                            bakes [bake, tw]
 *   linear 20% of 5 (1 instance a step):  [1, 2, 3, 4, 5]  (ceil(5 / 1))    bakes [bake ×4, tw]
 *   linear 2 of 5:                        [2, 4, 5]        (ceil(5 / 2))    bakes [bake ×2, tw]
 */
export function blueGreenShapes(
  strategy: SageMakerStrategy,
  capacity: number,
  terminationWaitSeconds: number,
): StepShape[] {
  const slices = greenSlices(strategy, capacity);
  return slices.map((green, i) => {
    const last = i === slices.length - 1;
    const bakeSeconds = last ? terminationWaitSeconds : 'bakeSeconds' in strategy ? strategy.bakeSeconds : 0;
    return {
      greenActive: green,
      blueActive: capacity - green,
      bakeSeconds,
      bake: bakeSeconds === 0 ? 'none' : last ? 'termination-wait' : 'wait-interval',
    };
  });
}

/** Green instances serving after each blue/green step; the last is always `capacity`. */
function greenSlices(strategy: SageMakerStrategy, capacity: number): number[] {
  switch (strategy.type) {
    case 'canary': {
      const canary = Math.min(instancesFor(strategy.size, capacity), capacity);
      return canary >= capacity ? [capacity] : [canary, capacity];
    }
    case 'linear': {
      const step = boundedSlice(Math.min(instancesFor(strategy.step, capacity), capacity), capacity);
      return Array.from({ length: sliceCount(capacity, step) }, (_, i) => Math.min((i + 1) * step, capacity));
    }
    default:
      return [capacity];
  }
}

/**
 * SageMaker rolling update (docs/plan.md): each batch launches `batch` new instances, moves their share of traffic,
 * bakes `bake` (WaitIntervalInSeconds), then terminates as many old ones. `ceil(capacity / batch)` batches, every
 * one baking; peak = capacity + batch.
 *
 *   batch 25% of 4 (1), bake 60 s: [1, 2, 3, 4] green, bakes [60, 60, 60, 60]
 *   batch 2 of 5:                  [2, 4, 5]
 *
 * Like every schedule, at most `maxSteps` batches (bounds.ts): a fleet beyond the bounds is planned in wider batches.
 */
export function rollingShapes(batch: number, capacity: number, bakeSeconds: number): StepShape[] {
  const size = boundedSlice(Math.min(batch, capacity), capacity);
  return Array.from({ length: sliceCount(capacity, size) }, (_, i) => {
    const green = Math.min((i + 1) * size, capacity);
    return {
      greenActive: green,
      blueActive: capacity - green,
      bakeSeconds,
      bake: bakeSeconds === 0 ? 'none' : 'wait-interval',
    };
  });
}
