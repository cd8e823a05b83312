import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { main } from 'shiftwise';
import { examplePath } from '../../core/test/support/examples.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `shiftwise sandbox …` in-process; resolves `ready` with its stdout once the banner is out. */
function runInProcess(args: string[]) {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  let announce: (text: string) => void = () => {};
  const ready = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const exit = main(['sandbox', ...args], {
    stdout: sink((s) => {
      stdout += s;
      if (stdout.includes('Press Ctrl+C')) announce(stdout);
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    env: {},
    cwd: root,
    signal: controller.signal,
  });
  return { ready, exit, stop: () => controller.abort(), output: () => ({ stdout, stderr }) };
}

const exported = (stdout: string, key: string) => new RegExp(`^export ${key}=(.*)$`, 'm').exec(stdout)?.[1];

test('shiftwise sandbox prints the environment, serves the seeded rollout, and stops on abort', async () => {
  const run = runInProcess([
    '--port',
    '0',
    '--speed',
    '60',
    '--seed',
    examplePath('sagemaker-canary.rollout.yaml'),
  ]);
  const stdout = await run.ready;
  const url = exported(stdout, 'AWS_ENDPOINT_URL');
  assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(
    stdout,
    /seeded SageMaker endpoint fraud-detector-prod on fraud-detector-prod-current \(4 instances\)/,
  );
  assert.match(stdout, /^export AWS_REGION=us-east-1$/m);
  assert.match(stdout, /^export SHIFTWISE_VERTEX_ENDPOINT=http:/m);
  const config = {
    endpoint: url!,
    region: 'us-east-1',
    credentials: { accessKeyId: exported(stdout, 'AWS_ACCESS_KEY_ID')!, secretAccessKey: 'anything' },
  };
  const sm = new SageMakerClient(config);
  const cw = new CloudWatchClient(config);
  const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detector-prod' }));
  assert.equal(endpoint.EndpointStatus, 'InService');
  const alarms = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['fraud-5xx', 'fraud-latency-p99'] }));
  assert.deepEqual(
    alarms.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue]),
    [
      ['fraud-5xx', 'OK'],
      ['fraud-latency-p99', 'OK'],
    ],
  );
  sm.destroy();
  cw.destroy();
  run.stop();
  assert.equal(await run.exit, 0);
  assert.match(run.output().stdout, /shiftwise sandbox: stopped/);
});

test('shiftwise sandbox refuses bad options with usage', async () => {
  for (const [args, message] of [
    [['--port', 'x'], /--port must be a whole number 0–65535, not 'x'/],
    [['--speed', '0'], /--speed must be a number above 0/],
    [['--seed', 'no/such.rollout.yaml'], /cannot read --seed no\/such\.rollout\.yaml/],
    [['--bogus'], /Unknown option '--bogus'/],
  ] as const) {
    const run = runInProcess([...args]);
    assert.equal(await run.exit, 2);
    assert.match(run.output().stderr, message);
  }
});

test('shiftwise sandbox runs as a process and exits 0 on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=source',
      join(root, 'cli/src/bin.ts'),
      'sandbox',
      '--port',
      '0',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      if (stdout.includes('Press Ctrl+C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
  });
  const url = exported(stdout, 'AWS_ENDPOINT_URL')!;
  const health = await fetch(`${url}/_sandbox/now`);
  assert.equal(health.status, 200);
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  clearTimeout(timer);
  assert.equal(code, 0);
});
