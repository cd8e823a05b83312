import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';

// Vertex AI canaries by traffic split, GA v1: deployModel beside the others with a split, endpoints.patch of the
// split and labels, undeployModel, as Shiftwise's engine sends them.

const ENDPOINT = 'projects/acme/locations/us-central1/endpoints/4242';
const MODEL = 'projects/acme/locations/us-central1/models/ranker';

interface DeployedModel {
  id: string;
  model: string;
  displayName: string;
  dedicatedResources: {
    machineSpec: { machineType: string };
    minReplicaCount: number;
    maxReplicaCount: number;
  };
}
interface Endpoint {
  name: string;
  displayName: string;
  deployedModels: DeployedModel[];
  trafficSplit?: Record<string, number>;
  labels?: Record<string, string>;
  etag: string;
  createTime: string;
  updateTime: string;
}
interface Operation {
  name: string;
  done: boolean;
  metadata: { '@type': string };
  error?: { code: number; message: string };
  response?: { '@type': string; deployedModel: DeployedModel };
}
interface GoogleError {
  error: { code: number; message: string; status: string };
}

let sandbox: Sandbox;
let start: number;
beforeEach(async () => {
  sandbox = await startSandbox({ clock: 'virtual' });
  sandbox.control.vertex.seedEndpoint({
    project: 'acme',
    location: 'us-central1',
    id: '4242',
    deployedModels: [
      { id: '1', model: `${MODEL}@1`, replicas: 2 },
      { id: '7', model: 'projects/acme/locations/us-central1/models/other@3', replicas: 1 },
    ],
    trafficSplit: { '1': 80, '7': 20 },
    labels: { team: 'search' },
  });
  start = sandbox.clock.now();
});
afterEach(() => sandbox.stop());

