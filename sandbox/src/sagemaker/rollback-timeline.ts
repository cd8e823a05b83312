import { type CapacitySize, instancesFor, type UpdatePolicy } from './policy.js';
import { blueLeft, type Fleet, type Phase, type Timings } from './timeline.js';

/**
 * What happens after a rollback is triggered at `at` seconds, in the phase `during`:
 * blue/green moves all traffic back to blue and terminates green; rolling replaces the new
 * instances with old ones in batches of RollbackMaximumBatchSize (default: all at once).
 */
export function rollbackTimeline(
  policy: UpdatePolicy,
  fleet: Fleet,
  during: Phase,
  at: number,
  timings: Timings,
): Phase[] {
  const base = { endpointStatus: 'RollingBack' as const, step: during.step, steps: during.steps };
  if (policy.kind === 'blue-green') {
    const shift = Math.max(1, timings.shiftSeconds);
    return [
      {
        ...base,
        start: at,
        end: at + shift,
        on: 'blue',
        status: 'ActivatingTraffic',
        message: `Rolling back: activating traffic on the old fleet of ${fleet.blue} instance(s).`,
        greenActive: 0,
        blueActive: fleet.blue,
      },
      {
        ...base,
        start: at + shift,
        end: at + shift + Math.max(1, timings.terminateSeconds),
        on: 'green',
        status: 'Deleting',
        message: `Rolling back: terminating ${fleet.green} instance(s) of the new fleet.`,
        greenActive: 0,
        blueActive: fleet.blue,
      },
    ];
  }
  return rollingBack(policy.rollbackBatch, fleet, during, at, timings, base);
}

function rollingBack(
  batch: CapacitySize | undefined,
  fleet: Fleet,
  during: Phase,
  at: number,
  timings: Timings,
  base: Pick<Phase, 'endpointStatus' | 'step' | 'steps'>,
): Phase[] {
  // New instances carrying traffic go back in batches; a batch still launching is simply dropped.
  const pending = during.greenActive;
  if (pending === 0) {
    const end = at + Math.max(1, timings.terminateSeconds);
    const message = 'Rolling back: terminating the instance(s) being launched.';
    return [
      {
        ...base,
        start: at,
        end,
        on: 'green',
        status: 'Deleting',
        message,
        greenActive: 0,
        blueActive: fleet.blue,
      },
    ];
  }
  const size = batch ? Math.max(1, instancesFor(batch, fleet.green)) : pending;
  const phases: Phase[] = [];
  const wave = Math.max(1, timings.provisionSeconds + timings.shiftSeconds);
  for (let left = pending, t = at; left > 0; t += wave) {
    const moved = Math.min(size, left);
    left -= moved;
    phases.push({
      ...base,
      start: t,
      end: t + wave,
      on: 'blue',
      status: 'Creating',
      message: `Rolling back: replacing ${moved} new instance(s) with instance(s) of the old config.`,
      greenActive: left,
      blueActive: blueLeft(fleet, left),
    });
  }
  return phases;
}
