import type { Plan } from '@shiftwise/core';
import { type DeployEvent, heartbeatLine, steadyEnd } from '@shiftwise/core/engine';
import type { CliIo } from '../io.js';
import { eventLine, progressBar, stamp } from './lines.js';

export interface ReporterOptions {
  /**
   * Where progress goes: `stdout` (the default, beside a text report) or `stderr`, when stdout carries a JSON
   * report that must be alone there to parse.
   */
  readonly to?: 'stdout' | 'stderr';
  /**
   * Whether, in CI and pipes, an unchanged progress line is printed again (a heartbeat, core's `heartbeatLine`;
   * default true). `shiftwise demo` turns it off: on its virtual clock nobody waits, and the lines would only
   * lengthen the story.
   */
  readonly heartbeat?: boolean;
  /**
   * Whether `now` is the wall's clock (default true). `deploy --sandbox` (at its `--speed`) and a deploy against a
   * sandbox elsewhere (SHIFTWISE_CLOCK_SPEED) run on a scaled clock: their heartbeat says what is left of a bake
   * but not `until … UTC`, a time no wall clock would show then.
   */
  readonly wallClock?: boolean;
}

/**
 * Prints deploy events: on a terminal, progress redraws one bar in place, cut to the terminal's width (a bar that
 * wrapped would leave a copy of itself on the row above at each redraw), and cleared before any other line,
 * the closing report's included; elsewhere (CI, pipes) each change of step or phase (or, with no traffic share to
 * follow, of message) is its own line, repeats are dropped, and a line that has not changed is printed again as
 * core's `heartbeatLine` says (the action's deploy log does the same): in a bake whose end is known, what is left of
 * it and when it ends, after 1, 2, 4 and then every 5 minutes ("baking, 18 min of 30 min left, until 15:42 UTC");
 * elsewhere every minute, with how long this process has seen it so: "provisioning (unchanged for 8 min)". That is
 * not the time in the phase: a run that picked the rollout up mid-bake did not see the bake begin. The end said is
 * the first seen for the line (`steadyEnd`), and on a clock that is not the wall's no `until … UTC` is said.
 */
export function reporter(
  io: CliIo,
  now: () => number,
  options: ReporterOptions = {},
): (event: DeployEvent) => void {
  const out: CliIo['stdout'] = options.to === 'stderr' ? io.stderr : io.stdout;
  const tty = out.isTTY === true && io.env.CI === undefined;
  // The line last printed, when, since when it has not changed (the rollout's clock), and the end of its bake as
  // shown: the first seen, kept through a look's jitter (core's steadyEnd), so `until` never flips a minute.
  let last: { key: string; at: number; since: number; endsAt?: number } = { key: '', at: 0, since: 0 };
  let barShown = false;
  // The plan, for the length of the bake a heartbeat counts down.
  let plan: Plan | undefined;
  return (event) => {
    if (event.type === 'planned') plan = event.plan;
    if (event.type === 'progress') {
      if (tty) {
        out.write(`\r\x1b[2K${barFor(event, now(), out.columns)}`);
        barShown = true;
        return;
      }
      const at = now();
      const o = event.observation;
      // An inference component has no steps: a change in the copies running (its message) is news too. The wait
      // for a step's last metrics after its bake is a line of its own, not more of the bake.
      const key = `${event.step}|${o.phase}|${o.settling ?? ''}|${o.trafficPercent}|${o.trafficPercent === undefined ? o.message : ''}`;
      if (key === last.key) {
        const endsAt = steadyEnd(last.endsAt, o.bakeEndsAt);
        last = { key, at: last.at, since: last.since, ...(endsAt !== undefined && { endsAt }) };
        const again =
          options.heartbeat === false
            ? undefined
            : heartbeatLine(
                event,
                { now: at, since: last.since, lastAt: last.at, ...(endsAt !== undefined && { endsAt }) },
                { plan, wallClock: options.wallClock !== false },
              );
        if (again === undefined) return;
        last = { ...last, at };
        return write(`${stamp(event.elapsedSeconds)} ${again}`);
      }
      last = { key, at, since: at, ...(o.bakeEndsAt !== undefined && { endsAt: o.bakeEndsAt }) };
    }
    write(eventLine(event, now()));
  };

  function write(line: string | undefined): void {
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
    if (line !== undefined) out.write(`${line}\n`);
  }
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
