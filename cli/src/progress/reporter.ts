import type { DeployEvent } from '@shiftwise/core/engine';
import type { CliIo } from '../io.js';
import { eventLine, progressBar } from './lines.js';

/**
 * Prints deploy events: on a terminal, progress redraws one bar in place; elsewhere (CI, pipes) each change of
 * step or phase (or, with no traffic share to follow, of message) is its own line, and repeats are dropped.
 */
export function reporter(io: CliIo, now: () => number): (event: DeployEvent) => void {
  const tty = io.stdout.isTTY === true && io.env.CI === undefined;
  let last = '';
  let barShown = false;
  return (event) => {
    if (event.type === 'progress') {
      if (tty) {
        io.stdout.write(`\r\x1b[2K${progressBar(event, now())}`);
        barShown = true;
        return;
      }
      // An inference component has no steps: a change in the copies running (its message) is news too.
      const o = event.observation;
      const key = `${event.step}|${o.phase}|${o.trafficPercent}|${o.trafficPercent === undefined ? o.message : ''}`;
      if (key === last) return;
      last = key;
    }
    const line = eventLine(event, now());
    if (line === undefined) return;
    if (barShown) io.stdout.write('\r\x1b[2K');
    barShown = false;
    io.stdout.write(`${line}\n`);
  };
}
