import type { SandboxClock } from '../clock.js';
import { ServiceError } from '../errors.js';
import { parseJsonObject } from '../http/body.js';
import type { Json } from '../http/input.js';
import type { VertexControl, VertexSeedEndpoint } from './control.js';
import { deployModel, undeployModel } from './deploy.js';
import {
  type DeployedModelRecord,
  type OperationRecord,
  oldReplicas,
  rolloutAt,
  type VertexEndpointRecord,
} from './records.js';
import { defaultVertexTimings, newShare, type VertexTimings } from './rollout.js';

export interface VertexState {
  endpoints: Map<string, VertexEndpointRecord>;
  models: Map<string, { name: string; displayName: string; createdAt: number }>;
  operations: Map<string, OperationRecord>;
  timings: VertexTimings;
  /** Model resource names (or '*') whose new replicas never become ready. */
  neverReady: Set<string>;
  nextId: number;
}

export interface VertexService {
  state: VertexState;
  control: VertexControl;
  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Buffer,
  ): { status: number; body: unknown };
}

const API = 'type.googleapis.com/google.cloud.aiplatform.v1beta1';
export const iso = (ms: number) => new Date(ms).toISOString();
export const notFound = (what: string) => new ServiceError(404, 'NOT_FOUND', `${what} not found.`);
export const invalid = (message: string) => new ServiceError(400, 'INVALID_ARGUMENT', message);

/**
 * Vertex AI REST (v1beta1) for rolling deployments: endpoints get (with `allDeploymentStates`),
 * `:deployModel` with `rolloutOptions` and `:undeployModel` as long-running operations,
 * operations get, models get. Errors are Google error bodies.
 */
export function createVertex(clock: SandboxClock): VertexService {
  const state: VertexState = {
    endpoints: new Map(),
    models: new Map(),
    operations: new Map(),
    timings: { ...defaultVertexTimings },
    neverReady: new Set(),
    nextId: 1000,
  };
  const settleAll = () => {
    for (const endpoint of state.endpoints.values()) settle(state, endpoint, clock.now());
  };
  const handle = (method: string, path: string, query: URLSearchParams, body: Buffer) => {
    settleAll();
    const route = path.replace(/^\/v1(beta1)?\//, '').replace(/%40/gi, '@');
    const action =
      /^(projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/:]+):(deployModel|undeployModel)$/.exec(route);
    if (action && method === 'POST') {
      const endpoint = endpointNamed(state, action[1]!);
      const input = parseJsonObject(body);
      const op =
        action[2] === 'deployModel'
          ? deployModel(state, endpoint, input, clock.now())
          : undeployModel(state, endpoint, input, clock.now());
      return { status: 200, body: operationView(state, op, clock.now()) };
    }
    if (method !== 'GET') throw new ServiceError(404, 'NOT_FOUND', `No route for ${method} ${path}.`);
    if (/^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+\/operations\/[^/]+$/.test(route)) {
      const op = state.operations.get(route);
      if (!op) throw notFound(`Operation ${route}`);
      return { status: 200, body: operationView(state, op, clock.now()) };
    }
    if (/^projects\/[^/]+\/locations\/[^/]+\/endpoints\/[^/]+$/.test(route)) {
      const all = query.get('allDeploymentStates') === 'true';
      return { status: 200, body: endpointView(endpointNamed(state, route), clock.now(), all) };
    }
    if (/^projects\/[^/]+\/locations\/[^/]+\/models\/[^/]+$/.test(route)) {
      const [name, version] = route.split('@');
      const model = state.models.get(name!);
      if (!model) throw notFound(`Model ${route}`);
      return {
        status: 200,
        body: {
          name: model.name,
          displayName: model.displayName,
          versionId: version ?? '1',
          createTime: iso(model.createdAt),
        },
      };
    }
    throw new ServiceError(
      404,
      'NOT_FOUND',
      `No route for GET ${path}; served: endpoints get, :deployModel, :undeployModel, operations get, models get under /v1beta1/projects/P/locations/L/.`,
    );
  };
  return { state, control: vertexControl(state, clock), handle };
}

function endpointNamed(state: VertexState, name: string): VertexEndpointRecord {
  const endpoint = state.endpoints.get(name);
  if (!endpoint) throw notFound(`Endpoint \`${name}\``);
  return endpoint;
}

