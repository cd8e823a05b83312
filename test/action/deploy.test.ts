import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateRollout } from '@shiftwise/core';
import { realClock, type Sandbox, type SandboxClock, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { repoRoot, runAction } from './run-action.js';

// Deploy mode end to end: the bundled action as a child process drives the engine against the sandbox, which
// runs 300 times faster than real time (the canary's 23 simulated minutes take under 5 s); SHIFTWISE_CLOCK_SPEED
// tells the action's clock the same. Faster, and one poll's real latency becomes a long stretch of rollout.

const speed = 300;
const path = 'rollouts/fraud.rollout.yaml';
const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');

async function withSandbox(body: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ speed });
  const rollout = validateRollout(canary, { fileName: path }).value;
  assert.ok(rollout);
  seedRollout(sandbox.control, rollout);
  try {
    await body(sandbox);
  } finally {
    await sandbox.stop();
  }
}

function deployRun(sandbox: Sandbox) {
  return runAction({
    inputs: { mode: 'deploy', files: path },
    workspace: { [path]: canary, 'other/x.rollout.yaml': canary },
    eventName: 'workflow_dispatch',
    event: { inputs: {} },
    env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: String(speed) },
    timeoutMs: 60_000,
  });
}

test('a canary that succeeds: outputs, grouped log, summary of planned vs actual steps, exit 0', async () => {
  await withSandbox(async (sandbox) => {
    const run = await deployRun(sandbox);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.outcome, 'succeeded');
    assert.match(run.outputs['duration-seconds'] ?? '', /^\d+$/);
    assert.ok(Number(run.outputs['duration-seconds']) >= 1200, 'two ten-minute bakes, in simulated seconds');
    const plan = JSON.parse(run.outputs.plan ?? '{}');
    assert.equal(plan.strategy, 'canary');
    assert.equal(plan.steps.length, 2);
    assert.match(run.stdout, /^::group::Preflight$/m);
    assert.match(run.stdout, /^::group::Rollout$/m);
    assert.match(run.stdout, /step 1\/2 · 25% traffic · baking/);
    assert.match(run.stdout, /^Outcome: succeeded/m);
    assert.match(run.summary, /## fraud-detector: ✅ succeeded/);
    assert.match(run.summary, /\| 1 \| 25% \| 0 s \| 0 s \| 0 s \|/);
    assert.match(run.summary, /\| 2 \| 100% \| 10 min \| /);
  });
});

