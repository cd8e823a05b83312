import { ServiceError } from '../errors.js';
import {
  type OperationRecord,
  rolloutAt,
  rolloutTransitions,
  type VertexApi,
  type VertexEndpointRecord,
} from './records.js';
import type { VertexTimings } from './rollout.js';
import { deployedModelView } from './views.js';

export interface VertexState {
  endpoints: Map<string, VertexEndpointRecord>;
  models: Map<string, { name: string; displayName: string; createdAt: number }>;
  operations: Map<string, OperationRecord>;
  timings: VertexTimings;
  /** Model resource names (or '*') whose new replicas never become ready. */
  neverReady: Set<string>;
  nextId: number;
}

/** The `@type` prefix of Vertex AI's messages in API version `api`. */
export const typeOf = (api: VertexApi, message: string) =>
  `type.googleapis.com/google.cloud.aiplatform.${api}.${message}`;
export const iso = (ms: number) => new Date(ms).toISOString();
export const notFound = (what: string) => new ServiceError(404, 'NOT_FOUND', `${what} not found.`);
export const invalid = (message: string) => new ServiceError(400, 'INVALID_ARGUMENT', message);

/**
 * Brings an endpoint up to `now`: a finished rollout is applied at the instant it finished, and DeployedModels whose
 * undeploy ended are gone.
 */
export function settle(state: VertexState, endpoint: VertexEndpointRecord, now: number): void {
  const gone = endpoint.undeploying.filter((u) => u.doneAt <= now);
  if (gone.length > 0) {
    const ids = new Set(gone.map((u) => u.id));
    endpoint.deployedModels = endpoint.deployedModels.filter((m) => !ids.has(m.id));
    endpoint.undeploying = endpoint.undeploying.filter((u) => !ids.has(u.id));
    endpoint.updatedAt = Math.max(endpoint.updatedAt, ...gone.map((u) => u.doneAt));
  }
  const rollout = endpoint.rollout;
  if (!rollout) return;
  const view = rolloutAt(rollout, now);
  if (!view.outcome) return;
  const { at, ok, message } = view.outcome;
  const replaced = new Set(rollout.olds.map((o) => o.id));
  const op = state.operations.get(rollout.operation)!;
  op.doneAt = at;
  endpoint.history.push(...rolloutTransitions(rollout, at));
  if (ok) {
    const moved = [...replaced].reduce((n, id) => n + (endpoint.trafficSplit[id] ?? 0), 0);
    endpoint.deployedModels = endpoint.deployedModels.filter((m) => !replaced.has(m.id));
    rollout.added.replicas = rollout.target;
    const split = Object.fromEntries(
      Object.entries(endpoint.trafficSplit).filter(([id]) => !replaced.has(id)),
    );
    endpoint.trafficSplit = rollout.splitAfter ?? { ...split, [rollout.added.id]: moved || 100 };
    op.response = {
      '@type': typeOf(op.api, 'DeployModelResponse'),
      deployedModel: deployedModelView(rollout.added, at),
    };
  } else {
    endpoint.deployedModels = endpoint.deployedModels.filter((m) => m.id !== rollout.added.id);
    endpoint.trafficSplit = rollout.splitBefore;
    op.error = { code: 9, message: message ?? 'Rolling deployment failed.' };
  }
  endpoint.rollout = undefined;
  endpoint.updatedAt = at;
}
