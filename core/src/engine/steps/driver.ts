import type { AnalysisCheck, RunStep } from '../../model.js';
import type { StepsState } from '../../plan/steps-request.js';
import type { Observation, Phase } from '../provider.js';
import { timedOut } from './deadline.js';
import { alignDown, type CheckVerdict, judge, settledAt, verdictWords } from './judge.js';

/**
 * The state machine of a rollout Shiftwise runs itself, whatever the cloud (docs/engine.md, "Shiftwise-run steps").
 * Where the rollout stands is on the endpoint — what it serves and the state a backend keeps there (SageMaker tags,
 * Vertex AI labels) — so each `observe` reads it and takes the one next action it calls for:
 *
 *   starting     the new model comes up beside the old one                → step 1
 *   shifting k   step k's share asked for, until it holds                  → baking k
 *   baking k     bake (or timed pause), its analysis checked, and on       → step k+1, or rolling-back
 *                until the metrics of its last periods have settled
 *   paused k     a manual gate: `deploy` reports paused; `promote` passes  → step k+1
 *   finishing    the old model goes                                        → succeeded
 *   rolling-back all share back to the old model, the new one goes         → rolled-back
 *
 * Before any of them, every look checks what stops a rollout going forward (`halted`): the timeout (`timedOut`)
 * and the rollback alarms, in every state where the old model can still take its share back — also while the
 * endpoint is busy, when the rollback is recorded and begins once it settles. An alarm seen once the finish has
 * begun removing the old model is too late to roll back; the ending says so instead of reporting success.
 * Any process can pick a rollout up where another left it; `abort` rolls back from wherever it stands.
 */

/** One look at the endpoint, in the terms the driver decides by. */
export interface StepsLook {
  /** The state the endpoint records; undefined when no Shiftwise rollout is recorded there. */
  readonly state: StepsState | undefined;
  /** The service's clock when it answered (epoch ms). */
  readonly now: number;
  /** Percent of the moving share on the new model: now, and as last asked for. */
  readonly share: { readonly current?: number; readonly desired?: number };
  /** The endpoint is busy (an update or an operation runs): in its words. The driver waits. */
  readonly busy?: string;
  /** The endpoint is broken (SageMaker Failed): in its words. The rollout fails. */
  readonly broken?: string;
}

