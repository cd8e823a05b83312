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
 * Prints deploy events: on a terminal, progress redraws one bar in place, cut to the terminal's width (a bar that
 * wrapped would leave a copy of itself on the row above at each redraw), and cleared before any other line,
 * the closing report's included; elsewhere (CI, pipes) each change of step or phase (or, with no traffic share to
 * follow, of message) is its own line, and repeats are dropped.
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
        out.write(`\r\x1b[2K${barFor(event, now(), out.columns)}`);
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
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
    if (line !== undefined) out.write(`${line}\n`);
  };
}

/** The bar in `columns`: its gauge narrowed from 24 cells to as few as 8 first, then the words cut. */
function barFor(event: DeployEvent & { type: 'progress' }, now: number, columns: number | undefined): string {
  const full = progressBar(event, now);
  const over = columns ? [...full].length - (columns - 1) : 0;
  return over > 0 ? fit(progressBar(event, now, Math.max(8, 24 - over)), columns) : full;
}

/** `line` cut to one row short of `columns` (the last column would wrap on some terminals), in code points. */
function fit(line: string, columns: number | undefined): string {
  const chars = [...line];
  if (!columns || chars.length < columns) return line;
  return `${chars.slice(0, Math.max(1, columns - 2)).join('')}…`;
}
