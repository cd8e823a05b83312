import type { VertexRollout } from '../../model.js';
import type { DeployedModel } from '../../plan/vertex-api.js';
import { vertexEndpointName, vertexRevertRequest } from '../../plan/vertex-request.js';
import type { Observation, Preflight, Provider } from '../provider.js';
import { endpointNotFound, orNotFound, vertexClient } from './client.js';
import { GoogleAuthError, googleTokenSource, type TokenSource } from './google-token.js';
import { rolloutInProgress } from './in-progress.js';
import { observeVertexEndpoint, operationEnded, type VertexWatch } from './observe.js';
import { rollingAnalysis } from './rolling-analysis.js';

export interface VertexOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where bearer tokens come from; default: `googleTokenSource(env)`. */
  readonly tokens?: TokenSource;
}

/**
 * Vertex AI (v1beta1 REST) behind the Provider interface (docs/engine.md): `deployModel` with `rolloutOptions`,
 * watched through the endpoint (`allDeploymentStates=true`) and the long-running operation; revert = a rolling
 * deployment of the previous model whose `previousDeployedModel` is the one in flight. Preflight reports the
 * DeployedModel to replace; the planner builds both requests from it (`vertexRequest`, `vertexRevertRequest`).
 * Base URL: SHIFTWISE_VERTEX_ENDPOINT, else `https://{location}-aiplatform.googleapis.com`. Token:
 * SHIFTWISE_VERTEX_TOKEN, else a small subset of Google application default credentials (`googleTokenSource`).
 */
export function vertexProvider(rollout: VertexRollout, options: VertexOptions = {}): Provider {
  const env = options.env ?? process.env;
  const tokens = options.tokens ?? googleTokenSource(env);
  const client = vertexClient({
    base: env.SHIFTWISE_VERTEX_ENDPOINT ?? `https://${rollout.location}-aiplatform.googleapis.com`,
    tokens,
    endpointName: vertexEndpointName(rollout),
  });
  const analysis = rollingAnalysis(rollout, env, tokens);
  let previous: DeployedModel | undefined;
  let operation: string | undefined;
  let revertOperation: string | undefined;
  /** Our revert is running but its answer was lost: it is watched through the endpoint. */
  let revertUnseen = false;

  const watch = (): VertexWatch => ({
    model: rollout.model,
    endpoint: rollout.endpoint,
    ...(previous && { previous }),
    watching: revertUnseen
      ? 'revert-unseen'
      : revertOperation
        ? 'revert'
        : operation
          ? 'rollout'
          : 'attached',
  });

  /** Undoes the rollout in flight: a rolling deployment of the previous model over the new one. */
  async function revert(signal?: AbortSignal): Promise<void> {
    const view = await client.endpoint(signal);
    const models = view.deployedModels ?? [];
    const added = models.find((m) => m.id !== previous?.id && m.model === rollout.model);
    const former = previous?.model;
    if (!added || !previous || former === undefined) return;
    // A second DeployedModel of the previous model: our revert, whose answer was lost, is already running.
    if (models.some((m) => m.id !== previous?.id && m.model === former)) {
      revertUnseen = true;
      return;
    }
    const request = vertexRevertRequest(rollout, { ...previous, model: former }, added.id);
    revertOperation = (await client.deployModel(request, signal)).name;
  }

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
      const view = await orNotFound(client.endpoint(signal));
      if (view === undefined) return { kind: 'refused', reason: endpointNotFound(rollout) };
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
      // A revert of this file's model, or a rollout the file cannot tell from one, is not crossed.
      const inProgress = rolloutInProgress(models, rollout);
      if (inProgress !== undefined) return { kind: 'refused', reason: inProgress };
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
      const found = { provider: 'vertex-ai', previous } as const;
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
        found,
      };
    },

    async start(plan, signal) {
      if (plan.request.provider !== 'vertex-ai')
        throw new Error(`a ${plan.request.provider} plan cannot be sent to Vertex AI`);
      operation = (await client.deployModel(plan.request, signal)).name;
    },

    async observe(signal) {
      const watched = revertUnseen ? undefined : (revertOperation ?? operation);
      let ended: Observation | undefined;
      if (watched) {
        ended = operationEnded(await client.operation(watched, signal), watch());
        if (ended && !(ended.kind === 'succeeded' && analysis.watching())) return analysis.reasoned(ended);
      }
      const seen = ended ?? observeVertexEndpoint(await client.endpoint(signal), watch());
      // Analysis watches the new DeployedModel while it rolls and for a while after; a breach reverts it.
      if (
        revertOperation ||
        revertUnseen ||
        !analysis.watching() ||
        (seen.kind !== 'progress' && seen.kind !== 'succeeded')
      )
        return analysis.reasoned(seen);
      const verdict = await analysis.look(previous?.id, seen.kind === 'succeeded', signal);
      if (verdict.kind === 'breach') {
        await revert(signal);
        return { kind: 'progress', phase: 'rolling-back', message: `reverting: ${verdict.reason}` };
      }
      if (verdict.kind === 'holding')
        return {
          kind: 'progress',
          phase: 'baking',
          message: verdict.message,
          bakeEndsAt: verdict.until,
          observedAt: verdict.now,
        };
      return seen;
    },

    analysis: () => analysis.verdicts(),

    revert,
  };
}