/** How a backend's part of a phase stands: over, still under way (it says what it did or waits for), or failed. */
export type Progress =
  | { readonly kind: 'done' }
  | { readonly kind: 'working'; readonly phase: Phase; readonly message: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** What one cloud does for the driver: read, record, move the share, and the phases only it knows. */
export interface StepsBackend<L extends StepsLook> {
  look(signal?: AbortSignal): Promise<L>;
  /** Records the state on the endpoint (with what the backend itself keeps there). */
  record(look: L, state: StepsState, signal?: AbortSignal): Promise<void>;
  /** Removes the recorded state, once the rollout has ended. */
  clear(signal?: AbortSignal): Promise<void>;
  /** Asks for `percent` of the moving share on the new model. */
  shift(look: L, percent: number, signal?: AbortSignal): Promise<void>;
  /**
   * Starting, with nothing in flight: the start's update or operation failed, in the service's words; undefined
   * otherwise. Read before the timeout and the alarms, which would otherwise call a start that never ran a rollback.
   */
  startFailed(look: L, state: StepsState): string | undefined;
  /** Starting: is the new model up beside the old one? Sends again what a lost answer hid. */
  started(look: L, state: StepsState, signal?: AbortSignal): Promise<Progress>;
  /** Finishing: is the old model gone? */
  finished(look: L, state: StepsState, signal?: AbortSignal): Promise<Progress>;
  /**
   * Finishing, with nothing in flight: is the old model still there to take its share back (the finish not sent
   * yet, or failed)? Then `abort` rolls back; once the old model is gone it cannot, and the finish goes on.
   */
  oldModelStays(look: L, state: StepsState): boolean;
  /** Rolling back: all share back on the old model, then the new one gone. */
  reverted(look: L, state: StepsState, signal?: AbortSignal): Promise<Progress>;
  /** Whether the endpoint, settled, serves what `state` started from (its original config or previous model) alone. */
  backOnOriginal(look: L, state: StepsState): boolean;
  /** The first rollback alarm in ALARM (none on Vertex AI). */
  firingAlarm(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * One check's values over the window: what `judge` reads, and how late the service that holds them publishes
   * (`lagSeconds`: the check's own, else the provider's default, `metricLagSeconds`; none said is none).
   */
  series(
    check: AnalysisCheck,
    window: { readonly start: number; readonly now: number },
    signal?: AbortSignal,
  ): Promise<{
    readonly timestamps: readonly number[];
    readonly values: readonly number[];
    readonly lagSeconds?: number;
  }>;
  /** The words of the ends, for the report. */
  succeeded(look: L): string;
  rolledBack(look: L, state: StepsState): string;
}

export interface StepsDriverOptions {
  readonly steps: readonly RunStep[];
  readonly checks: readonly AnalysisCheck[];
  /** Whether an alarm or an analysis check that can roll back watches the bakes (`bakesWatched`), for the words. */
  readonly watched: boolean;
  readonly timeoutSeconds?: number;
  readonly mode: 'deploy' | 'promote' | 'abort';
}

const iso = (ms: number) => new Date(ms).toISOString();
const msOf = (text: string) => {
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
};

export function stepsDriver<L extends StepsLook>(backend: StepsBackend<L>, options: StepsDriverOptions) {
  const { steps, checks, mode } = options;
  /** Promote passes one gate (or one timed pause): the first it finds. */
  let gatePassed = false;
  /** How the rollout ended, once its state is being removed: the answer of every later look. */
  let ended: Observation | undefined;
  let uncleared = false;
  const verdicts = new Map<string, CheckVerdict>();
  /** Each check's lag, as its series last said: a step is left once its last period has settled. */
  const lags = new Map<string, number>();
  // Why this run started a rollback, in its words: the state a later look reads back holds the reason as the
  // service's alphabet allows (a Vertex AI label folds it to `timeout-780-s-passed-…`), which is for a later run
  // that attaches, not for this run's report.
  let rollbackReason: string | undefined;
  /** A rollback alarm seen in ALARM once the finish had begun removing the old model: too late to roll back. */
  let lateAlarm: string | undefined;
  /**
   * The last rollback state this run recorded or read, whoever began the rollback: when another process ends the
   * rollback first and removes the state, this run's ending is still that rollback's.
   */
  let rollingBack: StepsState | undefined;

  const progress = (
    phase: Phase,
    look: L,
    message: string,
    extra: { bakeEndsAt?: number; step?: number; settling?: 'bake' | 'pause' } = {},
  ) => {
    const share = look.share.current;
    const step = extra.step ?? look.state?.step;
    return {
      kind: 'progress',
      phase,
      ...(share !== undefined && { trafficPercent: share }),
      ...(step !== undefined && step > 0 && { step }),
      message,
      observedAt: look.now,
      ...(extra.bakeEndsAt !== undefined && { bakeEndsAt: extra.bakeEndsAt }),
      ...(extra.settling !== undefined && { settling: extra.settling }),
    } satisfies Observation;
  };

  const record = (look: L, from: StepsState, change: Partial<StepsState>, signal?: AbortSignal) =>
    backend.record(look, { ...from, since: iso(look.now), ...change }, signal);

  async function end(outcome: Observation, signal?: AbortSignal): Promise<Observation> {
    ended = outcome;
    uncleared = true;
    return clear(signal);
  }

  async function clear(signal?: AbortSignal): Promise<Observation> {
    if (uncleared) {
      await backend.clear(signal);
      uncleared = false;
    }
    return ended!;
  }

  const pausedAt = (k: number): Observation => ({
    kind: 'paused',
    step: k,
    reason: `paused at step ${k} of ${steps.length} (a manual gate); run shiftwise promote FILE to continue, shiftwise abort FILE to roll back`,
  });

  /** Moves to step `k` (1-based), or to finishing after the last: records it, then takes its first action. */
  async function enter(k: number, look: L, from: StepsState, signal?: AbortSignal, stretch?: number) {
    const next = stretch === undefined ? from : { ...from, stretch: iso(stretch) };
    const entry = steps[k - 1];
    if (entry === undefined) {
      await record(look, next, { step: steps.length, state: 'finishing' }, signal);
      return progress(
        'terminating',
        look,
        'the new model takes the old one’s whole share; the old one goes',
        {
          step: steps.length,
        },
      );
    }
    if (entry.kind === 'traffic') {
      await record(look, next, { step: k, state: 'shifting' }, signal);
      await backend.shift(look, entry.percent, signal);
      return progress(
        'shifting',
        look,
        `step ${k} of ${steps.length}: ${entry.percent}% of traffic to the new model`,
        {
          step: k,
        },
      );
    }
    if (entry.seconds !== undefined) {
      await record(look, next, { step: k, state: 'baking' }, signal);
      return progress('baking', look, `step ${k} of ${steps.length}: pausing ${entry.seconds} s`, {
        bakeEndsAt: look.now + entry.seconds * 1000,
        step: k,
      });
    }
    await record(look, next, { step: k, state: 'paused' }, signal);
    return pausedAt(k);
  }

  /** Starts a rollback: records why, then the backend puts all share back on the old model. */
  async function rollBack(look: L, from: StepsState, reason: string, signal?: AbortSignal) {
    const state = { ...from, since: iso(look.now), state: 'rolling-back' as const, reason };
    rollbackReason = reason;
    rollingBack = state;
    await backend.record(look, state, signal);
    const first = await backend.reverted(look, state, signal);
    return first.kind === 'working'
      ? progress(first.phase, look, `rolling back: ${reason}`)
      : progress('rolling-back', look, `rolling back: ${reason}`);
  }

  /**
   * A rollback begun while the endpoint is busy (an update or an operation runs, which cannot be stopped): recorded
   * now, so that this run or any other takes it up, and carried out once the endpoint settles.
   */
  async function rollBackOnceSettled(look: L, from: StepsState, reason: string, signal?: AbortSignal) {
    rollbackReason = reason;
    rollingBack = { ...from, since: iso(look.now), state: 'rolling-back', reason };
    await backend.record(look, rollingBack, signal);
    return progress('rolling-back', look, `rolling back once the endpoint settles (${look.busy}): ${reason}`);
  }

  /** Where an alarm went into ALARM, for the rollback's reason. */
  const during = (state: StepsState) =>
    state.state === 'starting'
      ? 'while the new model came up beside the old one'
      : state.state === 'finishing'
        ? 'before the finish removed the old model'
        : state.state === 'paused'
          ? `at the gate of step ${state.step}`
          : `during step ${state.step}`;

  /**
   * What stops a rollout going forward, checked on every look before any forward move: past the timeout, or a
   * rollback alarm in ALARM. While the old model can take its share back, the rollout rolls back (at once, or once
   * a busy endpoint settles); once the finish is removing it, an alarm is kept for the ending (`lateAlarm`).
   */
  async function halted(look: L, state: StepsState, signal?: AbortSignal): Promise<Observation | undefined> {
    const late = timedOut(state, look.now, options.timeoutSeconds);
    const alarm = late === undefined ? await backend.firingAlarm(signal) : undefined;
    const canRollBack =
      state.state !== 'finishing' || (look.busy === undefined && backend.oldModelStays(look, state));
    if (!canRollBack) {
      lateAlarm ??= alarm;
      return undefined;
    }
    const reason =
      late ?? (alarm === undefined ? undefined : `alarm ${alarm} went into ALARM ${during(state)}`);
    if (reason === undefined) return undefined;
    return look.busy === undefined
      ? rollBack(look, state, reason, signal)
      : rollBackOnceSettled(look, state, reason, signal);
  }

  /** The end of a finish: success, unless a rollback alarm went into ALARM too late to roll back. */
  function finishedWords(look: L): Observation {
    const done = backend.succeeded(look);
    if (lateAlarm === undefined) return { kind: 'succeeded', message: done };
    return {
      kind: 'failed',
      alarm: lateAlarm,
      reason: `rollback alarm ${lateAlarm} went into ALARM while the finish was removing the old model, too late to roll back: ${done}. Check the new model; to go back, deploy the previous one again`,
    };
  }

  /**
   * Every check over the settled periods of the step's window so far (`since` to the bake's end `ends`); the first
   * that rolls back, if one does. A check is read once the first period of the window has ended.
   */
  async function analyse(step: number, since: number, ends: number, now: number, signal?: AbortSignal) {
    let breached: { check: AnalysisCheck; verdict: CheckVerdict } | undefined;
    for (const check of checks) {
      const period = check.periodSeconds * 1000;
      if (alignDown(since, period) + period > now) continue;
      const points = await backend.series(check, { start: alignDown(since, period), now }, signal);
      const lagSeconds = points.lagSeconds ?? check.lagSeconds ?? 0;
      lags.set(check.name, lagSeconds);
      const verdict = judge(check, step, { start: since, end: ends, now, lagSeconds }, points);
      if (verdict.periods.length > 0) verdicts.set(`${step}:${check.name}`, verdict);
      if (verdict.rollsBack && !breached) breached = { check, verdict };
    }
    return breached;
  }

  /**
   * When every period of a window that ends at `ends` has settled: the period holding its end has ended and its lag
   * has passed, for every check. A check not read yet has had no period end, so its last one has not either; a
   * window of no length has no period to wait for.
   *
   *   since 14:00:30, ends 14:10:30, 1-min check with lag 120 s → 14:13:00
   */
  function settlesAt(since: number, ends: number): number {
    if (ends <= since) return ends;
    return settledAt(
      ends,
      checks.map((c) => ({ periodSeconds: c.periodSeconds, lagSeconds: lags.get(c.name) ?? 0 })),
    );
  }

  /** A bake (or a timed pause) of step `k` (past `halted`): its analysis; on by itself once it is over and judged. */
  async function bake(look: L, state: StepsState, signal?: AbortSignal): Promise<Observation> {
    const k = state.step;
    const entry = steps[k - 1];
    const since = msOf(state.since) ?? look.now;
    const wait = entry?.kind === 'traffic' ? entry.bakeSeconds : (entry?.seconds ?? 0);
    const ends = since + wait * 1000;
    const breach = await analyse(k, since, ends, look.now, signal);
    if (breach)
      return rollBack(
        look,
        state,
        `analysis check ${breach.check.name} breached: ${verdictWords(breach.verdict, breach.check)}`,
        signal,
      );
    const skipPause = mode === 'promote' && entry?.kind === 'pause' && !gatePassed;
    // The step is left only once its whole window is judged: metrics arrive late, and a period judged "no data"
    // before its value arrived would let a breach in the step's last minutes go unseen.
    const settled = settlesAt(since, ends);
    if ((look.now >= ends && look.now >= settled) || skipPause) {
      if (skipPause) gatePassed = true;
      return enter(k + 1, look, state, signal);
    }
    const doing = entry?.kind === 'pause' ? 'pausing' : 'baking';
    if (look.now >= ends)
      return progress(
        'baking',
        look,
        `step ${k} of ${steps.length}: ${doing} over; waiting ${Math.ceil((settled - look.now) / 1000)} s more for the last metrics to settle`,
        // Not bake time: the faces say it as the wait it is ("bake over, waiting for the last metrics").
        { bakeEndsAt: settled, settling: entry?.kind === 'pause' ? 'pause' : 'bake' },
      );
    const watch =
      entry?.kind === 'pause' || options.watched ? 'watched' : 'unwatched (no alarm or analysis check)';
    return progress('baking', look, `step ${k} of ${steps.length}: ${doing}, ${watch}`, { bakeEndsAt: ends });
  }

  /** Shifting: the step's share asked for until it holds, then the bake begins. */
  async function shift(look: L, state: StepsState, signal?: AbortSignal): Promise<Observation> {
    const entry = steps[state.step - 1];
    if (entry?.kind !== 'traffic') return enter(state.step + 1, look, state, signal);
    const want = entry.percent;
    if (look.share.current === want) {
      await record(look, state, { state: 'baking' }, signal);
      return progress('baking', look, `step ${state.step} of ${steps.length}: ${want}% baking`, {
        bakeEndsAt: look.now + entry.bakeSeconds * 1000,
      });
    }
    if (look.share.desired !== want) await backend.shift(look, want, signal);
    return progress('shifting', look, `step ${state.step} of ${steps.length}: moving to ${want}%`);
  }

  /** What a backend's phase says: go on with `next`, wait, or end failed. */
  async function phase(
    look: L,
    got: Progress,
    next: () => Promise<Observation>,
    failed: (reason: string) => Promise<Observation>,
  ): Promise<Observation> {
    if (got.kind === 'done') return next();
    if (got.kind === 'working') return progress(got.phase, look, got.message);
    return failed(got.reason);
  }

  /** The ending of a rollback: the backend's words, with this run's reason when it began it, and the alarm named. */
  function rolledBack(look: L, state: StepsState): Observation {
    const told = rollbackReason === undefined ? state : { ...state, reason: rollbackReason };
    const reason = backend.rolledBack(look, told);
    const alarm = /^alarm (\S+) went into ALARM/.exec(told.reason ?? '')?.[1];
    return { kind: 'rolled-back', reason, ...(alarm && { alarm }) };
  }

  /**
   * No state on the endpoint any more: another process ended the rollout and removed it. After a rollback (this run's
   * or one it saw recorded) with the endpoint back where it started, that rollback is the ending; otherwise this run
   * cannot tell how the rollout ended.
   */
  function gone(look: L): Observation {
    if (rollingBack && look.busy === undefined && backend.backOnOriginal(look, rollingBack)) {
      ended = rolledBack(look, rollingBack);
      return ended;
    }
    return {
      kind: 'failed',
      reason: 'no Shiftwise rollout is recorded on the endpoint any more (its state was removed)',
    };
  }

  /** Whether `abort` can still roll back: anywhere before finishing, and while finishing until the old model goes. */
  const abortable = (look: L, state: StepsState) =>
    state.state !== 'finishing' || backend.oldModelStays(look, state);

  async function observe(signal?: AbortSignal): Promise<Observation> {
    if (ended) return clear(signal);
    const look = await backend.look(signal);
    const state = look.state;
    if (!state) return gone(look);
    if (state.state === 'rolling-back') rollingBack = state;
    if (look.broken) return { kind: 'failed', reason: look.broken };
    // A start that failed never ran: its failure is the ending, whether or not the timeout passed or an alarm fired.
    const startFailed =
      mode !== 'abort' && state.state === 'starting' && look.busy === undefined
        ? backend.startFailed(look, state)
        : undefined;
    if (startFailed !== undefined) return end({ kind: 'failed', reason: startFailed }, signal);
    if (mode !== 'abort' && state.state !== 'rolling-back') {
      const stopped = await halted(look, state, signal);
      if (stopped) return stopped;
    }
    if (look.busy) {
      const waiting: Phase =
        state.state === 'rolling-back'
          ? 'rolling-back'
          : state.state === 'starting' || state.state === 'finishing'
            ? 'provisioning'
            : 'shifting';
      return progress(waiting, look, look.busy);
    }
    if (mode === 'abort' && state.state !== 'rolling-back' && abortable(look, state))
      return rollBack(look, state, 'aborted by shiftwise abort', signal);
    switch (state.state) {
      case 'starting':
        return phase(
          look,
          await backend.started(look, state, signal),
          () => enter(1, look, state, signal),
          (reason) => end({ kind: 'failed', reason }, signal),
        );
      case 'shifting':
        return shift(look, state, signal);
      case 'baking':
        return bake(look, state, signal);
      case 'paused':
        if (mode === 'promote' && !gatePassed) {
          gatePassed = true;
          return enter(state.step + 1, look, state, signal, look.now);
        }
        return pausedAt(state.step);
      case 'finishing':
        return phase(
          look,
          await backend.finished(look, state, signal),
          () => end(finishedWords(look), signal),
          async (reason) => ({ kind: 'failed', reason }),
        );
      case 'rolling-back':
        return phase(
          look,
          await backend.reverted(look, state, signal),
          () => end(rolledBack(look, state), signal),
          async (reason) => ({ kind: 'failed', reason }),
        );
    }
  }

  return { observe, analysis: (): readonly CheckVerdict[] => [...verdicts.values()], end };
}
