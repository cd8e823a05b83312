import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SageMakerRollout } from '@shiftwise/core';
import { deploy, sageMakerClients, sageMakerProvider } from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example } from './support.js';

// AWS documents no wording for FailureReason after an alarm rollback. When it names no alarm in words the engine
// reads, the alarm is found in CloudWatch (the file's alarm now in ALARM). The reason is reworded on the way in
// by a middleware of the real SDK client: the sandbox itself names the alarm.

test('an alarm rollback whose FailureReason names no alarm: the alarm comes from CloudWatch', async () => {
  const rollout = example('sagemaker-canary.rollout.yaml') as SageMakerRollout;
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, rollout);
    sandbox.control.scheduleAlarm({ alarm: 'fraud-latency-p99', endpoint: rollout.endpoint, step: 1 });
    const clients = sageMakerClients(rollout.region, sandbox.env);
    clients.sagemaker.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { FailureReason?: string };
        if (output.FailureReason) output.FailureReason = 'Endpoint update was rolled back.';
        return result;
      },
      { step: 'initialize', name: 'rewordFailureReason' },
    );
    const report = await deploy(rollout, sageMakerProvider(rollout, clients), { clock: sandbox.clock });
    assert.deepEqual(
      [report.outcome, report.alarm, report.reason],
      ['rolled-back', 'fraud-latency-p99', 'Endpoint update was rolled back.'],
    );
  } finally {
    await sandbox.stop();
  }
});
