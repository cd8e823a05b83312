import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateRollout } from '@shiftwise/core';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { repoRoot, runAction } from './run-action.js';

// Deploy mode for an inference component, end to end: the bundled action as a child process rolls the example's
// eight copies of chat-ic to chat-model-v8 against the sandbox (300 times real time, as deploy.test.ts runs).

const speed = 300;
const path = 'rollouts/chat.rollout.yaml';
const text = readFileSync(`${repoRoot}/examples/sagemaker-inference-component.rollout.yaml`, 'utf8');

async function deployOnSandbox(trouble?: (sandbox: Sandbox) => void) {
  const sandbox = await startSandbox({ speed });
  try {
    const rollout = validateRollout(text, { fileName: path }).value;
    assert.ok(rollout);
    seedRollout(sandbox.control, rollout);
    trouble?.(sandbox);
    return await runAction({
      inputs: { mode: 'deploy', files: path },
      workspace: { [path]: text },
      eventName: 'workflow_dispatch',
      env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: String(speed) },
      timeoutMs: 60_000,
    });
  } finally {
    await sandbox.stop();
  }
}

test('an inference component rolled in batches: outcome succeeded, the plan in copies, the summary, exit 0', async () => {
  const run = await deployOnSandbox();
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.outcome, 'succeeded');
  const plan = JSON.parse(run.outputs.plan ?? '{}');
  assert.deepEqual([plan.target, plan.steps.length], ['inference-component', 4]);
  assert.match(run.stdout, /inference component chat-ic InService on llm-prod, model chat-model-v8-previous/);
  assert.match(run.stdout, /updating · \d+ copies running, 8 desired/);
  assert.match(run.stdout, /^Outcome: succeeded/m);
  assert.match(run.summary, /## chat: ✅ succeeded/);
  assert.match(run.summary, /> InService on model chat-model-v8 with 8 copies/);
  assert.match(run.summary, /DescribeInferenceComponent reports no batch status/);
  assert.doesNotMatch(run.summary, /not seen/);
});

test('an inference component rolled back by its alarm: outcome rolled-back, the alarm in the summary, exit 1', async () => {
  const run = await deployOnSandbox((s) =>
    s.control.scheduleAlarm({ alarm: 'chat-5xx', endpoint: 'chat-ic', step: 1 }),
  );
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.equal(run.outputs.outcome, 'rolled-back');
  assert.match(run.summary, /## chat: ↩️ rolled back/);
  assert.match(run.summary, /Alarm that tripped: \*\*chat-5xx\*\*/);
  assert.match(run.summary, /reverted inference component chat-ic to model chat-model-v8-previous/);
});
