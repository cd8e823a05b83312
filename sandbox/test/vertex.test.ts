import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';

const ENDPOINT = 'projects/acme/locations/us-central1/endpoints/4242';
const MODEL = 'projects/acme/locations/us-central1/models/ranker';

interface DeployedModel {
  id: string;
  model: string;
  status: { availableReplicaCount: number; message?: string };
  rolloutOptions?: { previousDeployedModel: string; revisionNumber: number };
}
interface Endpoint {
  deployedModels: DeployedModel[];
  trafficSplit: Record<string, number>;
}
interface Operation {
  name: string;
  done: boolean;
  error?: { code: number; message: string };
  response?: { deployedModel: DeployedModel };
}

let sandbox: Sandbox;
let start: number;
beforeEach(async () => {
  sandbox = await startSandbox({ clock: 'virtual' });
  sandbox.control.vertex.seedModel({ name: MODEL });
  sandbox.control.vertex.seedEndpoint({
    project: 'acme',
    location: 'us-central1',
    id: '4242',
    deployedModels: [{ id: '1', model: `${MODEL}@1`, replicas: 4 }],
  });
  start = sandbox.clock.now();
});
afterEach(() => sandbox.stop());

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandbox.url}/v1beta1/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.env.SHIFTWISE_VERTEX_TOKEN}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const getEndpoint = async (all = true) =>
  (await call<Endpoint>('GET', `${ENDPOINT}${all ? '?allDeploymentStates=true' : ''}`)).body;
const getOperation = async (name: string) => (await call<Operation>('GET', name)).body;
const at = (seconds: number) => sandbox.clock.advance(start + seconds * 1000 - sandbox.clock.now());

function deploy(previous: string, model = `${MODEL}@2`, surge = 1, unavailable = 0) {
  return call<Operation>('POST', `${ENDPOINT}:deployModel`, {
    deployedModel: {
      model,
      rolloutOptions: {
        previousDeployedModel: previous,
        maxSurgeReplicas: surge,
        maxUnavailableReplicas: unavailable,
      },
    },
  });
}

/** Ready replicas per DeployedModel and the traffic split, as one comparable row. */
async function snapshot() {
  const e = await getEndpoint();
  return {
    ready: Object.fromEntries(e.deployedModels.map((m) => [m.id, m.status.availableReplicaCount])),
    split: e.trafficSplit,
  };
}

test('a rolling deployment replaces replicas in waves by surge, traffic following ready replicas', async () => {
  const { status, body: op } = await deploy('1');
  assert.equal(status, 200);
  assert.equal(op.done, false);
  const added = (await getEndpoint()).deployedModels.find((m) => m.id !== '1')!;
  assert.equal(added.rolloutOptions?.previousDeployedModel, '1');
  // 4 replicas, surge 1, unavailable 0: five waves of 60 s (the last only retires, 10 s).
  const rows: [number, Awaited<ReturnType<typeof snapshot>>][] = [
    [0, { ready: { '1': 4, [added.id]: 0 }, split: { '1': 100 } }],
    [60, { ready: { '1': 3, [added.id]: 1 }, split: { '1': 75, [added.id]: 25 } }],
    [120, { ready: { '1': 2, [added.id]: 2 }, split: { '1': 50, [added.id]: 50 } }],
    [180, { ready: { '1': 1, [added.id]: 3 }, split: { '1': 25, [added.id]: 75 } }],
    [240, { ready: { '1': 0, [added.id]: 4 }, split: { [added.id]: 100 } }],
    [250, { ready: { [added.id]: 4 }, split: { [added.id]: 100 } }],
  ];
  for (const [seconds, expected] of rows) {
    await at(seconds);
    assert.deepEqual(await snapshot(), expected, `at ${seconds} s`);
  }
  const done = await getOperation(op.name);
  assert.equal(done.done, true);
  assert.equal(done.response?.deployedModel.id, added.id);
  const response = await fetch(`${sandbox.url}/_sandbox/vertex/transitions?endpoint=4242`);
  const { result } = (await response.json()) as {
    result: { at: number; readyReplicas: number; oldReplicas: number }[];
  };
  assert.deepEqual(
    result.map((t) => [(t.at - start) / 1000, t.readyReplicas, t.oldReplicas]),
    [
      [0, 0, 4],
      [60, 1, 3],
      [120, 2, 2],
      [180, 3, 1],
      [240, 4, 0],
      [250, 4, 0],
    ],
  );
});

test('without allDeploymentStates the model being rolled out is not listed', async () => {
  await deploy('1');
  await at(60);
  assert.deepEqual(
    (await getEndpoint(false)).deployedModels.map((m) => m.id),
    ['1'],
  );
});

test('rollback: a rolling deployment of the old model replacing the one in flight supersedes it', async () => {
  const { body: first } = await deploy('1');
  await at(130);
  const inFlight = (await getEndpoint()).deployedModels.find((m) => m.id !== '1')!;
  const { body: back } = await deploy(inFlight.id, `${MODEL}@1`);
  const superseded = await getOperation(first.name);
  assert.equal(superseded.done, true);
  assert.equal(superseded.error?.code, 10);
  assert.match(superseded.error?.message ?? '', /Superseded by the rolling deployment/);
  await at(130 + 250);
  const e = await getEndpoint();
  const restored = (await getOperation(back.name)).response?.deployedModel;
  assert.equal(restored?.model, `${MODEL}@1`);
  assert.deepEqual(
    e.deployedModels.map((m) => m.id),
    [restored?.id],
  );
  assert.deepEqual(e.trafficSplit, { [restored!.id]: 100 });
});

