import type { Rollout, RunStep } from '../model.js';
import { plan as planRollout } from '../plan/plan.js';
import { stepNoun } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';
import { type Clock, realClock } from './clock.js';
import { nextPollDelayMs } from './poll.js';
import type { Observation, Preflight, Provider } from './provider.js';
import type { DeployEvent, DeployReport, Outcome, StepSeen } from './report.js';
import { RetriesExhausted, retrying } from './retry.js';
import { refusalAtCapacity } from './revalidate.js';
import { stepOf } from './step-of.js';
import { errorText } from './transient.js';

export interface DeployOptions {
  readonly clock?: Clock;
  /** Stops waiting: `deploy` then rejects with the signal's reason (the provider's update keeps running). */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: DeployEvent) => void;
  /** Instances in the new fleet when the provider cannot say; overrides the file. */
  readonly capacity?: number;
  /**
   * How long Shiftwise watches before it reports `timed-out` (SageMaker) or reverts (Vertex AI). Default:
   * SageMaker — the file's timeout (else 8 h) plus 30 minutes for the service's own rollback; Vertex AI — the
   * file's timeout, else 1 h; `type: steps` on either — 8 days (Shiftwise rolls back at the file's timeout itself).
   */
  readonly watchTimeoutSeconds?: number;
  /**
   * The rollout file's text. When preflight finds the fleet ready, the rules run again with the capacity it
   * found, and an error refuses the rollout before anything is sent (docs/engine.md). Without it, no second check.
   */
  readonly text?: string;
}

/**
 * Runs one rollout to its true outcome (docs/engine.md): preflight → validate again with what it found → plan →
 * start (or attach) → watch → outcome.
 * Never throws for cloud trouble: every ending is a report. Transient provider errors are retried on the clock.
 */
export async function deploy(
  rollout: Rollout,
  provider: Provider,
  options: DeployOptions = {},
): Promise<DeployReport> {
  const clock = options.clock ?? realClock;
  const emit = options.onEvent ?? (() => {});
  const started = clock.now();
  let calls = 0;
  // Transient faults are retried for 15 minutes of clock time per call; while watching, until the watch deadline.
  const call = <T>(what: () => Promise<T>, budgetMs = 15 * 60_000) =>
    retrying(
      () => {
        calls++;
        return what();
      },
      {
        clock,
        budgetMs,
        ...(options.signal && { signal: options.signal }),
        onRetry: (attempt, delayMs, error) =>
          emit({ type: 'retry', attempt, delayMs, error: errorText(error) }),
      },
    );
  const finish = (report: Omit<DeployReport, 'durationSeconds' | 'calls'>): DeployReport => {
    const analysis = provider.analysis?.();
    const done = {
      ...report,
      ...(analysis && analysis.length > 0 && { analysis }),
      durationSeconds: Math.round((clock.now() - started) / 1000),
      calls,
    };
    emit({ type: 'finished', report: done });
    return done;
  };
  const ending = (
    outcome: Outcome,
    phase: DeployReport['phase'],
    reason: string,
    extra: Partial<DeployReport> = {},
  ) => finish({ outcome, phase, reason, noop: false, steps: [], ...extra });

  // 1. Preflight: is the endpoint ready for this rollout, or already there?
  let preflight: Awaited<ReturnType<Provider['preflight']>>;
  try {
    preflight = await call(() => provider.preflight(options.signal));
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    return ending('failed', 'preflight', `preflight could not reach ${provider.name}: ${errorText(error)}`);
  }
  if (preflight.kind === 'refused') return ending('failed', 'preflight', preflight.reason);
  if (preflight.kind === 'already-done')
    return finish({
      outcome: 'succeeded',
      phase: 'preflight',
      reason: preflight.detail,
      noop: true,
      steps: [],
    });
  if (preflight.kind === 'ready') emit({ type: 'preflight', checks: preflight.checks });

  // 2. Validate again with the capacity the provider reported: a size fine for an unknown fleet may not be for this.
  const capacity = preflight.capacity ?? options.capacity;
  const refusal =
    preflight.kind === 'ready' && options.text !== undefined && capacity !== undefined
      ? refusalAtCapacity(options.text, capacity, rollout)
      : undefined;
  if (refusal) return ending('failed', 'preflight', refusal.reason, { diagnostics: refusal.diagnostics });

  // 3. Plan from the file and what preflight found, then start — or attach to the same update in flight.
  const found = preflight.kind === 'ready' ? preflight.found : undefined;
  const plan = planRollout(rollout, {
    ...(capacity !== undefined && { capacity }),
    ...(found !== undefined && { found }),
  });
  emit({ type: 'planned', plan });
  if (preflight.kind === 'in-flight') emit(attachedEvent(preflight));
  else {
    try {
      await call(() => provider.start(plan, options.signal));
      emit({ type: 'started' });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // A dropped connection may hide an accepted request: if the update is running, it is ours.
      const again = await call(() => provider.preflight(options.signal)).catch(() => undefined);
      if (again?.kind !== 'in-flight')
        return ending('failed', 'start', startFailure(provider.name, error), { plan });
      emit(attachedEvent(again));
    }
  }

  // 4. Watch until the provider says how it ended, or our own timeout passes.
  return watch(rollout, plan, provider, { ...options, clock }, call, (r) => finish({ ...r, plan }), started);
}

