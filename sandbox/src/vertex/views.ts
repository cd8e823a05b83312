import type { Json } from '../http/input.js';
import {
  type DeployedModelRecord,
  type OperationRecord,
  oldReplicas,
  rolloutAt,
  type VertexEndpointRecord,
} from './records.js';
import { newShare } from './rollout.js';
import { iso, settle, typeOf, type VertexState } from './state.js';

export function endpointView(endpoint: VertexEndpointRecord, now: number, all: boolean): Json {
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
    ...(Object.keys(endpoint.labels).length > 0 && { labels: endpoint.labels }),
    etag: etagOf(endpoint),
    createTime: iso(endpoint.createdAt),
    updateTime: iso(endpoint.updatedAt),
  };
}

/** The endpoint's etag: it changes with every change of the endpoint. */
export function etagOf(endpoint: VertexEndpointRecord): string {
  const text = JSON.stringify([
    endpoint.deployedModels.map((m) => m.id),
    endpoint.trafficSplit,
    endpoint.labels,
  ]);
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return `"${endpoint.updatedAt.toString(36)}${hash.toString(36)}"`;
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
      maxReplicaCount: Math.max(m.replicas, m.maxReplicas ?? 0),
    },
    ...(m.rolloutOptions ? { rolloutOptions: m.rolloutOptions } : {}),
    status: {
      ...(live?.message ? { message: live.message } : {}),
      lastUpdateTime: iso(at),
      availableReplicaCount: live?.ready ?? m.replicas,
    },
  };
}

export function operationView(state: VertexState, op: OperationRecord, now: number): Json {
  const endpoint = state.endpoints.get(op.endpoint);
  if (endpoint) settle(state, endpoint, now);
  const done = op.doneAt !== undefined && op.doneAt <= now;
  return {
    name: op.name,
    metadata: {
      '@type': typeOf(op.api, `${op.kind}OperationMetadata`),
      genericMetadata: { createTime: iso(op.startedAt), updateTime: iso(done ? op.doneAt! : now) },
    },
    done,
    ...(done && op.error ? { error: op.error } : {}),
    ...(done && op.response ? { response: op.response } : {}),
  };
}
