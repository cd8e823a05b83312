import { recordedName } from '../../plan/recorded-name.js';
import type { Found } from '../../plan/request-types.js';
import { bakesWatched } from '../../plan/run-steps.js';
import type { StepsState } from '../../plan/steps-request.js';
import type { DeployedModel } from '../../plan/vertex-api.js';
import {
  stateFromLabels,
  type VertexStepsState,
  vertexStepsDigest,
  withoutStateLabels,
  withStateLabels,
} from '../../plan/vertex-labels.js';
import { vertexEndpointName } from '../../plan/vertex-request.js';
import {
  canaryDeployRequest,
  labelsRequest,
  splitAt,
  splitRequest,
  undeployRequest,
  type VertexStepsRollout,
} from '../../plan/vertex-steps-request.js';
import type { Preflight, Provider } from '../provider.js';
import { type Progress, type StepsBackend, type StepsLook, stepsDriver } from '../steps/driver.js';
import type { StepsMode } from '../steps/provider.js';
import { resumedFrom } from '../steps/resumed.js';
import { errorText, isTransient } from '../transient.js';
import { type CanaryClient, type CanaryEndpointView, canaryClient } from './canary-client.js';
import { endpointNotFound, orNotFound, VertexError, type VertexOperation } from './client.js';
import { GoogleAuthError, googleTokenSource, type TokenSource } from './google-token.js';
import { vertexSeries } from './series.js';

/** What a canary look adds: the endpoint's answer, the state its labels record, and the operation in flight. */
interface CanaryLook extends StepsLook {
  readonly view: CanaryEndpointView;
  readonly recorded: VertexStepsState | undefined;
  /** The deploy or undeploy the labels record, as it stands now. */
  readonly operation?: VertexOperation;
}

export interface CanaryOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly tokens?: TokenSource;
  readonly mode?: StepsMode;
  /** A client of the caller's (tests); default: REST against the environment's endpoints. */
  readonly client?: CanaryClient;
}

/**
 * A Vertex AI canary by traffic split that Shiftwise runs (docs/engine.md, "Vertex AI canaries"), on the steps
 * driver: the new model deployed beside the previous one with the first share of its traffic (GA v1
 * `deployModel`), each step a split patch, the previous model undeployed at the end; a breach, the timeout or an
 * abort puts the previous model back on its whole share and undeploys the new one. Where it stands is in the
 * endpoint's labels, so any process can go on. Analysis reads Cloud Monitoring.
 */
