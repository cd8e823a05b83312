import { ServiceError } from '../errors.js';
import type { Json } from '../http/input.js';
import type { DeployedModelRecord, OperationRecord, RolloutRecord, VertexEndpointRecord } from './records.js';
import { oldReplicas, rolloutAt, rolloutTransitions } from './records.js';
import { type RolloutOptions, readRolloutOptions, readSplit } from './requests.js';
import { rolloutWaves, surgeOf, unavailableOf } from './rollout.js';
import { invalid, notFound, type VertexState } from './state.js';

const precondition = (message: string) => new ServiceError(400, 'FAILED_PRECONDITION', message);
const MODEL = /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+(@[A-Za-z0-9_-]+)?$/;

/**
 * `:deployModel`. With `rolloutOptions.previousDeployedModel` it is a rolling deployment that
 * replaces that DeployedModel's replicas in waves; naming the DeployedModel of a rollout still in
 * flight supersedes that rollout (how a rollback is done). Without it, a plain deployment.
 */
export function deployModel(
  state: VertexState,
  endpoint: VertexEndpointRecord,
  input: Json,
  now: number,
): OperationRecord {
  const given = input.deployedModel;
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw invalid('deployedModel is required and must be an object.');
  const deployed = given as Json;
  const model = deployed.model;
  if (typeof model !== 'string' || !MODEL.test(model))
    throw invalid(
      `deployedModel.model must be a model resource name like projects/P/locations/L/models/M[@version], not ${JSON.stringify(model)}.`,
    );
  if (!state.models.has(model.split('@')[0]!)) throw notFound(`Model \`${model}\``);
  const options = readRolloutOptions(deployed.rolloutOptions);
  const op: OperationRecord = {
    name: `${endpoint.name}/operations/${state.nextId++}${Math.floor(now % 1e6)}`,
    endpoint: endpoint.name,
    kind: 'DeployModel',
    startedAt: now,
  };
  const added: DeployedModelRecord = {
    id: String(state.nextId++),
    model,
    displayName: typeof deployed.displayName === 'string' ? deployed.displayName : model.split('/').pop()!,
    createdAt: now,
    replicas: 0,
    machineType: 'n1-standard-4',
    ...(deployed.rolloutOptions ? { rolloutOptions: { ...(deployed.rolloutOptions as Json) } } : {}),
  };
  const rollout = options
    ? rollingRollout(state, endpoint, options, added, op, now)
    : plainRollout(state, endpoint, deployed, input, added, op, now);
  if (added.rolloutOptions) added.rolloutOptions.revisionNumber = state.nextId++;
  endpoint.deployedModels.push(added);
  endpoint.rollout = rollout;
  endpoint.updatedAt = now;
  state.operations.set(op.name, op);
  return op;
}

function rollingRollout(
  state: VertexState,
  endpoint: VertexEndpointRecord,
  options: RolloutOptions,
  added: DeployedModelRecord,
  op: OperationRecord,
  now: number,
): RolloutRecord {
  const previousId = options.previousDeployedModel!;
  const previous = endpoint.deployedModels.find((m) => m.id === previousId);
  if (!previous)
    throw invalid(`rolloutOptions.previousDeployedModel ${previousId} is not deployed on ${endpoint.name}.`);
  let olds = [{ id: previous.id, replicas: previous.replicas }];
  let target = previous.replicas;
  let splitBefore = { ...endpoint.trafficSplit };
  const current = endpoint.rollout;
  if (current && current.added.id !== previousId)
    throw precondition(
      `A rolling deployment (${current.operation}) is in progress on ${endpoint.name}; to replace it, deploy with rolloutOptions.previousDeployedModel = "${current.added.id}".`,
    );
  if (current) {
    // Supersede: freeze the rollout in flight where it stands and replace everything it left.
    const view = rolloutAt(current, now);
    const left = oldReplicas(current, view.old);
    olds = [
      ...current.olds.map((o) => ({ id: o.id, replicas: left.get(o.id) ?? 0 })),
      { id: current.added.id, replicas: view.ready },
    ];
    target = current.target;
    splitBefore = current.splitBefore;
    current.added.replicas = view.ready;
    endpoint.history.push(...rolloutTransitions(current, now), {
      at: now,
      deployedModel: current.added.id,
      readyReplicas: view.ready,
      oldReplicas: view.old,
      message: `Superseded by DeployedModel ${added.id}.`,
    });
    const superseded = state.operations.get(current.operation)!;
    superseded.doneAt = now;
    superseded.error = {
      code: 10,
      message: `Superseded by the rolling deployment of DeployedModel ${added.id} (operation ${op.name}).`,
    };
    endpoint.rollout = undefined;
  }
  added.replicas = target;
  const surge = surgeOf(options, target);
  // As Kubernetes does: when both round to 0, one replica may be unavailable, so the rollout still progresses.
  const unavailable =
    surge === 0 ? Math.max(1, unavailableOf(options, target)) : unavailableOf(options, target);
  const oldTotal = olds.reduce((n, o) => n + o.replicas, 0);
  return {
    operation: op.name,
    startedAt: now,
    added,
    olds,
    target,
    waves: rolloutWaves(target, surge, unavailable, state.timings, oldTotal),
    timings: { ...state.timings },
    neverReady: state.neverReady.has('*') || state.neverReady.has(added.model.split('@')[0]!),
    splitBefore,
  };
}

