import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescribeEndpointCommand, UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { type SandboxClock, virtualClock } from '@shiftwise/sandbox';
import { harness } from './harness.js';

/** A clock that moves one simulated second every time it is read: time passes inside every request. */
function tickingClock(): SandboxClock {
  const inner = virtualClock();
  return {
    ...inner,
    now() {
      const at = inner.now();
      void inner.advance(1000);
      return at;
    },
  };
}

// Each rollback ends at a different offset from the reads around it, so one of them ends between two reads
// of the same request when a request reads the clock more than once.
for (const provision of [3, 4, 5, 6, 7])
  test(`every answer is of one instant: a rollback after ${provision} s of provisioning is running or over, never neither`, async () => {
    const h = await harness({ clock: tickingClock() });
    try {
      h.sandbox.control.setTimings({ provisionSeconds: provision, shiftSeconds: 1, terminateSeconds: 2 });
      h.sandbox.control.seedEndpoint({ name: 'e', config: 'e-v1', instances: 2 });
      h.sandbox.control.seedEndpointConfig({ name: 'e-v2', instances: 2 });
      h.sandbox.control.seedAlarm({ name: 'e-5xx' });
      h.sandbox.control.scheduleAlarm({ alarm: 'e-5xx', endpoint: 'e', step: 1 });
      await h.sageMaker.send(
        new UpdateEndpointCommand({
          EndpointName: 'e',
          EndpointConfigName: 'e-v2',
          DeploymentConfig: {
            BlueGreenUpdatePolicy: {
              TrafficRoutingConfiguration: {
                Type: 'CANARY',
                CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
                WaitIntervalInSeconds: 60,
              },
              TerminationWaitInSeconds: 0,
            },
            AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'e-5xx' }] },
          },
        }),
      );
      for (let i = 0; i < 500; i++) {
        const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'e' }));
        if (d.EndpointStatus !== 'InService') {
          assert.ok(d.PendingDeploymentSummary, `${d.EndpointStatus} without the update it runs`);
          continue;
        }
        assert.equal(d.EndpointConfigName, 'e-v1');
        assert.match(d.FailureReason ?? '', /Alarm e-5xx went into ALARM/, 'back on e-v1 with no reason');
        return;
      }
      assert.fail('the update never ended');
    } finally {
      await h.stop();
    }
  });
