import { type Clock, scaledClock } from '@shiftwise/core/engine';

/**
 * The engine's clock for this run: real time, or for dry runs against `shiftwise sandbox --speed X` with
 * `SHIFTWISE_CLOCK_SPEED=X`, time running X times faster like the sandbox's. Unset or empty is real time; a value
 * that is no speed above 0 (`abc`, `0`, `-60`) is an error, as for the CLI, rather than a quiet fall back to real
 * time that would watch a fast sandbox out of step with it.
 */
export function clockFor(env: NodeJS.ProcessEnv): Clock {
  const raw = env.SHIFTWISE_CLOCK_SPEED?.trim();
  if (raw === undefined || raw === '') return scaledClock(1);
  const speed = Number(raw);
  if (!Number.isFinite(speed) || speed <= 0)
    throw new Error(
      `SHIFTWISE_CLOCK_SPEED must be a number above 0 (the --speed of the sandbox), not '${raw}': set it in the step's env to the sandbox's speed, or leave it out for real time`,
    );
  return scaledClock(speed);
}
