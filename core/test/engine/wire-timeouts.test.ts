// A cloud API that accepts the connection and never answers (a network that drops packets, a hung proxy): every
// call fails with a transient `TimeoutError` instead of hanging the deploy; a caller's interrupt stays an abort.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
import { sageMakerClients } from '../../src/engine/sagemaker/clients.js';
import { isTransient } from '../../src/engine/transient.js';
import { googleCall } from '../../src/engine/vertex/client.js';
import { wireSignal } from '../../src/engine/wire-timeouts.js';

const held: Socket[] = [];
const silent = createServer((socket) => held.push(socket));
let url = '';

before(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
});

after(() => {
  for (const socket of held) socket.destroy();
  silent.close();
});

const short = { connectMs: 1_000, answerMs: 300 };
const keys = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };

test('a SageMaker call that gets no answer fails with a transient TimeoutError', {
  timeout: 10_000,
}, async () => {
  const { sagemaker } = sageMakerClients(undefined, { ...keys, AWS_ENDPOINT_URL: url }, short);
  const error = await sagemaker
    .send(new DescribeEndpointCommand({ EndpointName: 'e' }))
    .catch((e: unknown) => e);
  assert.equal((error as Error).name, 'TimeoutError');
  assert.ok(isTransient(error));
});

test('a CloudWatch call that gets no answer fails the same way', { timeout: 10_000 }, async () => {
  const { cloudwatch } = sageMakerClients(undefined, { ...keys, AWS_ENDPOINT_URL_CLOUDWATCH: url }, short);
  const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
  const error = await cloudwatch.send(new DescribeAlarmsCommand({})).catch((e: unknown) => e);
  assert.equal((error as Error).name, 'TimeoutError');
  assert.ok(isTransient(error));
});

const tokens = { describe: async () => 'a test token', token: async () => 'token' };

test('a Vertex AI call that gets no answer fails with a transient TimeoutError', {
  timeout: 10_000,
}, async () => {
  const error = await googleCall(url, tokens, 'GET', 'v1beta1/x', undefined, undefined, 300).catch(
    (e: unknown) => e,
  );
  assert.equal((error as Error).name, 'TimeoutError');
  assert.equal((error as Error).message, `no answer to GET ${url}/v1beta1/x within 0.3 s`);
  assert.ok(isTransient(error));
});

test('an interrupt while a Vertex AI call waits is an abort, not a transient error', {
  timeout: 10_000,
}, async () => {
  const interrupt = new AbortController();
  const call = googleCall(url, tokens, 'GET', 'v1beta1/x', undefined, interrupt.signal, 5_000);
  setTimeout(() => interrupt.abort(), 50);
  const error = await call.catch((e: unknown) => e);
  assert.equal((error as Error).name, 'AbortError');
  assert.equal(isTransient(error), false);
});

test('wireSignal: the caller’s abort and the time limit, whichever comes first', async () => {
  const interrupt = new AbortController();
  const signal = wireSignal(interrupt.signal, 60_000);
  assert.equal(signal.aborted, false);
  interrupt.abort();
  assert.equal(signal.aborted, true);
  const limited = wireSignal(undefined, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal((limited.reason as Error).name, 'TimeoutError');
});
