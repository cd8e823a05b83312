import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import {
  type DeploymentConfig,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness, type Seen, seen } from './harness.js';

// Each row: seconds after UpdateEndpoint → what DescribeEndpoint shows. Sandbox timings: 120 s
// provisioning (per fleet, or per rolling batch), 5 s traffic shift, 30 s termination.
interface Case {
  name: string;
  capacity: number;
  config: DeploymentConfig;
  /** Control calls made before the update. */
  setup?: (h: Harness) => void;
  timeline: [at: number, expected: Seen][];
  failure?: RegExp;
}

const updating = (variantStatus: string, green: number, blue: number): Seen => ({
  status: 'Updating',
  config: 'app-v1',
  variantStatus,
  green,
  blue,
});
const rollingBack = (variantStatus: string, green: number, blue: number): Seen => ({
  ...updating(variantStatus, green, blue),
  status: 'RollingBack',
});
const onNew: Seen = { status: 'InService', config: 'app-v2' };
const onOld: Seen = { status: 'InService', config: 'app-v1' };

const rolling = (rollback?: number): DeploymentConfig => ({
  RollingUpdatePolicy: {
    MaximumBatchSize: { Type: 'INSTANCE_COUNT', Value: 2 },
    WaitIntervalInSeconds: 300,
    MaximumExecutionTimeoutInSeconds: 3600,
    ...(rollback ? { RollbackMaximumBatchSize: { Type: 'INSTANCE_COUNT', Value: rollback } } : {}),
  },
  AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'app-errors' }] },
});

const cases: Case[] = [
  {
    name: 'all-at-once bakes on full capacity for TerminationWaitInSeconds',
    capacity: 4,
    config: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 },
        TerminationWaitInSeconds: 120,
      },
    },
    timeline: [
      [0, updating('Creating', 0, 4)],
      [120, updating('ActivatingTraffic', 4, 0)],
      [125, updating('Baking', 4, 0)],
      [245, { ...updating('Deleting', 4, 0) }],
      [275, onNew],
    ],
  },
  {
    name: 'linear 50% of 4 moves two instances per step',
    capacity: 4,
    config: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'LINEAR',
          LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 50 },
          WaitIntervalInSeconds: 60,
        },
        TerminationWaitInSeconds: 60,
      },
    },
    timeline: [
      [120, updating('ActivatingTraffic', 2, 2)],
      [125, updating('Baking', 2, 2)],
      [185, updating('ActivatingTraffic', 4, 0)],
      [190, updating('Baking', 4, 0)],
      [250, updating('Deleting', 4, 0)],
      [280, onNew],
    ],
  },
  {
    name: 'rolling replaces two instances per batch with a bake each',
    capacity: 4,
    config: rolling(),
    timeline: [
      [0, updating('Creating', 0, 4)],
      [120, updating('ActivatingTraffic', 2, 2)],
      [125, updating('Baking', 2, 2)],
      [425, updating('Deleting', 2, 2)],
      [455, updating('Creating', 2, 2)],
      [575, updating('ActivatingTraffic', 4, 0)],
      [580, updating('Baking', 4, 0)],
      [880, updating('Deleting', 4, 0)],
      [910, onNew],
    ],
  },
  {
    name: 'rolling rollback replaces new instances in batches of RollbackMaximumBatchSize',
    capacity: 4,
    config: rolling(1),
    setup: (h) => h.sandbox.control.scheduleAlarm({ alarm: 'app-errors', endpoint: 'app', step: 2 }),
    timeline: [
      [580, updating('Baking', 4, 0)],
      [581, rollingBack('Creating', 3, 1)],
      [706, rollingBack('Creating', 2, 2)],
      [831, rollingBack('Creating', 1, 3)],
      [956, rollingBack('Creating', 0, 4)],
      [1081, onOld],
    ],
    failure: /app-errors went into ALARM state during WaitIntervalInSeconds of step 2 of 2/,
  },
  {
    name: 'rolling rollback without a rollback batch size replaces everything at once',
    capacity: 4,
    config: rolling(),
    setup: (h) => h.sandbox.control.scheduleAlarm({ alarm: 'app-errors', endpoint: 'app', step: 1 }),
    timeline: [
      [126, rollingBack('Creating', 0, 4)],
      [251, onOld],
    ],
    failure: /step 1 of 2/,
  },
  {
    name: 'rolling with new instances that never pass health checks drops the first batch',
    capacity: 4,
    config: rolling(),
    setup: (h) => h.sandbox.control.failNewInstances({ endpoint: 'app' }),
    timeline: [
      [119, updating('Creating', 0, 4)],
      [120, rollingBack('Deleting', 0, 4)],
      [150, onOld],
    ],
    failure: /did not pass the ping health check/,
  },
];

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.stop());