test('replicas that never become ready fail the rollout and revert to the previous model', async () => {
  sandbox.control.vertex.replicasNeverReady({ model: MODEL });
  const { body: op } = await deploy('1', `${MODEL}@2`, 1, 1);
  await at(599);
  const waiting = await getEndpoint();
  assert.deepEqual(waiting.trafficSplit, { '1': 100 });
  assert.equal(waiting.deployedModels.find((m) => m.id === '1')?.status.availableReplicaCount, 3);
  assert.equal((await getOperation(op.name)).done, false);
  await at(660);
  const failed = await getOperation(op.name);
  assert.equal(failed.done, true);
  assert.match(failed.error?.message ?? '', /did not become ready within 600 seconds/);
  assert.deepEqual(await snapshot(), { ready: { '1': 4 }, split: { '1': 100 } });
});

const refused: [name: string, path: string, body: unknown, status: number, message: RegExp][] = [
  [
    'an unknown endpoint',
    'projects/acme/locations/us-central1/endpoints/9:deployModel',
    {},
    404,
    /Endpoint `projects\/acme\/locations\/us-central1\/endpoints\/9` not found/,
  ],
  ['no deployedModel', `${ENDPOINT}:deployModel`, {}, 400, /deployedModel is required/],
  [
    'an unknown model',
    `${ENDPOINT}:deployModel`,
    { deployedModel: { model: 'projects/acme/locations/us-central1/models/nope' } },
    404,
    /Model `.*models\/nope` not found/,
  ],
  [
    'a display name over 128 characters',
    `${ENDPOINT}:deployModel`,
    { deployedModel: { model: MODEL, displayName: '🚨'.repeat(129) } },
    400,
    /displayName must be a string of at most 128 characters, not 129 characters/,
  ],
  [
    'surge and unavailable both 0',
    `${ENDPOINT}:deployModel`,
    { deployedModel: { model: MODEL, rolloutOptions: { previousDeployedModel: '1', maxSurgeReplicas: 0 } } },
    400,
    /cannot both be 0/,
  ],
  [
    'a percentage above 100',
    `${ENDPOINT}:deployModel`,
    {
      deployedModel: {
        model: MODEL,
        rolloutOptions: { previousDeployedModel: '1', maxSurgePercentage: 150 },
      },
    },
    400,
    /maxSurgePercentage must be at most 100/,
  ],
  [
    'an unknown previous model',
    `${ENDPOINT}:deployModel`,
    { deployedModel: { model: MODEL, rolloutOptions: { previousDeployedModel: '77', maxSurgeReplicas: 1 } } },
    400,
    /previousDeployedModel 77 is not deployed/,
  ],
  [
    'a traffic split that does not add up to 100',
    `${ENDPOINT}:undeployModel`,
    { deployedModelId: '1', trafficSplit: { '1': 50 } },
    400,
    /must add up to 100/,
  ],
];

for (const [name, path, body, status, message] of refused) {
  test(`Vertex AI refuses ${name} with a Google error body`, async () => {
    const answer = await call<{ error: { code: number; message: string; status: string } }>(
      'POST',
      path,
      body,
    );
    assert.equal(answer.status, status);
    assert.equal(answer.body.error.code, status);
    assert.match(answer.body.error.message, message);
    assert.match(answer.body.error.status, /^[A-Z_]+$/);
  });
}

test('a second rollout while one is in flight is refused, naming the one to replace', async () => {
  await deploy('1');
  const again = await deploy('1');
  assert.equal(again.status, 400);
  assert.match(JSON.stringify(again.body), /FAILED_PRECONDITION/);
});

test('models get, plain deploy and undeploy', async () => {
  const model = await call<{ name: string; versionId: string }>('GET', `${MODEL}@2`);
  assert.deepEqual([model.status, model.body.name, model.body.versionId], [200, MODEL, '2']);
  const { body: op } = await call<Operation>('POST', `${ENDPOINT}:deployModel`, {
    deployedModel: { model: `${MODEL}@3`, dedicatedResources: { minReplicaCount: 2 } },
    trafficSplit: { '1': 90, '0': 10 },
  });
  await at(60);
  const added = (await getOperation(op.name)).response!.deployedModel;
  assert.deepEqual((await getEndpoint()).trafficSplit, { '1': 90, [added.id]: 10 });
  const { body: undo } = await call<Operation>('POST', `${ENDPOINT}:undeployModel`, {
    deployedModelId: added.id,
    trafficSplit: { '1': 100 },
  });
  // The traffic moves at the call; the replicas are retired for 10 s, then the operation ends.
  assert.equal(undo.done, false);
  assert.deepEqual((await getEndpoint()).trafficSplit, { '1': 100 });
  await at(70);
  assert.equal((await getOperation(undo.name)).done, true);
  assert.deepEqual(await snapshot(), { ready: { '1': 4 }, split: { '1': 100 } });
});
