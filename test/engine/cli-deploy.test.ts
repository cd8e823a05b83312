import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { main } from 'shiftwise';
import { example } from './support.js';

// `shiftwise deploy` against a sandbox elsewhere (its exports, as a user would set them): --no-wait leaves the
// update running and exits 0; an interrupt says where the rollout stands and how to resume, and exits 4.

const root = fileURLToPath(new URL('../..', import.meta.url));
const file = 'examples/sagemaker-canary.rollout.yaml';

async function cli(args: string[], env: NodeJS.ProcessEnv, interruptWhen?: RegExp) {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const code = await main(args, {
    stdout: sink((s) => {
      stdout += s;
      if (interruptWhen?.test(stdout) && !controller.signal.aborted) controller.abort();
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    env,
    cwd: root,
    signal: controller.signal,
  });
  return { code, stdout, stderr };
}

async function onSandbox(
  check: (env: NodeJS.ProcessEnv, status: () => Promise<string | undefined>) => Promise<void>,
  seeded = 'sagemaker-canary.rollout.yaml',
) {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, example(seeded));
    const client = new SageMakerClient({
      endpoint: sandbox.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const status = async () =>
      (await client.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detector-prod' })))
        .EndpointStatus;
    await check({ ...sandbox.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, status);
  } finally {
    await sandbox.stop();
  }
}

test('deploy --no-wait: starts the update, exits 0 without watching, says how to watch', () =>
  onSandbox(async (env, status) => {
    const { code, stdout } = await cli(['deploy', file, '--no-wait'], env);
    assert.equal(code, 0, stdout);
    assert.match(
      stdout,
      /update started\n.*not watching it \(--no-wait\)\. Run `shiftwise deploy examples\/sagemaker-canary/,
    );
    assert.equal(await status(), 'Updating');
    const again = await cli(['deploy', file, '--no-wait', '--format', 'json'], env);
    assert.equal(again.code, 0);
    // With --format json the report is alone on stdout; the attach line is progress, on stderr.
    assert.match(again.stderr, /already running: watching it/);
    assert.match(again.stdout, /"outcome":"started"/);
  }));

test('deploy interrupted while watching: exit 4, the update keeps running, how to resume', () =>
  onSandbox(async (env, status) => {
    const { code, stderr } = await cli(['deploy', file], env, /update started/);
    assert.equal(code, 4);
    assert.match(
      stderr,
      /interrupted; the update keeps running at the provider.*Run `shiftwise deploy examples\/sagemaker-canary\.rollout\.yaml` again/,
    );
    assert.equal(await status(), 'Updating');
  }));

test('a rollout Shiftwise runs, interrupted: it stands still and unwatched; deploy goes on, abort rolls back', () =>
  onSandbox(async (env) => {
    const steps = 'examples/sagemaker-steps.rollout.yaml';
    const { code, stderr } = await cli(['deploy', steps], env, /update started/);
    assert.equal(code, 4);
    assert.match(stderr, /interrupted.*so it now stands still: .*no alarm or analysis watches it/);
    assert.match(
      stderr,
      /Run `shiftwise deploy examples\/sagemaker-steps\.rollout\.yaml` to go on from here, or `shiftwise abort examples\/sagemaker-steps\.rollout\.yaml` to roll it back\./,
    );
    assert.doesNotMatch(stderr, /keeps running at the provider/);
  }, 'sagemaker-steps.rollout.yaml'));

test('deploy interrupted before the update is sent: nothing changed', () =>
  onSandbox(async (env, status) => {
    const { code, stderr } = await cli(['deploy', file], env, /^/);
    assert.equal(code, 4);
    assert.match(stderr, /interrupted before any update was sent; nothing changed/);
    assert.equal(await status(), 'InService');
  }));

test('deploy --timeout is --watch-timeout; both at once is a usage error', async () => {
  const { code, stderr } = await cli(['deploy', file, '--timeout', '1h', '--watch-timeout', '2h'], {});
  assert.equal(code, 2);
  assert.match(stderr, /--timeout and --watch-timeout are the same option/);
});

test('deploy of a file fine without capacity but not for the fleet found: exit 4, the finding as validate shows it', () =>
  onSandbox(async (env, status) => {
    const dir = mkdtempSync(join(tmpdir(), 'shiftwise-'));
    const path = join(dir, 'canary.rollout.yaml');
    const text = readFileSync(join(root, file), 'utf8')
      .replace(/^capacity: 4\n/m, '')
      .replace('size: 25%', 'size: 3');
    writeFileSync(path, text);
    const { code, stdout, stderr } = await cli(['deploy', path], env);
    assert.equal(code, 4, stdout + stderr);
    assert.match(
      stderr,
      /canary\.rollout\.yaml:11:9: error 'strategy\.size' 3 instances is 75% of capacity 4; .*\[canary-size\]\n 11 \| {3}size: 3\n/,
    );
    assert.match(stdout, /with the 4 instances preflight found, the file has an error: \[canary-size\]/);
    assert.equal(await status(), 'InService');
  }));
