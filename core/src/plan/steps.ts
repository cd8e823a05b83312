import type { BakeKind, PlanStep } from './types.js';

/** One step before its start time is known: the fleets after the shift and the bake that follows. */
export interface StepShape {
  readonly greenActive: number;
  readonly blueActive: number;
  readonly bakeSeconds: number;
  readonly bake: BakeKind;
  /** The step's share of traffic when the schedule sets it (Shiftwise-run steps); else new / capacity. */
  readonly trafficPercent?: number;
  /** Shiftwise-run steps with analysis: the most the step waits past its bake for its last metrics to settle. */
  readonly lastMetricsSeconds?: number;
}

/**
 * Numbers the steps from 1 and gives each its start, in seconds from the first traffic shift: the sum of the
 * bakes before it. Traffic follows the new fleet: `greenActive / capacity`, rounded, 100 on the last step. A step
 * short of the last never says 100, and one with new members serving never says 0: 1 new replica of 700 carries
 * 0.14% of traffic, shown as 1% (a plan that said 0% would hide that the new model already serves).
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
        shape.trafficPercent ?? (i === shapes.length - 1 ? 100 : shareOf(shape.greenActive, capacity)),
    };
    startsAt += shape.bakeSeconds;
    return step;
  });
}

/** `green / capacity` in whole percent, within 1–99 while both fleets serve (0 when no new member does). */
function shareOf(green: number, capacity: number): number {
  const percent = Math.min(99, Math.round((green / capacity) * 100));
  return green > 0 ? Math.max(1, percent) : percent;
}
