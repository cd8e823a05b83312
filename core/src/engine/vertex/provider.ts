import type { VertexRollout } from '../../model.js';
import type { Plan } from '../../plan/types.js';
import type { Observation, Preflight, Provider } from '../provider.js';
import { GoogleAuthError, googleTokenSource, type TokenSource } from './google-token.js';

export interface VertexOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where bearer tokens come from; default: `googleTokenSource(env)`. */
  readonly tokens?: TokenSource;
}

type Json = Record<string, unknown>;

interface DeployedModel {
  readonly id: string;
  readonly model?: string;
  readonly dedicatedResources?: Json & { minReplicaCount?: number };
  readonly status?: { availableReplicaCount?: number; message?: string };
}

interface Operation {
  readonly name: string;
  readonly done?: boolean;
  readonly error?: { code?: number; message?: string };
  readonly response?: { deployedModel?: DeployedModel };
}

/** A Vertex AI REST error, with the HTTP status the retry rules read. */
class VertexError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = status === 429 ? 'TooManyRequestsException' : 'VertexError';
  }
}

/**
 * Vertex AI (v1beta1 REST) behind the Provider interface (docs/engine.md): `deployModel` with `rolloutOptions`,
 * watched through the endpoint (`allDeploymentStates=true`) and the long-running operation; revert = a rolling
 * deployment of the previous model whose `previousDeployedModel` is the one in flight.
 * Base URL: SHIFTWISE_VERTEX_ENDPOINT, else `https://{location}-aiplatform.googleapis.com`. Token:
 * SHIFTWISE_VERTEX_TOKEN, else a small subset of Google application default credentials (`googleTokenSource`).
 */
