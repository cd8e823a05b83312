import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  type DeploymentConfig,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness, type Seen, seen } from './harness.js';

let h: Harness;
let start: number;
beforeEach(async () => {
  h = await harness();
  h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-v41', instances: 4 });
  h.sandbox.control.seedEndpointConfig({ name: 'fraud-v42', instances: 4 });
  h.sandbox.control.seedAlarm({ name: 'fraud-5xx' });
  h.sandbox.control.seedAlarm({ name: 'fraud-latency' });
});
afterEach(() => h.stop());

const alarms = { Alarms: [{ AlarmName: 'fraud-5xx' }, { AlarmName: 'fraud-latency' }] };
const canary: DeploymentConfig = {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: 'CANARY',
      CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
      WaitIntervalInSeconds: 600,
    },
    TerminationWaitInSeconds: 300,
    MaximumExecutionTimeoutInSeconds: 3600,
  },
  AutoRollbackConfiguration: alarms,
};

async function update(deploymentConfig: DeploymentConfig) {
  start = h.sandbox.clock.now();
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: 'fraud',
      EndpointConfigName: 'fraud-v42',
      DeploymentConfig: deploymentConfig,
    }),
  );
}

/** Advances to each `at` (seconds from the update) and compares DescribeEndpoint. */
async function expectTimeline(rows: [at: number, expected: Seen][]) {
  for (const [at, expected] of rows) {
    await h.advance(at - (h.sandbox.clock.now() - start) / 1000);
    assert.deepEqual(seen(await describe()), expected, `at ${at} s`);
  }
}

const describe = () => h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud' }));

test('an alarm set to ALARM through CloudWatch during the canary bake rolls back to the old config', async () => {
  await update(canary);
  await h.advance(200);
  await h.cloudWatch.send(
    new SetAlarmStateCommand({
      AlarmName: 'fraud-latency',
      StateValue: 'ALARM',
      StateReason: 'p99 above 800 ms',
    }),
  );
  await expectTimeline([
    [
      200,
      { status: 'RollingBack', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 0, blue: 4 },
    ],
    [205, { status: 'RollingBack', config: 'fraud-v41', variantStatus: 'Deleting', green: 0, blue: 4 }],
    [235, { status: 'InService', config: 'fraud-v41' }],
  ]);
  const done = await describe();
  assert.match(
    done.FailureReason ?? '',
    /Alarm fraud-latency went into ALARM state during WaitIntervalInSeconds of step 1 of 2/,
  );
  assert.equal(h.sandbox.control.lastTransition({ endpoint: 'fraud' })?.at, start + 235_000);
});

test('an alarm scheduled for the termination wait rolls back after full traffic was on green', async () => {
  h.sandbox.control.scheduleAlarm({ alarm: 'fraud-5xx', endpoint: 'fraud', step: 2 });
  await update(canary);
  // Step 2 bakes from 730 s; the alarm fires one second in.
  await expectTimeline([
    [730, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Baking', green: 4, blue: 0 }],
    [
      731,
      { status: 'RollingBack', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 0, blue: 4 },
    ],
    [766, { status: 'InService', config: 'fraud-v41' }],
  ]);
  assert.match((await describe()).FailureReason ?? '', /fraud-5xx .*TerminationWaitInSeconds of step 2 of 2/);
});

test('an alarm already in ALARM when a bake starts rolls back at the start of the bake', async () => {
  h.sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
  await update(canary);
  await expectTimeline([
    [124, { status: 'Updating', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 1, blue: 3 }],
    [
      125,
      { status: 'RollingBack', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 0, blue: 4 },
    ],
    [160, { status: 'InService', config: 'fraud-v41' }],
  ]);
});

test('an alarm that fires and clears between two polls still rolls back', async () => {
  await update(canary);
  h.sandbox.control.scheduleAlarm({ alarm: 'fraud-5xx', at: start + 300_000 });
  h.sandbox.control.scheduleAlarm({ alarm: 'fraud-5xx', state: 'OK', at: start + 310_000 });
  await expectTimeline([[2000, { status: 'InService', config: 'fraud-v41' }]]);
  const transitions = h.sandbox.control.transitions({ endpoint: 'fraud' });
  assert.deepEqual(
    transitions.filter((t) => t.endpointStatus === 'RollingBack').map((t) => (t.at - start) / 1000),
    [300, 305],
  );
});

test('MaximumExecutionTimeoutInSeconds exceeded rolls back at the deadline', async () => {
  // Linear 1 of 4, bake 600: 120 + 4 × 605 + 30 = 2570 s planned; the deadline is 1800 s.
  await update({
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: {
        Type: 'LINEAR',
        LinearStepSize: { Type: 'INSTANCE_COUNT', Value: 1 },
        WaitIntervalInSeconds: 600,
      },
      TerminationWaitInSeconds: 0,
      MaximumExecutionTimeoutInSeconds: 1800,
    },
  });
  await expectTimeline([
    [1799, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Baking', green: 3, blue: 1 }],
    [
      1800,
      { status: 'RollingBack', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 0, blue: 4 },
    ],
    [1835, { status: 'InService', config: 'fraud-v41' }],
  ]);
  assert.match((await describe()).FailureReason ?? '', /MaximumExecutionTimeoutInSeconds \(1800 seconds\)/);
});

test('new instances that never pass health checks end the update on the old config', async () => {
  h.sandbox.control.failNewInstances({ endpoint: 'fraud' });
  await update(canary);
  await expectTimeline([
    [119, { status: 'Updating', config: 'fraud-v41', variantStatus: 'Creating', green: 0, blue: 4 }],
    [
      120,
      { status: 'RollingBack', config: 'fraud-v41', variantStatus: 'ActivatingTraffic', green: 0, blue: 4 },
    ],
    [155, { status: 'InService', config: 'fraud-v41' }],
  ]);
  assert.match((await describe()).FailureReason ?? '', /did not pass the ping health check/);
});
