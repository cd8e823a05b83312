import { type Clock, scaledClock } from '@shiftwise/core/engine';

/**
 * The engine's clock for this run: real time, or for dry runs against `shiftwise sandbox --speed X` with
 * `SHIFTWISE_CLOCK_SPEED=X`, time running X times faster like the sandbox's.
 */
export function clockFor(env: NodeJS.ProcessEnv): Clock {
  return scaledClock(Number(env.SHIFTWISE_CLOCK_SPEED ?? 1));
}
