import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

let h: Harness;
let once: { sageMaker: SageMakerClient; cloudWatch: CloudWatchClient };
before(async () => {
  h = await harness();
  h.sandbox.control.seedEndpoint({ name: 'svc', config: 'svc-v1', instances: 2 });
  h.sandbox.control.seedAlarm({ name: 'svc-5xx' });
  const config = {
    endpoint: h.sandbox.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  };
  once = { sageMaker: new SageMakerClient(config), cloudWatch: new CloudWatchClient(config) };
});
after(async () => {
  once.sageMaker.destroy();
  once.cloudWatch.destroy();
  await h.stop();
});

const describe = (client = h.sageMaker) => client.send(new DescribeEndpointCommand({ EndpointName: 'svc' }));

test('a throttled call reaches the SDK as ThrottlingException', async () => {
  h.sandbox.control.injectFault({ kind: 'throttle', match: 'DescribeEndpoint' });
  await assert.rejects(describe(once.sageMaker), { name: 'ThrottlingException', message: 'Rate exceeded' });
  assert.equal((await describe(once.sageMaker)).EndpointStatus, 'InService');
});

test('the SDK retries a throttled call and succeeds', async () => {
  h.sandbox.control.injectFault({ kind: 'throttle', match: 'SageMaker.DescribeEndpoint', count: 1 });
  const answer = await describe();
  assert.equal(answer.EndpointStatus, 'InService');
  assert.equal(answer.$metadata.attempts, 2);
  assert.deepEqual(h.sandbox.control.faults(), []);
});

test('CloudWatch throttling and 5xx carry the query-compatible codes', async () => {
  h.sandbox.control.injectFault({ kind: 'throttle', match: 'DescribeAlarms' });
  await assert.rejects(once.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['svc-5xx'] })), {
    name: 'Throttling',
  });
  h.sandbox.control.injectFault({ kind: 'error', match: 'DescribeAlarms' });
  await assert.rejects(once.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['svc-5xx'] })), {
    name: 'InternalServiceFault',
  });
});

test('a 500 and a dropped connection are retried by the SDK', async () => {
  h.sandbox.control.injectFault({ kind: 'error', match: 'DescribeEndpoint' });
  await assert.rejects(describe(once.sageMaker), { name: 'InternalFailure' });
  h.sandbox.control.injectFault({ kind: 'error', status: 503, match: 'DescribeEndpoint' });
  assert.equal((await describe()).$metadata.attempts, 2);
  h.sandbox.control.injectFault({ kind: 'drop', match: 'DescribeEndpoint' });
  await assert.rejects(describe(once.sageMaker), (error: Error & { code?: string }) =>
    /socket hang up|ECONNRESET/.test(`${error.message} ${error.code}`),
  );
  h.sandbox.control.injectFault({ kind: 'drop', match: 'DescribeEndpoint' });
  assert.equal((await describe()).$metadata.attempts, 2);
});

test('latency delays the answer without changing it', async () => {
  h.sandbox.control.injectFault({ kind: 'latency', latencyMs: 20, count: 3 });
  const answers = await Promise.all([describe(), describe(), describe()]);
  assert.deepEqual(
    answers.map((a) => a.EndpointStatus),
    ['InService', 'InService', 'InService'],
  );
});

test('200 concurrent DescribeEndpoint calls all succeed', async () => {
  const answers = await Promise.all(Array.from({ length: 200 }, () => describe()));
  assert.equal(answers.filter((a) => a.EndpointStatus === 'InService').length, 200);
});

/** A raw AWS JSON call, to send what no SDK would. */
async function raw(body: string, target?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (target) headers['x-amz-target'] = target;
  const response = await fetch(h.sandbox.url, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as { __type: string; message: string } };
}