export function vertexProvider(rollout: VertexRollout, options: VertexOptions = {}): Provider {
  const env = options.env ?? process.env;
  const base = (
    env.SHIFTWISE_VERTEX_ENDPOINT ?? `https://${rollout.location}-aiplatform.googleapis.com`
  ).replace(/\/$/, '');
  const tokens = options.tokens ?? googleTokenSource(env);
  const endpointPath = `projects/${rollout.project}/locations/${rollout.location}/endpoints/${rollout.endpoint}`;
  let previous: DeployedModel | undefined;
  let operation: string | undefined;
  let revertOperation: string | undefined;
  /** Our revert is running but its answer was lost: it is watched through the endpoint. */
  let revertUnseen = false;

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    const token = await tokens.token(signal);
    const response = await fetch(`${base}/v1beta1/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal && { signal }),
    });
    const text = await response.text();
    if (!response.ok) {
      const message = (() => {
        try {
          return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
        } catch {
          return text;
        }
      })();
      throw new VertexError(response.status, `Vertex AI ${response.status}: ${message.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
  }

  const endpoint = (signal?: AbortSignal) =>
    request<{ deployedModels?: DeployedModel[]; trafficSplit?: Record<string, number> }>(
      'GET',
      `${endpointPath}?allDeploymentStates=true`,
      undefined,
      signal,
    );

  return {
    name: 'Vertex AI',

    async preflight(signal): Promise<Preflight> {
      let credentials: string | undefined;
      try {
        credentials = (await tokens.token(signal)) && (await tokens.describe());
      } catch (error) {
        if (error instanceof GoogleAuthError && error.status < 500)
          return { kind: 'refused', reason: `Google credentials: ${error.message}` };
        throw error;
      }
      if (!credentials)
        return {
          kind: 'refused',
          reason:
            'no Google credentials: set SHIFTWISE_VERTEX_TOKEN (gcloud auth print-access-token), or GOOGLE_APPLICATION_CREDENTIALS to a service-account key, or run gcloud auth application-default login',
        };
      let view: Awaited<ReturnType<typeof endpoint>>;
      try {
        view = await endpoint(signal);
      } catch (error) {
        if (error instanceof VertexError && error.status === 404)
          return {
            kind: 'refused',
            reason: `endpoint ${rollout.endpoint} not found in ${rollout.project}/${rollout.location}`,
          };
        throw error;
      }
      const models = view.deployedModels ?? [];
      const serving = models.filter((m) => (view.trafficSplit?.[m.id] ?? 0) > 0);
      if (
        serving.length === 1 &&
        serving[0]!.model === rollout.model &&
        view.trafficSplit?.[serving[0]!.id] === 100
      )
        return {
          kind: 'already-done',
          detail: `endpoint ${rollout.endpoint} already serves ${rollout.model}: nothing to do`,
        };
      // The model to replace: the one the file names, else the only one that is not this rollout's own model
      // (a rollout of it already in flight puts a second DeployedModel on the endpoint).
      const wanted = rollout.previousDeployedModel;
      const others = models.filter((m) => m.model !== rollout.model);
      previous =
        wanted !== undefined
          ? models.find((m) => m.id === wanted)
          : others.length === 1
            ? others[0]
            : undefined;
      if (!previous)
        return {
          kind: 'refused',
          reason:
            wanted !== undefined
              ? `DeployedModel ${wanted} is not on endpoint ${rollout.endpoint}: fix \`previousDeployedModel\``
              : `endpoint ${rollout.endpoint} has ${others.length} deployed models besides ${rollout.model}: name the one to replace in \`previousDeployedModel\``,
        };
      const capacity = previous.dedicatedResources?.minReplicaCount ?? previous.status?.availableReplicaCount;
      const inFlight = models.find((m) => m.id !== previous!.id && m.model === rollout.model);
      if (inFlight)
        return {
          kind: 'in-flight',
          detail: `a rollout of ${rollout.model} (DeployedModel ${inFlight.id}) is already running: watching it`,
          ...(capacity !== undefined && { capacity }),
        };
      return {
        kind: 'ready',
        ...(capacity !== undefined && { capacity }),
        checks: [
          `credentials: ${credentials}`,
          `endpoint ${rollout.endpoint} serves DeployedModel ${previous.id} (${previous.model})`,
          `${capacity ?? '?'} replica(s)`,
        ],
      };
    },

    async start(plan: Plan, signal) {
      const body = plan.request as { deployedModel: Json & { rolloutOptions: Json } };
      const sent = {
        ...body,
        deployedModel: {
          ...body.deployedModel,
          ...(previous?.dedicatedResources && { dedicatedResources: previous.dedicatedResources }),
          rolloutOptions: { ...body.deployedModel.rolloutOptions, previousDeployedModel: previous?.id },
        },
      };
      operation = (await request<Operation>('POST', `${endpointPath}:deployModel`, sent, signal)).name;
    },

    async observe(signal): Promise<Observation> {
      if (revertUnseen) return observeRevert(signal);
      const watched = revertOperation ?? operation;
      if (watched) {
        const op = await request<Operation>('GET', watched, undefined, signal);
        if (op.done) {
          if (revertOperation)
            return op.error
              ? {
                  kind: 'failed',
                  reason: `the revert failed: ${op.error.message ?? `code ${op.error.code}`}`,
                }
              : { kind: 'rolled-back', reason: `reverted to ${previous?.model ?? 'the previous model'}` };
          return op.error
            ? {
                kind: 'rolled-back',
                reason: `Vertex AI stopped the rollout and kept the previous model: ${op.error.message ?? `code ${op.error.code}`}`,
              }
            : {
                kind: 'succeeded',
                message: `${rollout.model} serves all traffic on endpoint ${rollout.endpoint}`,
              };
        }
      }
      const view = await endpoint(signal);
      const models = view.deployedModels ?? [];
      const added = models.find((m) => m.id !== previous?.id && m.model === rollout.model);
      if (!watched) {
        // Attached to a rollout started elsewhere: decide from the endpoint alone. Done means what the operation's
        // end means: all traffic on the new model and the previous one undeployed.
        const split = view.trafficSplit ?? {};
        if (added && split[added.id] === 100 && models.length === 1)
          return { kind: 'succeeded', message: `${rollout.model} serves all traffic` };
        if (!added)
          return { kind: 'rolled-back', reason: `${rollout.model} is no longer deployed on the endpoint` };
      }
      const traffic = added ? (view.trafficSplit?.[added.id] ?? 0) : 0;
      return {
        kind: 'progress',
        phase: revertOperation ? 'rolling-back' : traffic > 0 ? 'shifting' : 'provisioning',
        trafficPercent: traffic,
        ...(added?.status?.message && { message: added.status.message }),
      };
    },

    async revert(signal) {
      const view = await endpoint(signal);
      const added = (view.deployedModels ?? []).find(
        (m) => m.id !== previous?.id && m.model === rollout.model,
      );
      if (!added || !previous?.model) return;
      // A second DeployedModel of the previous model: our revert, whose answer was lost, is already running.
      const former = previous.model;
      if ((view.deployedModels ?? []).some((m) => m.id !== previous?.id && m.model === former)) {
        revertUnseen = true;
        return;
      }
      const body = {
        deployedModel: {
          model: previous.model,
          displayName: `${rollout.name} (revert)`,
          ...(previous.dedicatedResources && { dedicatedResources: previous.dedicatedResources }),
          rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0, previousDeployedModel: added.id },
        },
      };
      revertOperation = (await request<Operation>('POST', `${endpointPath}:deployModel`, body, signal)).name;
    },
  };

  /** A revert watched through the endpoint alone: done when the previous model takes all traffic, alone. */
  async function observeRevert(signal?: AbortSignal): Promise<Observation> {
    const view = await endpoint(signal);
    const models = view.deployedModels ?? [];
    const back = models.find((m) => m.model === previous?.model && view.trafficSplit?.[m.id] === 100);
    if (back && models.length === 1)
      return { kind: 'rolled-back', reason: `reverted to ${previous?.model ?? 'the previous model'}` };
    const added = models.find((m) => m.id !== previous?.id && m.model === rollout.model);
    return {
      kind: 'progress',
      phase: 'rolling-back',
      trafficPercent: added ? (view.trafficSplit?.[added.id] ?? 0) : 0,
    };
  }
}