for (const c of cases) {
  test(c.name, async () => {
    h.sandbox.control.seedEndpoint({ name: 'app', config: 'app-v1', instances: c.capacity });
    h.sandbox.control.seedEndpointConfig({ name: 'app-v2', instances: c.capacity });
    h.sandbox.control.seedAlarm({ name: 'app-errors' });
    c.setup?.(h);
    const start = h.sandbox.clock.now();
    await h.sageMaker.send(
      new UpdateEndpointCommand({
        EndpointName: 'app',
        EndpointConfigName: 'app-v2',
        DeploymentConfig: c.config,
      }),
    );
    for (const [at, expected] of c.timeline) {
      await h.advance(at - (h.sandbox.clock.now() - start) / 1000);
      const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'app' }));
      assert.deepEqual(seen(d), expected, `at ${at} s`);
    }
    const done = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'app' }));
    if (c.failure) assert.match(done.FailureReason ?? '', c.failure);
    else assert.equal(done.FailureReason, undefined);
  });
}

test('VariantStatus carries SageMaker-style messages and start times while baking', async () => {
  h.sandbox.control.seedEndpoint({ name: 'app', config: 'app-v1', instances: 4 });
  h.sandbox.control.seedEndpointConfig({ name: 'app-v2', instances: 4 });
  const start = h.sandbox.clock.now();
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: 'app',
      EndpointConfigName: 'app-v2',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'CANARY',
            CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
            WaitIntervalInSeconds: 600,
          },
          TerminationWaitInSeconds: 600,
        },
      },
    }),
  );
  await h.advance(300);
  const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'app' }));
  assert.equal(d.EndpointStatus, 'Updating');
  assert.equal(d.PendingDeploymentSummary?.EndpointConfigName, 'app-v2');
  assert.equal(d.PendingDeploymentSummary?.StartTime?.getTime(), start);
  const pending = d.PendingDeploymentSummary?.ProductionVariants?.[0];
  assert.equal(pending?.VariantName, 'AllTraffic');
  assert.equal(pending?.DesiredInstanceCount, 4);
  assert.deepEqual(pending?.VariantStatus, [
    {
      Status: 'Baking',
      StatusMessage:
        'Baking for 600 seconds (WaitIntervalInSeconds) with traffic enabled on canary capacity of 1 instance(s).',
      StartTime: new Date(start + 125_000),
    },
  ]);
  assert.equal(d.ProductionVariants?.[0]?.CurrentInstanceCount, 3);
  assert.match(pending?.DeployedImages?.[0]?.ResolvedImage ?? '', /@sha256:[0-9a-f]{64}$/);
});

test('RetainDeploymentConfig runs the deployment config stored on the endpoint', async () => {
  const stored: DeploymentConfig = {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: {
        Type: 'CANARY',
        CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
        WaitIntervalInSeconds: 300,
      },
      TerminationWaitInSeconds: 0,
    },
  };
  h.sandbox.control.seedEndpoint({
    name: 'app',
    config: 'app-v1',
    instances: 2,
    deploymentConfig: stored as Record<string, unknown>,
  });
  h.sandbox.control.seedEndpointConfig({ name: 'app-v2', instances: 2 });
  const start = h.sandbox.clock.now();
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: 'app',
      EndpointConfigName: 'app-v2',
      RetainDeploymentConfig: true,
    }),
  );
  for (const [at, expected] of [
    [125, updating('Baking', 1, 1)],
    [425, updating('ActivatingTraffic', 2, 0)],
    [430, updating('Deleting', 2, 0)],
    [460, onNew],
  ] as const) {
    await h.advance(at - (h.sandbox.clock.now() - start) / 1000);
    const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'app' }));
    assert.deepEqual(seen(d), expected, `at ${at} s`);
    assert.deepEqual(d.LastDeploymentConfig, stored);
  }
});