const badRequests: [
  name: string,
  body: string,
  target: string | undefined,
  status: number,
  type: string,
  message: RegExp,
][] = [
  [
    'malformed JSON',
    '{"EndpointName": ',
    'SageMaker.DescribeEndpoint',
    400,
    'SerializationException',
    /^Request body is not valid JSON/,
  ],
  [
    'a JSON array',
    '[1, 2]',
    'SageMaker.DescribeEndpoint',
    400,
    'SerializationException',
    /must be a JSON object/,
  ],
  [
    'no target',
    '{}',
    undefined,
    400,
    'UnknownOperationException',
    /Missing X-Amz-Target header; expected one of SageMaker\.<Operation>/,
  ],
  [
    'an unknown service',
    '{}',
    'DynamoDB_20120810.ListTables',
    400,
    'UnknownOperationException',
    /Unknown X-Amz-Target 'DynamoDB_20120810\.ListTables'/,
  ],
  [
    'an unknown operation',
    '{}',
    'SageMaker.CreateTrainingJob',
    400,
    'UnknownOperationException',
    /'CreateTrainingJob' is not served by the sandbox; it serves CreateModel, /,
  ],
  [
    'a missing member',
    '{}',
    'SageMaker.DescribeEndpoint',
    400,
    'ValidationException',
    /Value 'null' at 'endpointName' failed to satisfy constraint: Member must not be null/,
  ],
  [
    'a number for a string',
    '{"EndpointName": 5}',
    'SageMaker.DescribeEndpoint',
    400,
    'SerializationException',
    /Expected a string at 'endpointName' but found a number/,
  ],
  [
    'an object for an integer',
    '{"EndpointName":"svc","EndpointConfigName":"svc-v1","DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":{}}}}}',
    'SageMaker.UpdateEndpoint',
    400,
    'SerializationException',
    /Expected an integer at 'deploymentConfig\.blueGreenUpdatePolicy\.trafficRoutingConfiguration\.waitIntervalInSeconds' but found an object/,
  ],
  [
    'a huge body',
    ' '.repeat(2 * 1024 * 1024),
    'SageMaker.DescribeEndpoint',
    413,
    'RequestEntityTooLargeException',
    /exceeds the sandbox limit of 1048576 bytes/,
  ],
];

for (const [name, body, target, status, type, message] of badRequests) {
  test(`a bad request gets a clear 4xx: ${name}`, async () => {
    const answer = await raw(body, target);
    assert.equal(answer.status, status);
    assert.equal(answer.body.__type, type);
    assert.match(answer.body.message, message);
  });
}

test('the server keeps serving after bad requests', async () => {
  assert.equal((await describe()).EndpointStatus, 'InService');
});

test('the control API over HTTP seeds, injects faults and reports transitions', async () => {
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${h.sandbox.url}/_sandbox/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as { result?: unknown; error?: string } };
  };
  assert.equal((await post('seedEndpoint', { name: 'web', config: 'web-v1', instances: 2 })).status, 200);
  assert.equal((await post('injectFault', { kind: 'throttle', match: 'web', count: -1 })).status, 200);
  assert.equal((await post('clearFaults', {})).status, 200);
  const transitions = await fetch(`${h.sandbox.url}/_sandbox/transitions?endpoint=web`);
  assert.deepEqual(await transitions.json(), {
    result: [{ at: h.sandbox.clock.now(), endpointStatus: 'InService' }],
  });
  const advanced = await post('advance', { seconds: 10 });
  assert.deepEqual(advanced.body, { result: { now: h.sandbox.clock.now() } });
  const missing = await post('seedEndpoint', { name: 'x' });
  assert.deepEqual(
    [missing.status, missing.body.error],
    [400, "seedEndpoint needs 'config' (a non-empty string)."],
  );
  const badKind = await post('injectFault', { kind: 'explode' });
  assert.deepEqual(
    [badKind.status, badKind.body.error],
    [400, "injectFault: 'kind' must be one of throttle, error, drop, latency."],
  );
  const unknown = await post('explode', {});
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.error ?? '', /No control method 'explode'; expected one of seedModel, /);
});

test('over HTTP a fault for every request says count -1, and a fault shows only what its kind uses', async () => {
  const own = await harness();
  try {
    const post = async (path: string, body: unknown) =>
      (
        (await (
          await fetch(`${own.sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) })
        ).json()) as {
          result: Record<string, unknown>;
        }
      ).result;
    const drop = await post('injectFault', { kind: 'drop', count: -1 });
    assert.deepEqual([drop.count, 'status' in drop, 'latencyMs' in drop], [-1, false, false]);
    const error = await post('injectFault', { kind: 'error', status: 503, count: 2 });
    assert.deepEqual([error.count, error.status, 'latencyMs' in error], [2, 503, false]);
    const latency = await post('injectFault', { kind: 'latency', latencyMs: 5 });
    assert.deepEqual([latency.count, latency.latencyMs, 'status' in latency], [1, 5, false]);
    const listed = (await post('faults', {})) as unknown as { count: number }[];
    assert.deepEqual(
      listed.map((f) => f.count),
      [-1, 2, 1],
    );
  } finally {
    await own.stop();
  }
});