export function vertexCanaryProvider(rollout: VertexStepsRollout, options: CanaryOptions = {}): Provider {
  const env = options.env ?? process.env;
  const tokens = options.tokens ?? googleTokenSource(env);
  const mode = options.mode ?? 'deploy';
  const endpointName = vertexEndpointName(rollout);
  const client =
    options.client ??
    canaryClient({
      base: env.SHIFTWISE_VERTEX_ENDPOINT ?? `https://${rollout.location}-aiplatform.googleapis.com`,
      monitoring: env.SHIFTWISE_MONITORING_ENDPOINT ?? 'https://monitoring.googleapis.com',
      tokens,
      endpointName,
      project: rollout.project,
    });
  const steps = rollout.strategy.type === 'steps' ? rollout.strategy.steps : [];
  const others = new Set(rollout.otherDeployedModels ?? []);
  const digest = vertexStepsDigest(rollout);
  /** What this process knows that the labels may not say yet. */
  const known: {
    previous?: DeployedModel;
    fresh?: string;
    operation?: string;
    /** The last operation seen done: not read again while the labels still name it. */
    ended?: { id: string; operation: VertexOperation };
    /** A refused start's state is dealt with (removed, or its removal failed and the ending says so). */
    refusalCleared?: boolean;
    /** The new model's deploy ended in an error (Vertex AI's words): a rollback has nothing to undeploy. */
    deployFailed?: string;
  } = {};

  const operationName = (id: string) => `${endpointName}/operations/${id}`;
  const models = (view: CanaryEndpointView) => view.deployedModels ?? [];
  const has = (view: CanaryEndpointView, id: string | undefined) =>
    id !== undefined && models(view).some((m) => m.id === id);
  /** The shares of the models the canary leaves alone. */
  const othersSplit = (view: CanaryEndpointView) =>
    Object.fromEntries(Object.entries(view.trafficSplit ?? {}).filter(([id]) => others.has(id)));

  async function look(signal?: AbortSignal): Promise<CanaryLook> {
    let view = await client.endpoint(signal);
    let opId = known.operation ?? stateFromLabels(view.labels)?.operation;
    let operation: VertexOperation | undefined;
    let busy: string | undefined;
    for (let round = 0; opId !== undefined; round++) {
      if (round === 3) {
        busy = `operations follow one another on the endpoint (now ${opId})`;
        break;
      }
      if (known.ended?.id === opId) {
        operation = known.ended.operation;
        break;
      }
      operation = await client.operation(operationName(opId), signal);
      if (!operation.done) {
        busy = `operation ${opId} running`;
        break;
      }
      // It may have ended after the endpoint was read: read it again, so this look sees what the operation left
      // (a deploy taken for lost, or an undeploy not yet done, would be sent a second time). Meanwhile another
      // process may have recorded its next operation: then that one is the one to wait for.
      known.operation = undefined;
      known.ended = { id: opId, operation };
      view = await client.endpoint(signal);
      const next = stateFromLabels(view.labels)?.operation;
      if (next === undefined || next === opId) break;
      opId = next;
    }
    const recorded = stateFromLabels(view.labels);
    // A process that picks the canary up past its start (promote, a deploy resumed) learns the new DeployedModel
    // from the labels: the analysis reads its series by that id.
    known.fresh ??= recorded?.fresh;
    const previous = recorded?.previous ?? known.previous?.id;
    const fresh = known.fresh ?? recorded?.fresh;
    const split = view.trafficSplit ?? {};
    const moving = (split[fresh ?? ''] ?? 0) + (split[previous ?? ''] ?? 0);
    const current =
      fresh !== undefined && has(view, fresh) && moving > 0
        ? Math.round(((split[fresh] ?? 0) / moving) * 1000) / 10
        : fresh === undefined || !has(view, fresh)
          ? 0
          : undefined;
    return {
      view,
      recorded,
      state: recorded,
      now: view.answeredAt ?? Date.now(),
      share: current === undefined ? {} : { current, desired: current },
      ...(busy && { busy }),
      ...(operation && { operation }),
    };
  }

  /** Labels with the state, and what this process knows of the models and the operation in flight. */
  const labelsFor = (
    view: CanaryEndpointView,
    state: VertexStepsState | undefined,
    base: Partial<VertexStepsState>,
  ) =>
    state === undefined
      ? withoutStateLabels(view.labels ?? {})
      : withStateLabels(view.labels ?? {}, { ...state, ...base });

  async function record(seen: CanaryLook, state: StepsState, signal?: AbortSignal): Promise<void> {
    const previous = seen.recorded?.previous ?? known.previous?.id ?? '';
    const fresh = known.fresh ?? seen.recorded?.fresh;
    const full: VertexStepsState = {
      ...state,
      previous,
      ...(fresh !== undefined && { fresh }),
      ...(known.operation !== undefined && { operation: known.operation }),
    };
    await client.patch(labelsRequest(rollout, labelsFor(seen.view, full, {})), signal);
  }

  /** Sends an operation and records it, so a later look (in any process) waits for it. */
  async function operate(
    seen: CanaryLook,
    state: StepsState,
    send: () => Promise<VertexOperation>,
    signal?: AbortSignal,
  ) {
    try {
      known.operation = (await send()).name.split('/').pop();
    } catch (error) {
      // Sent before, its answer lost: Vertex AI refuses the second while the first runs. Wait for that one.
      const busy =
        error instanceof VertexError &&
        error.status === 400 &&
        /in progress|already being/i.test(error.message);
      if (!busy) throw error;
      known.operation = /operations\/(\d+)/.exec(error.message)?.[1] ?? known.operation;
    }
    await record(seen, state, signal);
  }

  /** An operation the labels recorded ended in an error: Vertex AI's words. */
  const operationFailed = (seen: CanaryLook) =>
    seen.operation?.done && seen.operation.error
      ? `${seen.operation.error.message ?? 'no message'} (code ${seen.operation.error.code ?? '?'})`
      : undefined;

  /**
   * The operation a phase waited for failed: the rollout fails in Vertex AI's words, and the labels forget that
   * operation, so that the next `shiftwise deploy` or `abort` sends it again instead of reading the same failure.
   */
  async function failedOperation(
    seen: CanaryLook,
    state: StepsState,
    reason: string,
    signal?: AbortSignal,
  ): Promise<Progress> {
    const { operation: _failed, ...rest } = state as VertexStepsState;
    known.operation = undefined;
    await record(seen, rest, signal);
    return { kind: 'failed', reason };
  }

  /**
   * A start Vertex AI refused: its labels are removed (a transient fault is thrown, so the look is taken again), and
   * the canary fails in the refusal's words, saying so when the labels could not be removed.
   */
  async function refusedStart(refusal: unknown, signal?: AbortSignal): Promise<Progress> {
    const reason = `Vertex AI refused the update: ${errorText(refusal)}`;
    try {
      await backend.clear(signal);
    } catch (error) {
      if (isTransient(error)) throw error;
      known.refusalCleared = true;
      const words = /[.!?]$/.test(reason) ? reason : `${reason}.`;
      return {
        kind: 'failed',
        reason: `${words} Its shiftwise-* labels could not be removed from endpoint ${rollout.endpoint} (${errorText(error)}), so the next deploy would attach to it: run shiftwise abort FILE to remove them`,
      };
    }
    known.refusalCleared = true;
    return { kind: 'failed', reason };
  }

  const previousOf = (seen: CanaryLook) =>
    models(seen.view).find((m) => m.id === (seen.recorded?.previous ?? known.previous?.id));
  const freshOf = (seen: CanaryLook) => known.fresh ?? seen.recorded?.fresh;
  /**
   * The new DeployedModel, also before `started` has learnt it (a rollback begun while starting: the timeout, an
   * alarm, abort): the file's model deployed beside the previous one, which the canary left alone otherwise.
   */
  const freshFound = (seen: CanaryLook) => {
    const previous = seen.recorded?.previous ?? known.previous?.id;
    return (
      freshOf(seen) ??
      models(seen.view).find((m) => m.model === rollout.model && m.id !== previous && !others.has(m.id))?.id
    );
  };

  /** What became of the new model in a rollback: undeployed, or never deployed (its deploy failed, or never ran). */
  const newModelEnd = (seen: CanaryLook) => {
    const fresh = freshOf(seen);
    if (fresh !== undefined) return `the new model (DeployedModel ${fresh}) undeployed`;
    const failed = known.deployFailed ?? operationFailed(seen);
    return failed
      ? `the new model never deployed: deploying ${rollout.model} beside it failed: ${failed}`
      : 'the new model never deployed';
  };

  const backend: StepsBackend<CanaryLook> = {
    look,
    record,
    clear: async (signal) => {
      if (known.refusalCleared) return;
      const view = await client.endpoint(signal);
      await client.patch(labelsRequest(rollout, withoutStateLabels(view.labels ?? {})), signal);
    },
    shift: async (seen, percent, signal) => {
      const previous = seen.recorded?.previous ?? known.previous?.id ?? '';
      const fresh = freshOf(seen) ?? '';
      await client.patch(
        splitRequest(rollout, splitAt(percent, previous, fresh, othersSplit(seen.view))),
        signal,
      );
    },

    // While starting, the one operation is the new model's deploy.
    startFailed: (seen) => {
      const failed = operationFailed(seen);
      return (
        failed &&
        `deploying ${rollout.model} beside the previous model failed: ${failed}; no traffic reached it`
      );
    },

    // Past `startFailed` (the driver reads it first).
    async started(seen, state, signal): Promise<Progress> {
      const previous = seen.recorded?.previous ?? known.previous?.id;
      const fresh = freshFound(seen);
      if (fresh !== undefined && has(seen.view, fresh)) {
        known.fresh = fresh;
        return { kind: 'done' };
      }
      const old = previousOf(seen);
      if (!old)
        return {
          kind: 'failed',
          reason: `the previous DeployedModel ${previous} is no longer on endpoint ${rollout.endpoint}`,
        };
      // The deploy was lost before Vertex AI took it (no operation recorded), or Vertex AI refused it and the labels
      // outlived the refusal (their removal failed): send it again. Refused again, the canary never began: the
      // labels go and it fails in the start's words.
      const request = canaryDeployRequest(rollout, old, othersSplit(seen.view), rollout.capacity);
      try {
        await operate(seen, state, () => client.deployModel(request, signal), signal);
      } catch (error) {
        if (isTransient(error) || seen.operation !== undefined) throw error;
        return refusedStart(error, signal);
      }
      return {
        kind: 'working',
        phase: 'provisioning',
        message: `deploying ${rollout.model} beside DeployedModel ${old.id}`,
      };
    },

    async finished(seen, state, signal): Promise<Progress> {
      const failed = operationFailed(seen);
      if (failed)
        return failedOperation(
          seen,
          state,
          `undeploying the previous model failed: ${failed}. The new model serves the whole share, the previous one is still deployed; run shiftwise deploy FILE again to retry, or shiftwise abort FILE to roll back`,
          signal,
        );
      const previous = seen.recorded?.previous ?? known.previous?.id;
      if (!has(seen.view, previous)) return { kind: 'done' };
      const fresh = freshOf(seen) ?? '';
      const split = { ...othersSplit(seen.view), [fresh]: 100 - sum(othersSplit(seen.view)) };
      await operate(
        seen,
        state,
        () => client.undeployModel(undeployRequest(rollout, previous!, split), signal),
        signal,
      );
      return { kind: 'working', phase: 'terminating', message: `undeploying DeployedModel ${previous}` };
    },

    // The previous model's undeploy not sent yet, or failed (and forgotten by the run that saw it fail): it is still
    // deployed with its replicas. An undeploy that failed unseen is reported by `finished` first, which forgets it.
    oldModelStays: (seen) =>
      has(seen.view, seen.recorded?.previous ?? known.previous?.id) && !operationFailed(seen),

    async reverted(seen, state, signal): Promise<Progress> {
      const fresh = freshFound(seen);
      if (fresh !== undefined) known.fresh = fresh;
      const previous = seen.recorded?.previous ?? known.previous?.id ?? '';
      if (fresh === undefined || !has(seen.view, fresh)) {
        // A deploy still running when the rollback began: it is undeployed once it lands.
        if (fresh === undefined && seen.operation && !seen.operation.done)
          return { kind: 'working', phase: 'rolling-back', message: 'waiting for the deploy in flight' };
        // The deploy failed, or never began: there is nothing to undeploy, and the ending says which.
        if (fresh === undefined) known.deployFailed ??= operationFailed(seen);
        return { kind: 'done' };
      }
      const failed = operationFailed(seen);
      if (failed)
        return failedOperation(
          seen,
          state,
          `undeploying the new model (DeployedModel ${fresh}) failed: ${failed}. DeployedModel ${previous} has its whole share back; DeployedModel ${fresh} is still deployed, with no traffic; run shiftwise abort FILE to try again`,
          signal,
        );
      const kept = othersSplit(seen.view);
      if (seen.share.current !== 0) {
        await client.patch(splitRequest(rollout, splitAt(0, previous, fresh, kept)), signal);
        return {
          kind: 'working',
          phase: 'rolling-back',
          message: `DeployedModel ${previous} back on its whole share`,
        };
      }
      const split = { ...kept, [previous]: 100 - sum(kept) };
      await operate(
        seen,
        state,
        () => client.undeployModel(undeployRequest(rollout, fresh, split), signal),
        signal,
      );
      return { kind: 'working', phase: 'rolling-back', message: `undeploying DeployedModel ${fresh}` };
    },

    backOnOriginal: (seen, state) => {
      const fresh = freshFound(seen);
      return (
        has(seen.view, known.previous?.id ?? state.original) &&
        (fresh === undefined || !has(seen.view, fresh))
      );
    },

    firingAlarm: async () => undefined,

    series: (check, window, signal) =>
      vertexSeries(
        client,
        rollout,
        check,
        window,
        { fresh: known.fresh ?? '', previous: known.previous?.id ?? '' },
        signal,
      ),

    succeeded: (seen) =>
      `endpoint ${rollout.endpoint} serves ${rollout.model} (DeployedModel ${freshOf(seen) ?? '?'}) with the previous model's whole share; DeployedModel ${seen.recorded?.previous ?? known.previous?.id} undeployed, after ${steps.length} steps run by Shiftwise`,
    rolledBack: (seen, state) =>
      `${state.reason ?? 'rolled back'}; endpoint ${rollout.endpoint} is back on DeployedModel ${seen.recorded?.previous ?? known.previous?.id} with its whole share, ${newModelEnd(seen)}`,
  };

  const driver = stepsDriver(backend, {
    steps,
    watched: bakesWatched(rollout),
    checks: rollout.analysis ?? [],
    mode,
    ...(rollout.timeoutSeconds !== undefined && { timeoutSeconds: rollout.timeoutSeconds }),
  });

  return {
    name: 'Vertex AI',

    async preflight(signal): Promise<Preflight> {
      try {
        if (!(await tokens.token(signal)))
          return {
            kind: 'refused',
            reason: 'no Google credentials: set SHIFTWISE_VERTEX_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS',
          };
      } catch (error) {
        if (error instanceof GoogleAuthError && error.status < 500)
          return { kind: 'refused', reason: `Google credentials: ${error.message}` };
        throw error;
      }
      const seen = await orNotFound(look(signal));
      if (seen === undefined) return { kind: 'refused', reason: endpointNotFound(rollout) };
      const state = seen.recorded;
      if (state) {
        known.previous = previousOf(seen) ?? { id: state.previous };
        if (state.rollout !== recordedName(rollout))
          return {
            kind: 'refused',
            reason: `endpoint ${rollout.endpoint} is in the middle of rollout ${state.rollout} (step ${state.step}, ${state.state}); finish it with shiftwise promote or abort on its own file first`,
          };
        if (state.digest !== digest && mode !== 'abort')
          return {
            kind: 'refused',
            reason: `the file changed since rollout ${state.rollout} started on endpoint ${rollout.endpoint} (now at step ${state.step}, ${state.state}): restore the file to go on, or run shiftwise abort FILE`,
          };
        return {
          kind: 'in-flight',
          detail: `rollout ${rollout.name} stands at step ${state.step} of ${steps.length} (${state.state}): ${mode === 'abort' ? 'rolling it back' : 'going on from there'}`,
          resumed: resumedFrom(state),
        };
      }
      if (mode !== 'deploy')
        return {
          kind: 'refused',
          reason: `no Shiftwise rollout is in progress on endpoint ${rollout.endpoint}: nothing to ${mode}`,
        };
      const deployed = models(seen.view);
      const split = seen.view.trafficSplit ?? {};
      if (
        deployed.length >= 1 &&
        deployed.every((m) => m.model === rollout.model || others.has(m.id)) &&
        deployed.some((m) => m.model === rollout.model)
      )
        return {
          kind: 'already-done',
          detail: `endpoint ${rollout.endpoint} already serves ${rollout.model}: nothing to do`,
        };
      const candidates = deployed.filter((m) => !others.has(m.id));
      const previous =
        rollout.previousDeployedModel !== undefined
          ? deployed.find((m) => m.id === rollout.previousDeployedModel)
          : candidates.length === 1
            ? candidates[0]
            : undefined;
      if (!previous)
        return {
          kind: 'refused',
          reason:
            rollout.previousDeployedModel !== undefined
              ? `DeployedModel ${rollout.previousDeployedModel} is not on endpoint ${rollout.endpoint}: fix previousDeployedModel`
              : `endpoint ${rollout.endpoint} serves ${candidates.length} models the file does not account for: name the one to replace in previousDeployedModel and the others in otherDeployedModels`,
        };
      const unaccounted = deployed.filter((m) => m.id !== previous.id && !others.has(m.id)).map((m) => m.id);
      const missing = [...others].filter((id) => !deployed.some((m) => m.id === id));
      if (unaccounted.length > 0 || missing.length > 0)
        return {
          kind: 'refused',
          reason:
            unaccounted.length > 0
              ? `endpoint ${rollout.endpoint} also serves DeployedModel ${unaccounted.join(', ')} (${unaccounted.map((id) => `${split[id] ?? 0}%`).join(', ')}), which the file does not name: list ${unaccounted.length === 1 ? 'it' : 'them'} in otherDeployedModels to keep ${unaccounted.length === 1 ? 'its' : 'their'} share, or undeploy ${unaccounted.length === 1 ? 'it' : 'them'} first`
              : `otherDeployedModels names ${missing.join(', ')}, which endpoint ${rollout.endpoint} does not serve: fix otherDeployedModels`,
        };
      known.previous = previous;
      const kept = othersSplit(seen.view);
      const found: Found = { provider: 'vertex-ai', previous, others: kept };
      const capacity = rollout.capacity ?? previous.dedicatedResources?.minReplicaCount;
      return {
        kind: 'ready',
        ...(capacity !== undefined && { capacity }),
        checks: [
          `endpoint ${rollout.endpoint}: DeployedModel ${previous.id} (${previous.model ?? '?'}) with ${split[previous.id] ?? 0}% of traffic${others.size > 0 ? `; ${[...others].map((id) => `${id} keeps ${kept[id] ?? 0}%`).join(', ')}` : ''}`,
        ],
        found,
      };
    },

    async start(plan, signal) {
      const seen = await look(signal);
      if (seen.recorded) return; // a retry after a lost answer: the rollout is recorded, observe goes on from it
      if (plan.request.operation !== 'deployModel')
        throw new Error('a Vertex AI canary starts with deployModel');
      const at = new Date(seen.now).toISOString();
      const state = {
        rollout: recordedName(rollout),
        digest,
        original: known.previous?.id ?? '',
        step: 0,
        state: 'starting' as const,
        since: at,
        stretch: at,
      };
      await record(seen, state, signal);
      const request = plan.request;
      try {
        await operate(await look(signal), state, () => client.deployModel(request, signal), signal);
      } catch (error) {
        // Refused (a quota, a missing model): nothing runs, so nothing may stay recorded, or every later deploy
        // would attach to a canary that never began. A lost answer is retried: the start finds the labels.
        // The refusal is what the user needs to read, even if removing the state failed too.
        if (!isTransient(error)) await backend.clear(signal).catch(() => undefined);
        throw error;
      }
    },

    observe: (signal) => driver.observe(signal),
    analysis: () => driver.analysis(),
  };
}

const sum = (split: Readonly<Record<string, number>>) => Object.values(split).reduce((n, v) => n + v, 0);