function plainRollout(
  state: VertexState,
  endpoint: VertexEndpointRecord,
  deployed: Json,
  input: Json,
  added: DeployedModelRecord,
  op: OperationRecord,
  now: number,
): RolloutRecord {
  if (endpoint.rollout)
    throw precondition(`A deployment (${endpoint.rollout.operation}) is in progress on ${endpoint.name}.`);
  const resources = (deployed.dedicatedResources ?? {}) as Json;
  const replicas = typeof resources.minReplicaCount === 'number' ? resources.minReplicaCount : 1;
  if (!Number.isInteger(replicas) || replicas < 1)
    throw invalid('dedicatedResources.minReplicaCount must be a whole number ≥ 1.');
  added.replicas = replicas;
  const requested = readSplit(input.trafficSplit, added.id);
  const splitAfter =
    requested ?? (endpoint.deployedModels.length === 0 ? { [added.id]: 100 } : { ...endpoint.trafficSplit });
  return {
    operation: op.name,
    startedAt: now,
    added,
    olds: [],
    target: replicas,
    waves: rolloutWaves(replicas, replicas, 0, state.timings, 0),
    timings: { ...state.timings },
    neverReady: state.neverReady.has('*') || state.neverReady.has(added.model.split('@')[0]!),
    splitBefore: { ...endpoint.trafficSplit },
    splitAfter,
  };
}

/** `:undeployModel`: immediate; the model's traffic must be given away unless it is the last one. */
export function undeployModel(
  state: VertexState,
  endpoint: VertexEndpointRecord,
  input: Json,
  now: number,
): OperationRecord {
  const id = input.deployedModelId;
  if (typeof id !== 'string' || id === '') throw invalid('deployedModelId is required.');
  const model = endpoint.deployedModels.find((m) => m.id === id);
  if (!model) throw notFound(`DeployedModel ${id} on \`${endpoint.name}\``);
  if (
    endpoint.rollout &&
    (endpoint.rollout.added.id === id || endpoint.rollout.olds.some((o) => o.id === id))
  )
    throw precondition(
      `DeployedModel ${id} takes part in the deployment ${endpoint.rollout.operation}, which is still running.`,
    );
  const requested = readSplit(input.trafficSplit, undefined);
  const others = endpoint.deployedModels.filter((m) => m.id !== id);
  const share = endpoint.trafficSplit[id] ?? 0;
  if (!requested && share > 0 && others.length > 0)
    throw precondition(
      `DeployedModel ${id} receives ${share}% of the traffic; pass a trafficSplit for the remaining models.`,
    );
  endpoint.deployedModels = others;
  endpoint.trafficSplit =
    requested ??
    (others.length === 0
      ? {}
      : Object.fromEntries(Object.entries(endpoint.trafficSplit).filter(([k]) => k !== id)));
  endpoint.updatedAt = now;
  const op: OperationRecord = {
    name: `${endpoint.name}/operations/${state.nextId++}${Math.floor(now % 1e6)}`,
    endpoint: endpoint.name,
    kind: 'UndeployModel',
    startedAt: now,
    doneAt: now,
    response: { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1beta1.UndeployModelResponse' },
  };
  state.operations.set(op.name, op);
  return op;
}
