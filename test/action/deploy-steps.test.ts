import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateRollout } from '@shiftwise/core';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { repoRoot, runAction } from './run-action.js';

// Shiftwise-run steps through the bundled action as child processes against one sandbox (x3000): deploy mode ends
// paused at the gate without failing the job; a second job in promote mode finishes the rollout; summaries show
// each analysis check's values per step.

const speed = 3000;
const path = 'rollouts/fraud.rollout.yaml';
const text = readFileSync(`${repoRoot}/examples/sagemaker-steps.rollout.yaml`, 'utf8');

const job = (sandbox: Sandbox, mode: 'deploy' | 'promote' | 'abort', file = text) =>
  runAction({
    inputs: { mode, files: path },
    workspace: { [path]: file },
    eventName: 'workflow_dispatch',
    env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: String(speed) },
    timeoutMs: 60_000,
  });

async function scene(): Promise<Sandbox> {
  const sandbox = await startSandbox({ speed });
  const rollout = validateRollout(text, { fileName: path }).value;
  assert.ok(rollout);
  seedRollout(sandbox.control, rollout);
  return sandbox;
}

test('deploy mode ends paused at the gate without failing; promote mode finishes the rollout', async () => {
  const sandbox = await scene();
  try {
    const deployed = await job(sandbox, 'deploy');
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assert.equal(deployed.outputs.outcome, 'paused');
    assert.match(
      deployed.stdout,
      /^Outcome: paused — paused at step 3 of 5 \(a manual gate\); run the workflow with mode: promote \(files: rollouts\/fraud\.rollout\.yaml\) to continue, run it with mode: abort to roll back$/m,
    );
    assert.doesNotMatch(deployed.stdout + deployed.summary, /\bFILE\b/);
    assert.match(deployed.summary, /## fraud-detector-steps: ⏸️ paused at a gate/);
    assert.match(deployed.summary, /\| 1 \| new-5xx \| .* \| ✅ within bounds/);
    assert.match(deployed.summary, /\| 2 \| error-rate-vs-old \|.*\(dry run\) \|$/m);
    // The gate it stopped at is reached, not unseen; the notice names the action's way on, not the CLI's.
    assert.match(deployed.summary, /^\| 3 \| 25% \| 40 min \| gate reached: paused here \| — \|$/m);
    assert.match(
      deployed.stdout,
      /^::notice title=Shiftwise paused::fraud-detector-steps paused at step 3 of 5 \(a manual gate\)\. To continue, run the workflow's promote job \(mode: promote, files: rollouts\/fraud\.rollout\.yaml\); to roll back, run it with mode: abort/m,
    );
    assert.match(
      deployed.summary,
      /^> paused at step 3 of 5 \(a manual gate\)\. To continue, run the workflow's promote job \(`mode: promote`, files: rollouts\/fraud\.rollout\.yaml\)/m,
    );

    const promoted = await job(sandbox, 'promote');
    assert.equal(promoted.code, 0, promoted.stdout + promoted.stderr);
    assert.equal(promoted.outputs.outcome, 'succeeded');
    // At the gate nothing is in flight: the log says where the rollout stands, as the CLI does.
    assert.match(promoted.stdout, /^rollout fraud-detector-steps stands at step 3 of 5 \(paused\)/m);
    assert.doesNotMatch(promoted.stdout, /update in flight/);
    assert.match(promoted.summary, /## fraud-detector-steps: ✅ succeeded/);
    assert.match(promoted.summary, /\| 5 \| new-5xx \|/);
    // Steps 1–3 ran before this job; times count from step 4, where it picked the rollout up.
    assert.match(promoted.summary, /^\| 2 \| 25% \| — \| done before this run \| — \|$/m);
    assert.match(promoted.summary, /^\| 3 \| 25% \| — \| gate: promoted by this run \| — \|$/m);
    assert.match(promoted.summary, /^\| 4 \| 50% \| 0 s \| 0 s \| 0 s \|$/m);
    assert.match(promoted.summary, /^\| 5 \| 100% \| 30 min \| [^|]+ \| [+−]?[^|]*\|$/m);
    assert.doesNotMatch(promoted.summary, /−40 min|not seen/);
  } finally {
    await sandbox.stop();
  }
});

test('abort mode rolls the paused rollout back and fails the job with outcome rolled-back', async () => {
  const sandbox = await scene();
  try {
    assert.equal((await job(sandbox, 'deploy')).outputs.outcome, 'paused');
    // Another file at that path is refused; its way on is the workflow's abort mode, in the log, the error and the
    // summary alike.
    const changed = await job(sandbox, 'deploy', text.replace('bake: 30m', 'bake: 31m'));
    assert.equal(changed.outputs.outcome, 'failed', changed.stdout + changed.stderr);
    const abortMode = /or run the workflow with `?mode: abort`? \(files: rollouts\/fraud\.rollout\.yaml\)$/m;
    assert.match(changed.stdout, new RegExp(`^Outcome: failed — .*${abortMode.source}`, 'm'));
    assert.match(
      changed.stdout,
      new RegExp(`^::error::fraud-detector-steps failed: .*${abortMode.source}`, 'm'),
    );
    assert.match(changed.summary, new RegExp(`^> .*${abortMode.source}`, 'm'));
    assert.doesNotMatch(changed.stdout + changed.summary, /\bFILE\b/);
    const aborted = await job(sandbox, 'abort');
    assert.equal(aborted.code, 1, aborted.stdout + aborted.stderr);
    assert.equal(aborted.outputs.outcome, 'rolled-back');
    assert.match(aborted.summary, /aborted by shiftwise abort/);
  } finally {
    await sandbox.stop();
  }
});
