import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeEndpointCommand, UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { type Harness, harness, type Seen, seen } from './harness.js';

// Timings 120 s provisioning, 5 s traffic shift, 30 s blue termination (the sandbox defaults).
// Canary 1 of 4, bake 600, termination wait 300 →
// Creating 0–120 · Activating 120–125 · Baking 125–725 · Activating 725–730 · Baking 730–1030 · Deleting 1030–1060.
const canaryTimeline: [seconds: number, expected: Seen][] = [
  [0, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Creating', green: 0, blue: 4 }],
  [119, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Creating', green: 0, blue: 4 }],
  [120, { status: 'Updating', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 1, blue: 3 }],
  [125, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Baking', green: 1, blue: 3 }],
  [724, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Baking', green: 1, blue: 3 }],
  [725, { status: 'Updating', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 4, blue: 0 }],
  [730, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Baking', green: 4, blue: 0 }],
  [1030, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Deleting', green: 4, blue: 0 }],
  [1060, { status: 'InService', config: 'fraud-v42' }],
];

let h: Harness;
before(async () => {
  h = await harness();
  h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-v41', instances: 4 });
  h.sandbox.control.seedEndpointConfig({ name: 'fraud-v42', instances: 4 });
  h.sandbox.control.seedAlarm({ name: 'fraud-5xx' });
});
after(() => h.stop());

test('canary: DescribeEndpoint walks Creating → ActivatingTraffic → Baking → … → InService on the new config', async () => {
  const start = h.sandbox.clock.now();
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: 'fraud',
      EndpointConfigName: 'fraud-v42',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'CANARY',
            CanarySize: { Type: 'CAPACITY_PERCENT', Value: 25 },
            WaitIntervalInSeconds: 600,
          },
          TerminationWaitInSeconds: 300,
          MaximumExecutionTimeoutInSeconds: 3600,
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'fraud-5xx' }] },
      },
    }),
  );
  for (const [at, expected] of canaryTimeline) {
    await h.advance(at - (h.sandbox.clock.now() - start) / 1000);
    const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud' }));
    assert.deepEqual(seen(d), expected, `at ${at} s`);
  }
  const done = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud' }));
  assert.equal(done.FailureReason, undefined);
  assert.equal(done.PendingDeploymentSummary, undefined);
  assert.equal(done.LastDeploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration?.Type, 'CANARY');
  assert.equal(done.LastModifiedTime?.getTime(), start + 1060_000);
  assert.equal(h.sandbox.control.lastTransition({ endpoint: 'fraud' })?.at, start + 1060_000);
});