test('a canary rolled back by its alarm: outcome rolled-back with the alarm, exit 1', async () => {
  await withSandbox(async (sandbox) => {
    sandbox.control.scheduleAlarm({ alarm: 'fraud-5xx', endpoint: 'fraud-detector-prod', step: 1 });
    const run = await deployRun(sandbox);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.equal(run.outputs.outcome, 'rolled-back');
    assert.match(run.stdout, /^::error::fraud-detector rolled-back: /m);
    assert.match(run.summary, /## fraud-detector: ↩️ rolled back/);
    assert.match(run.summary, /Alarm that tripped: \*\*fraud-5xx\*\*/);
    assert.match(run.summary, /\| 2 \| 100% \| 10 min \| not seen \| — \|/);
  });
});

/**
 * Real time at `speed`, except that the clock moves at most `stepMs` simulated per read. The last wave's state (4 of
 * 4 ready, the old replica retiring) lasts 10 simulated seconds, 33 real ms at ×300: on a loaded machine a late look
 * skipped it and the log had no "step 4/4". A look is two requests that read the clock twice each, so capped at 2 s
 * a read the sandbox moves at most 8 s between two looks, however late they come, and every wave is seen.
 */
function pacedClock(speed: number, stepMs: number): SandboxClock {
  const real = realClock(speed);
  let last = real.now();
  return { ...real, now: () => (last = Math.min(real.now(), last + stepMs)) };
}

test('a Vertex AI rolling deployment: one line per wave, every wave in the summary, exit 0', async () => {
  // Timeout 4 h (48 real seconds at ×300), not 1 h: a paced sandbox takes longer in real time when answers are slow,
  // and the action's watch deadline runs on its own clock.
  const vertex = readFileSync(`${repoRoot}/examples/vertex-rolling.rollout.yaml`, 'utf8').replace(
    'timeout: 1h',
    'timeout: 4h',
  );
  assert.match(vertex, /^timeout: 4h$/m);
  const sandbox = await startSandbox({ clock: pacedClock(speed, 2000) });
  try {
    const rollout = validateRollout(vertex).value;
    assert.ok(rollout);
    seedRollout(sandbox.control, rollout);
    const run = await runAction({
      inputs: { mode: 'deploy', files: 'sentiment.rollout.yaml' },
      workspace: { 'sentiment.rollout.yaml': vertex },
      eventName: 'workflow_dispatch',
      env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: String(speed) },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.outcome, 'succeeded');
    for (const step of [1, 2, 3, 4])
      assert.match(run.stdout, new RegExp(`wave ${step}/4 · ${step * 25}% traffic`));
    assert.match(run.summary, /## sentiment: ✅ succeeded/);
    // Waves have no planned time: their start is the estimate (5 min a wave), said to be one, never 0 s.
    assert.match(run.summary, /\| wave \| traffic \| estimated start \| actual start \| vs estimate \|/);
    assert.match(run.summary, /\| 4 \| 100% \| about 15 min \| \d/);
  } finally {
    await sandbox.stop();
  }
});

test('a cancelled run stops watching, says the update goes on, and fails', async () => {
  await withSandbox(async (sandbox) => {
    const run = await runAction({
      inputs: { mode: 'deploy', files: path },
      workspace: { [path]: canary },
      eventName: 'workflow_dispatch',
      env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: String(speed) },
      interrupt: { when: /^Update started\.$/m, signal: 'SIGINT' },
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^::warning::Cancelled while watching rollouts\/fraud\.rollout\.yaml: the update itself goes on/m,
    );
    assert.equal(run.outputs.outcome, 'failed');
    assert.doesNotMatch(run.stdout, /^Outcome:/m, 'no verdict about our own abort');
  });
});

test('deploy mode needs files to match one rollout file', async () => {
  const run = await runAction({
    inputs: { mode: 'deploy' },
    workspace: { [path]: canary, 'other/x.rollout.yaml': canary },
    eventName: 'workflow_dispatch',
  });
  assert.equal(run.code, 1);
  assert.match(
    run.stdout,
    /::error::deploy mode acts on one rollout file, but files: .* matches 2: other\/x\.rollout\.yaml, rollouts\/fraud\.rollout\.yaml\. Set files to the one to deploy\./,
  );
});

test('promote mode names itself when files match no rollout file', async () => {
  const run = await runAction({
    inputs: { mode: 'promote', files: 'nowhere/*.rollout.yaml' },
    workspace: { [path]: canary },
    eventName: 'workflow_dispatch',
  });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^::error::promote mode: no rollout file in the checkout matches files: /m);
  assert.doesNotMatch(run.stdout, /deploy mode/);
});

test('an invalid rollout file is not deployed', async () => {
  const run = await runAction({
    inputs: { mode: 'deploy', files: path },
    workspace: { [path]: canary.replace('size: 25%', 'size: 70%') },
    eventName: 'workflow_dispatch',
  });
  assert.equal(run.code, 1);
  assert.equal(run.outputs.outcome, 'failed');
  assert.match(run.stdout, /^::error title=Shiftwise canary-size.*line=12/m);
  assert.match(run.stdout, /nothing was deployed/);
});

const refusals: { name: string; env?: Record<string, string>; files: string; error: RegExp }[] = [
  ...['abc', '0', '-60'].map((speed) => ({
    name: `SHIFTWISE_CLOCK_SPEED=${speed}`,
    env: { SHIFTWISE_CLOCK_SPEED: speed },
    files: path,
    error: new RegExp(
      `^::error::SHIFTWISE_CLOCK_SPEED must be a number above 0 \\(the --speed of the sandbox\\), not '${speed}'`,
      'm',
    ),
  })),
  {
    name: 'files that match nothing',
    files: 'nowhere/*.rollout.yaml',
    error:
      /^::error::deploy mode: no rollout file in the checkout matches files: 'nowhere\/\*\.rollout\.yaml'/m,
  },
];

for (const row of refusals)
  test(`deploy mode refuses ${row.name} before sending anything, with outcome failed`, async () => {
    const run = await runAction({
      inputs: { mode: 'deploy', files: row.files },
      workspace: { [path]: canary },
      eventName: 'workflow_dispatch',
      // No cloud to reach: anything sent would fail on the connection, not with these words.
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', ...row.env },
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, row.error);
    assert.equal(run.outputs.outcome, 'failed');
    assert.doesNotMatch(run.stdout, /::group::Preflight/);
  });
