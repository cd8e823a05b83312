import * as actions from '@actions/core';
import { humanDuration, type Plan, renderPlanText } from '@shiftwise/core';
import { type DeployEvent, heartbeatLine, progressWords, steadyEnd } from '@shiftwise/core/engine';
import { actionWays } from './ways-on.js';

/** What the log needs beside the events. */
export interface ProgressLoggerOptions {
  /** Once aborted (the workflow run was cancelled), no outcome line: the caller says what happened. */
  readonly cancelled?: AbortSignal;
  /**
   * The rollout file, as `files` matched it: the commands the engine's reasons name (`run shiftwise abort FILE`)
   * become the workflow's modes for it (`ways-on.ts`).
   */
  readonly path: string;
  /**
   * Whether `now` is the wall's clock (default true). A dry run against a sandbox at `--speed X`
   * (SHIFTWISE_CLOCK_SPEED) is not: its heartbeat says what is left of a bake but not `until … UTC`.
   */
  readonly wallClock?: boolean;
}

/**
 * Turns the engine's events into the log: `::group::` sections (Preflight, Plan, Rollout) and one line per change
 * of phase, step or traffic (for an inference component, of the copies running), plus, while nothing changes, a
 * heartbeat as the CLI's (core's `heartbeatLine`): in a bake whose end is known, what is left of it and when it ends,
 * after 1, 2, 4 and then every 5 minutes of rollout time; elsewhere a line a minute saying how long this run has seen
 * it so (`provisioning (unchanged for 8 min)`: not the time in the phase, whose start a run that picked the rollout
 * up did not see), so a long wait shows the watch alive; and the outcome in the action's words. The end a heartbeat
 * says is the first seen for the line (`steadyEnd`), and on a scaled clock (`wallClock: false`) no `until … UTC`.
 *
 *   [2 min 5 s] 0% traffic · provisioning · Launching 4 instance(s) of type ml.m5.large for the new fleet.
 *   [2 min 15 s] step 1/2 · 25% traffic · baking, 9 min 55 s left · Baking for 600 seconds (WaitIntervalInSeconds) …
 *   [3 min 15 s] step 1/2 · 25% traffic · baking, 9 min of 10 min left, until 15:42 UTC
 *   [4 min 30 s] updating · 10 copies running, 8 desired
 */
export function progressLogger(
  now: () => number,
  { cancelled, path, wallClock = true }: ProgressLoggerOptions,
): (event: DeployEvent) => void {
  let group: string | undefined;
  let lastKey = '';
  let lastLine = Number.NEGATIVE_INFINITY;
  let keySince = 0;
  // The end of the line's bake as shown: the first seen, kept through a look's jitter (core's steadyEnd), so the
  // heartbeat's `until` never flips a minute.
  let shownEnd: number | undefined;
  // The plan, for the length of the bake a heartbeat counts down.
  let plan: Plan | undefined;
  const open = (name: string) => {
    if (group === name) return;
    if (group !== undefined) actions.endGroup();
    actions.startGroup(name);
    group = name;
  };
  return (event) => {
    switch (event.type) {
      case 'preflight':
        open('Preflight');
        for (const check of event.checks) actions.info(`✓ ${check}`);
        return;
      case 'planned':
        open('Plan');
        plan = event.plan;
        actions.info(renderPlanText(event.plan).trimEnd());
        return;
      case 'started':
        open('Rollout');
        actions.info('Update started.');
        return;
      case 'attached':
        open('Rollout');
        // A Shiftwise-run rollout picked up where it stands may be at a gate, where nothing is in flight: its
        // detail says where it stands.
        actions.info(event.resumed ? event.detail : `Attached to the update in flight: ${event.detail}`);
        return;
      case 'retry':
        actions.info(`retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s: ${event.error}`);
        return;
      case 'progress': {
        open('Rollout');
        const o = event.observation;
        // An inference component's update has no steps: the copies running are what changes. The wait for a
        // step's last metrics after its bake is a line of its own, not more of the bake.
        const key = `${o.phase}|${o.settling ?? ''}|${event.step}|${o.trafficPercent}|${o.phase === 'updating' ? o.message : ''}`;
        shownEnd = key === lastKey ? steadyEnd(shownEnd, o.bakeEndsAt) : o.bakeEndsAt;
        const times = { now: now(), since: keySince, lastAt: lastLine };
        const words =
          key === lastKey
            ? heartbeatLine(event, shownEnd === undefined ? times : { ...times, endsAt: shownEnd }, {
                plan,
                wallClock,
              })
            : progressWords(event, now());
        if (words === undefined) return;
        if (key !== lastKey) keySince = now();
        lastKey = key;
        lastLine = now();
        actions.info(`[${humanDuration(event.elapsedSeconds)}] ${words}`);
        return;
      }
      case 'finished':
        if (group !== undefined) actions.endGroup();
        group = undefined;
        // After a cancel the engine's verdict is about our own abort, not the rollout: the caller says what happened.
        if (!cancelled?.aborted)
          actions.info(`Outcome: ${event.report.outcome} — ${actionWays(event.report.reason, path)}`);
        return;
    }
  };
}
