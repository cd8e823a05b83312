import { ServiceError } from '../errors.js';
import type { Json } from '../http/input.js';
import type {
  DeployedModelRecord,
  OperationRecord,
  RolloutRecord,
  VertexApi,
  VertexEndpointRecord,
} from './records.js';
import { oldReplicas, rolloutAt, rolloutTransitions } from './records.js';
import {
  checkSplitIds,
  MAX_DISPLAY_NAME,
  type RolloutOptions,
  readRolloutOptions,
  readSplit,
} from './requests.js';
import { rolloutWaves, surgeOf, unavailableOf } from './rollout.js';
import { invalid, notFound, typeOf, type VertexState } from './state.js';

const precondition = (message: string) => new ServiceError(400, 'FAILED_PRECONDITION', message);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
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
  api: VertexApi = 'v1beta1',
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
  const display = deployed.displayName;
  if (display !== undefined && (typeof display !== 'string' || [...display].length > MAX_DISPLAY_NAME))
    throw invalid(
      `deployedModel.displayName must be a string of at most ${MAX_DISPLAY_NAME} characters, not ${typeof display === 'string' ? `${[...display].length} characters` : JSON.stringify(display)}.`,
    );
  const options = readRolloutOptions(deployed.rolloutOptions);
  const op: OperationRecord = {
    name: `${endpoint.name}/operations/${state.nextId++}${Math.floor(now % 1e6)}`,
    endpoint: endpoint.name,
    kind: 'DeployModel',
    api,
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
  const resources = isObject(deployed.dedicatedResources) ? deployed.dedicatedResources : {};
  const replicas = typeof resources.minReplicaCount === 'number' ? resources.minReplicaCount : 1;
  if (!Number.isInteger(replicas) || replicas < 1)
    throw invalid('dedicatedResources.minReplicaCount must be a whole number ≥ 1.');
  const max = resources.maxReplicaCount;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < replicas))
    throw invalid(
      `dedicatedResources.maxReplicaCount must be a whole number ≥ minReplicaCount (${replicas}).`,
    );
  const spec = isObject(resources.machineSpec) ? resources.machineSpec : {};
  if (typeof spec.machineType === 'string' && spec.machineType !== '') added.machineType = spec.machineType;
  added.replicas = replicas;
  if (typeof max === 'number' && max > replicas) added.maxReplicas = max;
  checkSplitIds(
    input.trafficSplit,
    endpoint.deployedModels.filter((m) => !endpoint.undeploying.some((u) => u.id === m.id)).map((m) => m.id),
    true,
  );
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

/**
 * `:undeployModel`: a long-running operation. The split changes at the call (the model gets no more traffic); the
 * DeployedModel stays listed while its replicas are retired (`retireSeconds`) and is gone when the operation ends.
 * A model with traffic needs a `trafficSplit` for the models that stay, unless it is the last one; the split must
 * add up to 100 over the models that stay and give the undeployed one nothing.
 */
export function undeployModel(
  state: VertexState,
  endpoint: VertexEndpointRecord,
  input: Json,
  now: number,
  api: VertexApi = 'v1beta1',
): OperationRecord {
  const id = input.deployedModelId;
  if (typeof id !== 'string' || id === '') throw invalid('deployedModelId is required.');
  const model = endpoint.deployedModels.find((m) => m.id === id);
  if (!model) throw notFound(`DeployedModel ${id} on \`${endpoint.name}\``);
  if (endpoint.undeploying.some((u) => u.id === id))
    throw precondition(`DeployedModel ${id} is already being undeployed from ${endpoint.name}.`);
  if (
    endpoint.rollout &&
    (endpoint.rollout.added.id === id || endpoint.rollout.olds.some((o) => o.id === id))
  )
    throw precondition(
      `DeployedModel ${id} takes part in the deployment ${endpoint.rollout.operation}, which is still running.`,
    );
  const others = endpoint.deployedModels.filter(
    (m) => m.id !== id && !endpoint.undeploying.some((u) => u.id === m.id),
  );
  checkSplitIds(input.trafficSplit, [id, ...others.map((m) => m.id)], false);
  const requested = readSplit(input.trafficSplit, undefined);
  if (requested && (requested[id] ?? 0) > 0)
    throw invalid(
      `trafficSplit gives ${requested[id]}% to DeployedModel ${id}, the one being undeployed; give its traffic to the models that stay.`,
    );
  const share = endpoint.trafficSplit[id] ?? 0;
  if (!requested && share > 0 && others.length > 0)
    throw precondition(
      `DeployedModel ${id} receives ${share}% of the traffic; pass a trafficSplit for the remaining models.`,
    );
  const rest = (split: Record<string, number>) =>
    Object.fromEntries(Object.entries(split).filter(([k]) => k !== id));
  endpoint.trafficSplit = others.length === 0 ? {} : rest(requested ?? endpoint.trafficSplit);
  endpoint.updatedAt = now;
  const doneAt = now + state.timings.retireSeconds * 1000;
  endpoint.undeploying.push({ id, doneAt });
  const op: OperationRecord = {
    name: `${endpoint.name}/operations/${state.nextId++}${Math.floor(now % 1e6)}`,
    endpoint: endpoint.name,
    kind: 'UndeployModel',
    api,
    startedAt: now,
    doneAt,
    response: { '@type': typeOf(api, 'UndeployModelResponse') },
  };
  state.operations.set(op.name, op);
  return op;
}