async function call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.env.SHIFTWISE_VERTEX_ENDPOINT}/v1/${path}`, {
    method,
    headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}
const at = (seconds: number) => sandbox.clock.advance(start + seconds * 1000 - sandbox.clock.now());
const getEndpoint = async () => (await call<Endpoint>('GET', ENDPOINT)).body;
const getOperation = async (name: string) => (await call<Operation>('GET', name)).body;

const canary = (split: Record<string, number>, replicas = 2) =>
  call<Operation>('POST', `${ENDPOINT}:deployModel`, {
    deployedModel: {
      model: `${MODEL}@2`,
      displayName: 'ranker-canary',
      dedicatedResources: {
        machineSpec: { machineType: 'n1-highmem-8' },
        minReplicaCount: replicas,
        maxReplicaCount: 4,
      },
    },
    trafficSplit: split,
  });

/** Deploys the canary with 10% and waits for it; its DeployedModel id. */
async function deployed(): Promise<string> {
  const { body: op } = await canary({ '0': 10, '1': 70, '7': 20 });
  await at(60);
  return (await getOperation(op.name)).response!.deployedModel.id;
}

test('GET v1 endpoint: deployedModels, trafficSplit, labels, etag and times', async () => {
  const e = await getEndpoint();
  assert.equal(e.name, ENDPOINT);
  assert.deepEqual(
    e.deployedModels.map((m) => [m.id, m.model, m.dedicatedResources.minReplicaCount]),
    [
      ['1', `${MODEL}@1`, 2],
      ['7', 'projects/acme/locations/us-central1/models/other@3', 1],
    ],
  );
  assert.deepEqual([e.trafficSplit, e.labels], [{ '1': 80, '7': 20 }, { team: 'search' }]);
  assert.match(e.etag, /^".+"$/);
  assert.equal(e.createTime, new Date(start).toISOString());
});

test('deployModel v1 with a split: the replicas provision, then the new model takes "0"\'s share', async () => {
  const { status, body: op } = await canary({ '0': 10, '1': 70, '7': 20 });
  assert.equal(status, 200);
  assert.equal(op.done, false);
  assert.equal(
    op.metadata['@type'],
    'type.googleapis.com/google.cloud.aiplatform.v1.DeployModelOperationMetadata',
  );
  const rows: [seconds: number, done: boolean, ids: number, split: Record<string, number>][] = [
    [0, false, 2, { '1': 80, '7': 20 }],
    [59, false, 2, { '1': 80, '7': 20 }],
  ];
  for (const [seconds, done, ids, split] of rows) {
    await at(seconds);
    const e = await getEndpoint();
    assert.deepEqual(
      [(await getOperation(op.name)).done, e.deployedModels.length, e.trafficSplit],
      [done, ids, split],
    );
  }
  await at(60);
  const finished = await getOperation(op.name);
  assert.equal(finished.done, true);
  assert.equal(
    finished.response?.['@type'],
    'type.googleapis.com/google.cloud.aiplatform.v1.DeployModelResponse',
  );
  const fresh = finished.response!.deployedModel;
  assert.deepEqual(
    [fresh.model, fresh.displayName, fresh.dedicatedResources],
    [
      `${MODEL}@2`,
      'ranker-canary',
      { machineSpec: { machineType: 'n1-highmem-8' }, minReplicaCount: 2, maxReplicaCount: 4 },
    ],
  );
  const e = await getEndpoint();
  assert.deepEqual(e.trafficSplit, { '1': 70, '7': 20, [fresh.id]: 10 });
  assert.deepEqual(
    e.deployedModels.map((m) => m.id),
    ['1', '7', fresh.id],
  );
});

test('endpoints.patch moves the split step by step and replaces the labels whole, at once', async () => {
  const fresh = await deployed();
  const steps: [mask: string, body: Partial<Endpoint>, split: Record<string, number>, labels: unknown][] = [
    [
      'trafficSplit',
      { trafficSplit: { '1': 40, '7': 20, [fresh]: 40 } },
      { '1': 40, '7': 20, [fresh]: 40 },
      { team: 'search' },
    ],
    [
      'labels',
      { labels: { team: 'search', 'shiftwise-step': '2', 'shiftwise-state': 'baking' } },
      { '1': 40, '7': 20, [fresh]: 40 },
      { team: 'search', 'shiftwise-step': '2', 'shiftwise-state': 'baking' },
    ],
    [
      'trafficSplit,labels',
      { trafficSplit: { '1': 0, '7': 20, [fresh]: 80 }, labels: { 'shiftwise-step': '3' } },
      { '1': 0, '7': 20, [fresh]: 80 },
      { 'shiftwise-step': '3' },
    ],
    ['labels', {}, { '1': 0, '7': 20, [fresh]: 80 }, undefined],
  ];
  for (const [mask, body, split, labels] of steps) {
    const { status, body: e } = await call<Endpoint>('PATCH', `${ENDPOINT}?updateMask=${mask}`, body);
    assert.equal(status, 200, JSON.stringify(e));
    assert.deepEqual([e.trafficSplit, e.labels], [split, labels], mask);
    assert.deepEqual(await getEndpoint(), e);
  }
  assert.deepEqual(sandbox.control.vertex.labels({ endpoint: '4242' }), {});
});

test('undeployModel: the split applies at the call, the model goes when the operation ends', async () => {
  const fresh = await deployed();
  await call('PATCH', `${ENDPOINT}?updateMask=trafficSplit`, { trafficSplit: { '7': 20, [fresh]: 80 } });
  await at(100);
  const { status, body: op } = await call<Operation>('POST', `${ENDPOINT}:undeployModel`, {
    deployedModelId: '1',
    trafficSplit: { '7': 20, [fresh]: 80 },
  });
  assert.equal(status, 200);
  assert.equal(op.done, false);
  assert.equal(
    op.metadata['@type'],
    'type.googleapis.com/google.cloud.aiplatform.v1.UndeployModelOperationMetadata',
  );
  assert.deepEqual(
    (await getEndpoint()).deployedModels.map((m) => m.id),
    ['1', '7', fresh],
  );
  await at(110);
  const done = await getOperation(op.name);
  assert.deepEqual(
    [done.done, done.response?.['@type']],
    [true, 'type.googleapis.com/google.cloud.aiplatform.v1.UndeployModelResponse'],
  );
  const e = await getEndpoint();
  assert.deepEqual(
    [e.deployedModels.map((m) => m.id), e.trafficSplit],
    [['7', fresh], { '7': 20, [fresh]: 80 }],
  );
});

test('a model without traffic is undeployed without a split; the last one leaves an empty split', async () => {
  await call('PATCH', `${ENDPOINT}?updateMask=trafficSplit`, { trafficSplit: { '1': 100 } });
  const { status } = await call<Operation>('POST', `${ENDPOINT}:undeployModel`, { deployedModelId: '7' });
  assert.equal(status, 200);
  await at(10);
  await call<Operation>('POST', `${ENDPOINT}:undeployModel`, { deployedModelId: '1' });
  await at(20);
  const e = await getEndpoint();
  assert.deepEqual([e.deployedModels, e.trafficSplit], [[], {}]);
});

const refused: [
  name: string,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  status: number,
  word: string,
  message: RegExp,
][] = [
  [
    'a deploy split over 100',
    'POST',
    ':deployModel',
    { trafficSplit: { '0': 30, '1': 80 } },
    400,
    'INVALID_ARGUMENT',
    /must add up to 100, not 110/,
  ],
  [
    'a deploy split naming a model not deployed',
    'POST',
    ':deployModel',
    { trafficSplit: { '0': 10, '9': 90 } },
    400,
    'INVALID_ARGUMENT',
    /names DeployedModel 9, which is not deployed.*1, 7 \(and "0"/,
  ],
  [
    'a fractional percent',
    'POST',
    ':deployModel',
    { trafficSplit: { '0': 10.5, '1': 89.5 } },
    400,
    'INVALID_ARGUMENT',
    /must be a whole percent 0–100/,
  ],
  [
    'a negative percent',
    'PATCH',
    '?updateMask=trafficSplit',
    { trafficSplit: { '1': 110, '7': -10 } },
    400,
    'INVALID_ARGUMENT',
    /must be a whole percent 0–100/,
  ],
  [
    'a patch split not adding up',
    'PATCH',
    '?updateMask=trafficSplit',
    { trafficSplit: { '1': 50 } },
    400,
    'INVALID_ARGUMENT',
    /must add up to 100, not 50/,
  ],
  [
    '"0" outside deployModel',
    'PATCH',
    '?updateMask=trafficSplit',
    { trafficSplit: { '0': 50, '1': 50 } },
    400,
    'INVALID_ARGUMENT',
    /names DeployedModel 0, which is not deployed/,
  ],
  ['no updateMask', 'PATCH', '', { labels: {} }, 400, 'INVALID_ARGUMENT', /updateMask is required/],
  [
    'an unknown updateMask path',
    'PATCH',
    '?updateMask=description',
    { labels: {} },
    400,
    'INVALID_ARGUMENT',
    /Invalid update mask path "description"/,
  ],
  [
    'a label key with capitals',
    'PATCH',
    '?updateMask=labels',
    { labels: { Team: 'x' } },
    400,
    'INVALID_ARGUMENT',
    /Label key "Team" is invalid/,
  ],
  [
    'a label value with a dot',
    'PATCH',
    '?updateMask=labels',
    { labels: { team: 'a.b' } },
    400,
    'INVALID_ARGUMENT',
    /Label value "a.b" of team is invalid/,
  ],
  [
    '65 labels',
    'PATCH',
    '?updateMask=labels',
    { labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) },
    400,
    'INVALID_ARGUMENT',
    /at most 64 labels, not 65/,
  ],
  [
    'a stale etag',
    'PATCH',
    '?updateMask=labels',
    { labels: {}, etag: '"stale"' },
    409,
    'ABORTED',
    /does not match the endpoint's current etag/,
  ],
  [
    'undeploying a model with traffic and no split',
    'POST',
    ':undeployModel',
    { deployedModelId: '1' },
    400,
    'FAILED_PRECONDITION',
    /receives 80% of the traffic; pass a trafficSplit/,
  ],
  [
    'an undeploy split giving the model traffic',
    'POST',
    ':undeployModel',
    { deployedModelId: '1', trafficSplit: { '1': 80, '7': 20 } },
    400,
    'INVALID_ARGUMENT',
    /gives 80% to DeployedModel 1, the one being undeployed/,
  ],
  [
    'an undeploy split not adding up',
    'POST',
    ':undeployModel',
    { deployedModelId: '1', trafficSplit: { '7': 20 } },
    400,
    'INVALID_ARGUMENT',
    /must add up to 100, not 20/,
  ],
  [
    'an undeploy split naming an unknown model',
    'POST',
    ':undeployModel',
    { deployedModelId: '1', trafficSplit: { '7': 20, '9': 80 } },
    400,
    'INVALID_ARGUMENT',
    /names DeployedModel 9/,
  ],
  [
    'undeploying an unknown model',
    'POST',
    ':undeployModel',
    { deployedModelId: '99' },
    404,
    'NOT_FOUND',
    /DeployedModel 99 on `.*endpoints\/4242` not found/,
  ],
];

for (const [name, method, suffix, extra, status, word, message] of refused) {
  test(`Vertex AI v1 refuses ${name}: ${status} ${word}`, async () => {
    const body =
      suffix === ':deployModel'
        ? {
            deployedModel: { model: `${MODEL}@2`, dedicatedResources: { minReplicaCount: 1 } },
            ...(extra as object),
          }
        : extra;
    const before = await getEndpoint();
    const answer = await call<GoogleError>(method, `${ENDPOINT}${suffix}`, body);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.deepEqual([answer.body.error.code, answer.body.error.status], [status, word]);
    assert.match(answer.body.error.message, message);
    assert.deepEqual(await getEndpoint(), before, 'nothing changed');
  });
}

test('replicas that never become ready fail the deploy operation; the endpoint is as it was', async () => {
  sandbox.control.vertex.replicasNeverReady({ model: MODEL });
  const before = await getEndpoint();
  const { body: op } = await canary({ '0': 10, '1': 70, '7': 20 });
  await at(599);
  assert.equal((await getOperation(op.name)).done, false);
  await at(660);
  const failed = await getOperation(op.name);
  assert.equal(failed.done, true);
  assert.match(
    failed.error?.message ?? '',
    /^Deployment of DeployedModel \d+ failed: its replicas did not become ready within 600 seconds/,
  );
  const after = await getEndpoint();
  assert.deepEqual(
    [after.deployedModels.map((m) => m.id), after.trafficSplit],
    [before.deployedModels.map((m) => m.id), before.trafficSplit],
  );
});

test('the split cannot be patched while a deployment provisions', async () => {
  await canary({ '0': 10, '1': 70, '7': 20 });
  const answer = await call<GoogleError>('PATCH', `${ENDPOINT}?updateMask=trafficSplit`, {
    trafficSplit: { '1': 80, '7': 20 },
  });
  assert.deepEqual([answer.status, answer.body.error.status], [400, 'FAILED_PRECONDITION']);
  const labels = await call<Endpoint>('PATCH', `${ENDPOINT}?updateMask=labels`, { labels: { step: '1' } });
  assert.equal(labels.status, 200);
});

const faults: [match: string, method: 'GET' | 'PATCH' | 'POST', suffix: string, body: unknown][] = [
  ['vertex PATCH', 'PATCH', '?updateMask=labels', { labels: {} }],
  ['vertex POST /v1/', 'POST', ':undeployModel', { deployedModelId: '7', trafficSplit: { '1': 100 } }],
  ['vertex GET /v1/projects/acme', 'GET', '', undefined],
];

for (const [match, method, suffix, body] of faults) {
  test(`faults apply to ${method} by the key "${match}"`, async () => {
    sandbox.control.injectFault({ kind: 'error', status: 503, match });
    const faulted = await call<GoogleError>(method, `${ENDPOINT}${suffix}`, body);
    assert.deepEqual([faulted.status, faulted.body.error.status], [503, 'UNAVAILABLE']);
    assert.equal((await call(method, `${ENDPOINT}${suffix}`, body)).status, 200);
  });
}

test('the control API seeds labels and reads them back over HTTP', async () => {
  const seed = await fetch(`${sandbox.url}/_sandbox/vertex/seedEndpoint`, {
    method: 'POST',
    body: JSON.stringify({
      project: 'acme',
      location: 'us-central1',
      id: '5',
      deployedModels: [
        { id: '1', model: `${MODEL}@1` },
        { id: '2', model: `${MODEL}@2` },
      ],
      trafficSplit: { '1': 90, '2': 10 },
      labels: { 'shiftwise-step': '1' },
    }),
  });
  assert.equal(seed.status, 200);
  const read = await fetch(`${sandbox.url}/_sandbox/vertex/labels?endpoint=5`);
  assert.deepEqual(await read.json(), { result: { 'shiftwise-step': '1' } });
  const bad = await fetch(`${sandbox.url}/_sandbox/vertex/seedEndpoint`, {
    method: 'POST',
    body: JSON.stringify({ project: 'acme', location: 'l', id: '6', labels: { Bad: 'x' } }),
  });
  assert.equal(bad.status, 400);
});
