import type { BakeKind, PlanStep } from './types.js';

/** One step before its start time is known: the fleets after the shift and the bake that follows. */
export interface StepShape {
  readonly greenActive: number;
  readonly blueActive: number;
  readonly bakeSeconds: number;
  readonly bake: BakeKind;
  /** The step's share of traffic when the schedule sets it (Shiftwise-run steps); else new / capacity. */
  readonly trafficPercent?: number;
}

/**
 * Numbers the steps from 1 and gives each its start, in seconds from the first traffic shift: the sum of the
 * bakes before it. Traffic follows the new fleet: `greenActive / capacity`, rounded, 100 on the last step.
 *
 *   bakes [300, 300, 300] → startsAt [0, 300, 600]
 */
export function timeSteps(shapes: readonly StepShape[], capacity: number): PlanStep[] {
  let startsAt = 0;
  return shapes.map((shape, i) => {
    const step: PlanStep = {
      index: i + 1,
      startsAt,
      ...shape,
      trafficPercent:
        shape.trafficPercent ??
        (i === shapes.length - 1 ? 100 : Math.min(99, Math.round((shape.greenActive / capacity) * 100))),
    };
    startsAt += shape.bakeSeconds;
    return step;
  });
}
