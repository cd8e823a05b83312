import type { DeployEvent } from '@shiftwise/core/engine';
import type { CliIo } from '../io.js';
import { eventLine, progressBar } from './lines.js';

export interface ReporterOptions {
  /**
   * Where progress goes: `stdout` (the default, beside a text report) or `stderr`, when stdout carries a JSON
   * report that must be alone there to parse.
   */
  readonly to?: 'stdout' | 'stderr';
}

/**
 * Prints deploy events: on a terminal, progress redraws one bar in place; elsewhere (CI, pipes) each change of
 * step or phase (or, with no traffic share to follow, of message) is its own line, and repeats are dropped.
 */
export function reporter(
  io: CliIo,
  now: () => number,
  options: ReporterOptions = {},
): (event: DeployEvent) => void {
  const out: CliIo['stdout'] = options.to === 'stderr' ? io.stderr : io.stdout;
  const tty = out.isTTY === true && io.env.CI === undefined;
  let last = '';
  let barShown = false;
  return (event) => {
    if (event.type === 'progress') {
      if (tty) {
        out.write(`\r\x1b[2K${progressBar(event, now())}`);
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
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
    out.write(`${line}\n`);
  };
}
