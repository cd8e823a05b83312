import type { SandboxClock } from '../clock.js';
import { rolloutTransitions, type VertexTransition } from './records.js';
import { readLabels } from './requests.js';
import { notFound, settle, type VertexState } from './state.js';

/** Control of the Vertex AI emulator (seeding, the "replicas never ready" switch). */
export interface VertexControl {
  /** An endpoint with `deployedModels` (each `{ id, model, replicas }`) and an even or given traffic split. */
  seedEndpoint(input: VertexSeedEndpoint): { name: string };
  /** A model resource (`projects/P/locations/L/models/M`, version `@N` allowed). */
  seedModel(input: { name: string; displayName?: string }): { name: string };
  /** Replicas of `model` (default: any model) never become ready: rollouts fail and revert. */
  replicasNeverReady(input: { model?: string; enabled?: boolean }): void;
  /** Every rollout transition of an endpoint (full name or numeric ID) up to now, oldest first. */
  transitions(input: { endpoint: string }): VertexTransition[];
  /** The labels of an endpoint (full name or numeric ID), as `endpoints.get` holds them. */
  labels(input: { endpoint: string }): Record<string, string>;
}

export interface VertexSeedEndpoint {
  project: string;
  location: string;
  /** Numeric endpoint ID. */
  id: string;
  displayName?: string;
  /** DeployedModels already serving (default none). */
  deployedModels?: { id: string; model: string; replicas?: number; machineType?: string }[];
  /** Default: even over the deployed models (the first takes the remainder). */
  trafficSplit?: Record<string, number>;
  /** User labels (default none). */
  labels?: Record<string, string>;
}

export function vertexControl(state: VertexState, clock: SandboxClock): VertexControl {
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
        labels: readLabels(input.labels),
        history: [],
        undeploying: [],
      });
      return { name };
    },
    labels({ endpoint }) {
      const record = endpointOf(state, endpoint);
      settle(state, record, clock.now());
      return { ...record.labels };
    },
    transitions({ endpoint }) {
      const record = endpointOf(state, endpoint);
      const now = clock.now();
      settle(state, record, now);
      const live = record.rollout ? rolloutTransitions(record.rollout, now) : [];
      return [...record.history, ...live];
    },
    replicasNeverReady({ model, enabled }) {
      const key = model?.split('@')[0] ?? '*';
      if (enabled === false) state.neverReady.delete(key);
      else state.neverReady.add(key);
    },
  };
}

function endpointOf(state: VertexState, endpoint: string) {
  const record = [...state.endpoints.values()].find(
    (e) => e.name === endpoint || e.name.endsWith(`/endpoints/${endpoint}`),
  );
  if (!record) throw notFound(`Endpoint \`${endpoint}\``);
  return record;
}
