import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SageMakerRollout } from '@shiftwise/core';
import { type Clock, type DeployEvent, deploy, providerFor } from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox, VIRTUAL_EPOCH } from '@shiftwise/sandbox';
import { example } from './support.js';

// The sandbox stopped mid-rollout (during the canary's bake) and a fresh one started on the same port: the endpoint
// is gone, or back at its seed. Nothing rolled back, so the engine must not say `rolled-back`; it says what it saw.
// The engine's clock follows whichever sandbox is running; the first poll after the stop meets a refused
// connection (retried), and the restart happens in that retry's wait.

const canary = example('sagemaker-canary.rollout.yaml') as SageMakerRollout;
const component = example('sagemaker-inference-component.rollout.yaml') as SageMakerRollout;

async function restartedMidRollout(restart: { seed: boolean; startAt?: number; rollout?: SageMakerRollout }) {
  const rollout = restart.rollout ?? canary;
  // An endpoint's update is stopped in its canary's bake; an inference component's while it updates.
  const midway = rollout === canary ? 'baking' : 'updating';
  let sandbox: Sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, rollout);
  let stage: 'running' | 'baking' | 'stopped' | 'restarted' = 'running';
  const clock: Clock = {
    now: () => sandbox.clock.now(),
    async sleep(ms, signal) {
      if (stage === 'baking') {
        stage = 'stopped';
        await sandbox.stop();
      } else if (stage === 'stopped') {
        stage = 'restarted';
        const { port } = sandbox;
        sandbox = await startSandbox({ clock: 'virtual', port, startAt: restart.startAt ?? VIRTUAL_EPOCH });
        if (restart.seed) seedRollout(sandbox.control, rollout);
        return;
      }
      await sandbox.clock.sleep(ms, signal);
    },
  };
  const events: DeployEvent[] = [];
  try {
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock,
      onEvent: (e) => {
        events.push(e);
        if (stage === 'running' && e.type === 'progress' && e.observation.kind === 'progress')
          if (e.observation.phase === midway) stage = 'baking';
      },
    });
    assert.equal(stage, 'restarted', 'the sandbox was restarted mid-rollout');
    assert.ok(
      events.some((e) => e.type === 'retry'),
      'the refused connection was retried',
    );
    return report;
  } finally {
    await sandbox.stop();
  }
}

test('restarted with the seed (its clock back at the start): failed, no sign of the update, not rolled-back', async () => {
  const report = await restartedMidRollout({ seed: true });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'watch'], report.reason);
  assert.match(
    report.reason,
    /InService on fraud-detector-prod-current, not fraud-detector-v42, with no FailureReason/,
  );
  assert.match(
    report.reason,
    /no sign of this update in its history \(LastModifiedTime .* is not after the update started/,
  );
  assert.match(report.reason, /nothing rolled back/);
});

test('restarted with the seed, later: failed, the endpoint was created anew', async () => {
  const report = await restartedMidRollout({ seed: true, startAt: VIRTUAL_EPOCH + 3_600_000 });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'watch'], report.reason);
  assert.match(
    report.reason,
    /the endpoint was created anew while the update ran \(CreationTime 2026-01-01T10:00:00\.000Z, was 2026-01-01T09:00:00\.000Z\)/,
  );
});

test('restarted empty: failed, the endpoint no longer exists', async () => {
  const report = await restartedMidRollout({ seed: false });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'watch'], report.reason);
  assert.match(report.reason, /endpoint fraud-detector-prod no longer exists/);
  assert.match(report.reason, /nothing rolled back/);
});

test('an inference component, restarted with the seed: failed, no sign of the update, not rolled-back', async () => {
  const report = await restartedMidRollout({ seed: true, rollout: component });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'watch'], report.reason);
  assert.match(
    report.reason,
    /inference component is InService on model chat-model-v8-previous, not chat-model-v8/,
  );
  assert.match(report.reason, /nothing rolled back/);
});

test('an inference component, restarted empty: failed, the endpoint or component no longer exists', async () => {
  const report = await restartedMidRollout({ seed: false, rollout: component });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'watch'], report.reason);
  assert.match(report.reason, /inference component chat-ic no longer exists/);
});