/**
 * Why a start failed, in words: a refusal in the service's own, or a request that kept failing transiently (throttled,
 * 5xx, unreachable) until the retries ran out, which is no refusal: nothing was decided, and running again may pass.
 */
function startFailure(service: string, error: unknown): string {
  if (error instanceof RetriesExhausted)
    return `${service} did not accept the update: the request kept failing transiently (${errorText(error.last)}) for ${error.attempts} attempts; nothing was started, so run the same command again once ${service} answers`;
  return `${service} refused the update: ${errorText(error)}`;
}

async function watch(
  rollout: Rollout,
  plan: Plan,
  provider: Provider,
  options: DeployOptions & { clock: Clock },
  call: <T>(what: () => Promise<T>, budgetMs?: number) => Promise<T>,
  finish: (report: Omit<DeployReport, 'durationSeconds' | 'calls' | 'plan'>) => DeployReport,
  started: number,
): Promise<DeployReport> {
  const { clock, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const timeoutSeconds = watchTimeoutSeconds(rollout, options);
  // Which timeout a revert followed, for its reason: "not done within 600 s (the file's timeout); reverted to …".
  const timeoutSource =
    options.watchTimeoutSeconds !== undefined
      ? 'the watch timeout'
      : rollout.timeoutSeconds !== undefined
        ? "the file's timeout"
        : 'the default watch timeout';
  let deadline = started + timeoutSeconds * 1000;
  const steps: StepSeen[] = [];
  let firstShift: number | undefined;
  // Past the deadline a revert is begun, and watched for as long again, 8 h at least (a revert redeploys the whole
  // previous fleet): a revert that never ends (its answer lost and the revert failed, or another deployment of the
  // previous model taken for it) is no endless watch.
  const revertSeconds = Math.max(timeoutSeconds, 8 * 3600);
  let reverting = false;
  // The phase last seen and when it was first seen: long provisioning is polled less often.
  let phase: { name: string | undefined; since: number } | undefined;
  for (;;) {
    let seen: Observation;
    try {
      seen = await call(() => provider.observe(signal), Math.max(60_000, deadline - clock.now()));
    } catch (error) {
      // An interrupt is not an outcome: the caller says where the rollout stands.
      if (signal?.aborted) throw signal.reason;
      const why = error instanceof RetriesExhausted ? error.message : errorText(error);
      return finish({
        outcome: 'failed',
        phase: 'watch',
        reason: `lost track of the rollout: ${why}`,
        noop: false,
        steps,
      });
    }
    const now = clock.now();
    seen = inOurClock(seen, now);
    switch (seen.kind) {
      case 'succeeded':
        return finish({ outcome: 'succeeded', phase: 'watch', reason: seen.message, noop: false, steps });
      case 'rolled-back':
        return finish({
          outcome: 'rolled-back',
          phase: 'watch',
          reason: reverting
            ? `not done within ${timeoutSeconds} s (${timeoutSource}); ${seen.reason}`
            : seen.reason,
          ...(seen.alarm !== undefined && { alarm: seen.alarm }),
          noop: false,
          steps,
        });
      case 'failed':
        return finish({
          outcome: 'failed',
          phase: 'watch',
          reason: seen.reason,
          ...(seen.alarm !== undefined && { alarm: seen.alarm }),
          noop: false,
          steps,
        });
      case 'paused':
        return finish({ outcome: 'paused', phase: 'watch', reason: seen.reason, noop: false, steps });
      case 'progress': {
        const step = stepOf(plan, seen);
        if (step > 0 && firstShift === undefined) firstShift = now;
        if (step > 0 && (steps.at(-1)?.step ?? 0) < step)
          steps.push({ step, atSeconds: Math.round((now - (firstShift ?? now)) / 1000) });
        emit({
          type: 'progress',
          observation: seen,
          step,
          steps: plan.steps.length,
          stepNoun: stepNoun(plan),
          elapsedSeconds: Math.round((now - started) / 1000),
        });
      }
    }
    if (now >= deadline && reverting)
      return finish({
        outcome: 'timed-out',
        phase: 'watch',
        reason: `not done within the watch timeout (${timeoutSeconds} s), and the revert begun then is still ${lastSeen(seen)} ${revertSeconds} s later: check the endpoint, it may still be changing`,
        noop: false,
        steps,
      });
    if (now >= deadline) {
      if (!provider.revert)
        return finish({
          outcome: 'timed-out',
          phase: 'watch',
          reason: `still ${lastSeen(seen)} after ${timeoutSeconds} s of watching; the update may still be running`,
          noop: false,
          steps,
        });
      try {
        reverting = true;
        await call(() => provider.revert!(signal));
        deadline = clock.now() + revertSeconds * 1000;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        return finish({
          outcome: 'timed-out',
          phase: 'watch',
          reason: `timed out and the revert failed: ${errorText(error)}`,
          noop: false,
          steps,
        });
      }
    }
    if (seen.kind !== 'progress' || seen.phase !== phase?.name)
      phase = { name: seen.kind === 'progress' ? seen.phase : undefined, since: now };
    // No sleep runs past the deadline (the watch's, then the revert's).
    const delay = nextPollDelayMs(seen, now, phase.since);
    await clock.sleep(Math.min(delay, Math.max(1000, deadline - clock.now())), signal);
  }
}

/** How long the runner watches `rollout` before it reports `timed-out` (`DeployOptions.watchTimeoutSeconds`). */
export function watchTimeoutSeconds(rollout: Rollout, options: DeployOptions = {}): number {
  if (options.watchTimeoutSeconds !== undefined) return options.watchTimeoutSeconds;
  // Shiftwise-run steps, on any cloud, roll back by themselves at the file's timeout (per stretch between gates)
  // and that rollback is watched to its end: the watch only guards against a provider that stops answering, so it
  // outlasts any stretch the rules accept (a timeout of at most 7 days, then its rollback) and, without a timeout,
  // every bake and timed pause of the schedule.
  if (rollout.strategy.type === 'steps')
    return Math.max(8 * 86400, stepsWaitSeconds(rollout.strategy.steps) + 86400);
  return rollout.provider === 'sagemaker'
    ? (rollout.timeoutSeconds ?? 28800) + 1800
    : (rollout.timeoutSeconds ?? 3600);
}

/** The bakes and timed pauses of a schedule Shiftwise runs, added up (a manual gate ends the watch: no wait). */
function stepsWaitSeconds(steps: readonly RunStep[]): number {
  return steps.reduce((sum, s) => sum + (s.kind === 'traffic' ? s.bakeSeconds : (s.seconds ?? 0)), 0);
}

/**
 * An observation's times in the runner's clock. A bake's end comes in the provider's clock; with the provider's
 * time of the answer (`observedAt`) it becomes `now` plus what was left then, so every countdown (progress words,
 * the CLI's lines, the poll delay) compares times of one clock, whatever the two clocks' offset or speed — a
 * sandbox at ×60 and a deploy in real time, or a machine whose clock is off.
 *
 *   bakeEndsAt 10:10:00, observedAt 10:00:05 (provider), now 09:00:00 (ours) → bakeEndsAt 09:09:55
 */
function inOurClock(seen: Observation, now: number): Observation {
  if (seen.kind !== 'progress' || seen.observedAt === undefined) return seen;
  const { observedAt, ...rest } = seen;
  return rest.bakeEndsAt === undefined ? rest : { ...rest, bakeEndsAt: now + (rest.bakeEndsAt - observedAt) };
}

/** The last observation in words, for a timeout: "baking at 25% (Baking for 600 seconds …)". */
function lastSeen(seen: Observation): string {
  if (seen.kind !== 'progress') return 'running';
  const traffic = seen.trafficPercent !== undefined ? ` at ${seen.trafficPercent}%` : '';
  return `${seen.phase}${traffic}${seen.message ? ` (${seen.message})` : ''}`;
}

/** The event of an attach: the update found running, and where a Shiftwise-run rollout was picked up. */
function attachedEvent(preflight: Preflight & { kind: 'in-flight' }): DeployEvent {
  return {
    type: 'attached',
    detail: preflight.detail,
    ...(preflight.resumed !== undefined && { resumed: preflight.resumed }),
  };
}