/** Brings an endpoint's rollout up to `now`: a finished one is applied at the instant it finished. */
export function settle(state: VertexState, endpoint: VertexEndpointRecord, now: number): void {
  const rollout = endpoint.rollout;
  if (!rollout) return;
  const view = rolloutAt(rollout, now);
  if (!view.outcome) return;
  const { at, ok, message } = view.outcome;
  const replaced = new Set(rollout.olds.map((o) => o.id));
  const op = state.operations.get(rollout.operation)!;
  op.doneAt = at;
  if (ok) {
    const moved = [...replaced].reduce((n, id) => n + (endpoint.trafficSplit[id] ?? 0), 0);
    endpoint.deployedModels = endpoint.deployedModels.filter((m) => !replaced.has(m.id));
    rollout.added.replicas = rollout.target;
    const split = Object.fromEntries(
      Object.entries(endpoint.trafficSplit).filter(([id]) => !replaced.has(id)),
    );
    endpoint.trafficSplit = rollout.splitAfter ?? { ...split, [rollout.added.id]: moved || 100 };
    op.response = {
      '@type': `${API}.DeployModelResponse`,
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

function endpointView(endpoint: VertexEndpointRecord, now: number, all: boolean): Json {
  const rollout = endpoint.rollout;
  const view = rollout ? rolloutAt(rollout, now) : undefined;
  const olds = rollout && view ? oldReplicas(rollout, view.old) : new Map<string, number>();
  const models = endpoint.deployedModels
    .filter((m) => all || m.id !== rollout?.added.id)
    .map((m) => {
      const ready = m.id === rollout?.added.id ? view!.ready : (olds.get(m.id) ?? m.replicas);
      const message = m.id === rollout?.added.id ? view!.message : undefined;
      return deployedModelView(m, endpoint.updatedAt, { ready, ...(message ? { message } : {}) });
    });
  return {
    name: endpoint.name,
    displayName: endpoint.displayName,
    deployedModels: models,
    trafficSplit: rollout && view ? rolloutSplit(endpoint, view.ready, olds) : endpoint.trafficSplit,
    etag: `"${endpoint.updatedAt.toString(36)}"`,
    createTime: iso(endpoint.createdAt),
    updateTime: iso(endpoint.updatedAt),
  };
}

/** Traffic follows ready replicas: the replaced models' share goes to the new one in proportion. */
function rolloutSplit(
  endpoint: VertexEndpointRecord,
  ready: number,
  olds: Map<string, number>,
): Record<string, number> {
  const rollout = endpoint.rollout!;
  if (rollout.olds.length === 0) return rollout.splitBefore;
  const replaced = new Set(rollout.olds.map((o) => o.id));
  const pool = [...replaced].reduce((n, id) => n + (rollout.splitBefore[id] ?? 0), 0) || 100;
  const oldReady = [...olds.values()].reduce((a, b) => a + b, 0);
  const toNew = Math.round((pool * newShare(oldReady, ready)) / 100);
  const split: Record<string, number> = {};
  for (const [id, share] of Object.entries(rollout.splitBefore)) if (!replaced.has(id)) split[id] = share;
  let left = pool - toNew;
  const entries = [...olds.entries()].filter(([, n]) => n > 0);
  entries.forEach(([id, n], i) => {
    const share = i === entries.length - 1 ? left : Math.round(((pool - toNew) * n) / Math.max(1, oldReady));
    split[id] = share;
    left -= share;
  });
  split[rollout.added.id] = toNew;
  return Object.fromEntries(Object.entries(split).filter(([, v]) => v > 0));
}

export function deployedModelView(
  m: DeployedModelRecord,
  at: number,
  live?: { ready: number; message?: string },
): Json {
  return {
    id: m.id,
    model: m.model,
    displayName: m.displayName,
    createTime: iso(m.createdAt),
    dedicatedResources: {
      machineSpec: { machineType: m.machineType },
      minReplicaCount: m.replicas,
      maxReplicaCount: m.replicas,
    },
    ...(m.rolloutOptions ? { rolloutOptions: m.rolloutOptions } : {}),
    status: {
      ...(live?.message ? { message: live.message } : {}),
      lastUpdateTime: iso(at),
      availableReplicaCount: live?.ready ?? m.replicas,
    },
  };
}

function operationView(state: VertexState, op: OperationRecord, now: number): Json {
  const endpoint = state.endpoints.get(op.endpoint);
  if (endpoint) settle(state, endpoint, now);
  const done = op.doneAt !== undefined && op.doneAt <= now;
  return {
    name: op.name,
    metadata: {
      '@type': `${API}.${op.kind}OperationMetadata`,
      genericMetadata: { createTime: iso(op.startedAt), updateTime: iso(done ? op.doneAt! : now) },
    },
    done,
    ...(done && op.error ? { error: op.error } : {}),
    ...(done && op.response ? { response: op.response } : {}),
  };
}

function vertexControl(state: VertexState, clock: SandboxClock): VertexControl {
  const seedModel = ({ name, displayName }: { name: string; displayName?: string }) => {
    const base = name.split('@')[0]!;
    state.models.set(base, {
      name: base,
      displayName: displayName ?? base.split('/').pop()!,
      createdAt: clock.now(),
    });
    return { name: base };
  };
  return {
    seedModel,
    seedEndpoint(input: VertexSeedEndpoint) {
      const name = `projects/${input.project}/locations/${input.location}/endpoints/${input.id}`;
      const now = clock.now();
      const deployed = (input.deployedModels ?? []).map((d) => {
        if (!state.models.has(d.model.split('@')[0]!)) seedModel({ name: d.model });
        return {
          id: d.id,
          model: d.model,
          displayName: d.model.split('/').pop()!,
          createdAt: now,
          replicas: d.replicas ?? 1,
          machineType: d.machineType ?? 'n1-standard-4',
        };
      });
      const even = Object.fromEntries(
        deployed.map((d, i) => [
          d.id,
          Math.floor(100 / deployed.length) + (i === 0 ? 100 % deployed.length : 0),
        ]),
      );
      state.endpoints.set(name, {
        name,
        displayName: input.displayName ?? `endpoint-${input.id}`,
        createdAt: now,
        updatedAt: now,
        deployedModels: deployed,
        trafficSplit: input.trafficSplit ?? even,
      });
      return { name };
    },
    replicasNeverReady({ model, enabled }) {
      const key = model?.split('@')[0] ?? '*';
      if (enabled === false) state.neverReady.delete(key);
      else state.neverReady.add(key);
    },
  };
}
