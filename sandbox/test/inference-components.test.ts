import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateInferenceComponentCommand,
  DeleteInferenceComponentCommand,
  DescribeInferenceComponentCommand,
  type InferenceComponentDeploymentConfig,
  ListInferenceComponentsCommand,
  UpdateInferenceComponentCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

// Inference components through the real SDK client: creation, rolling updates of copies in batches on the
// virtual clock (success, an alarm in a bake, the timeout), listing, deletion and the service's refusals.

let h: Harness;
let start: number;
beforeEach(async () => {
  h = await harness();
  h.sandbox.control.seedEndpoint({ name: 'llm-prod', config: 'llm-config', instances: 4 });
  h.sandbox.control.seedInferenceComponent({
    name: 'chat-ic',
    endpoint: 'llm-prod',
    model: 'chat-model-v7',
    copies: 8,
  });
  h.sandbox.control.seedModel({ name: 'chat-model-v8' });
  h.sandbox.control.seedAlarm({ name: 'chat-5xx' });
  h.sandbox.control.setTimings({ provisionSeconds: 60, shiftSeconds: 5, terminateSeconds: 15 });
});
afterEach(() => h.stop());

const rolling = (batch: number, wait: number, timeout?: number): InferenceComponentDeploymentConfig => ({
  RollingUpdatePolicy: {
    MaximumBatchSize: { Type: 'COPY_COUNT', Value: batch },
    WaitIntervalInSeconds: wait,
    ...(timeout === undefined ? {} : { MaximumExecutionTimeoutInSeconds: timeout }),
  },
  AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'chat-5xx' }] },
});

async function update(config: InferenceComponentDeploymentConfig | undefined, model = 'chat-model-v8') {
  start = h.sandbox.clock.now();
  return h.sageMaker.send(
    new UpdateInferenceComponentCommand({
      InferenceComponentName: 'chat-ic',
      Specification: { ModelName: model },
      ...(config ? { DeploymentConfig: config } : {}),
    }),
  );
}

async function seenAt(seconds: number) {
  await h.advance(seconds - (h.sandbox.clock.now() - start) / 1000);
  const d = await h.sageMaker.send(
    new DescribeInferenceComponentCommand({ InferenceComponentName: 'chat-ic' }),
  );
  return {
    status: d.InferenceComponentStatus,
    model: d.Specification?.ModelName,
    copies: d.RuntimeConfig?.CurrentCopyCount,
    failure: d.FailureReason,
  };
}

// Batches of 2 of 8 copies: each batch is 60 s starting, 5 s shifting, 300 s baking, 15 s stopping = 380 s.
test('a rolling update replaces the copies batch by batch and ends InService on the new model', async () => {
  await update(rolling(2, 300, 3600));
  // Batch 1 is starting: its 2 new copies run beside the 8 old ones until 2 old ones stop (365–380 s).
  assert.deepEqual(await seenAt(30), {
    status: 'Updating',
    model: 'chat-model-v8',
    copies: 10,
    failure: undefined,
  });
  assert.equal((await seenAt(370)).copies, 8);
  assert.equal((await seenAt(4 * 380 - 1)).status, 'Updating');
  assert.deepEqual(await seenAt(4 * 380 + 1), {
    status: 'InService',
    model: 'chat-model-v8',
    copies: 8,
    failure: undefined,
  });
});

test('an alarm in a bake rolls the copies back to the old model, with the alarm in FailureReason', async () => {
  await update(rolling(2, 300, 3600));
  await h.advance(380 + 100);
  await h.cloudWatch.send(
    new SetAlarmStateCommand({ AlarmName: 'chat-5xx', StateValue: 'ALARM', StateReason: 'errors' }),
  );
  const after = await seenAt(4 * 380 + 600);
  assert.equal(after.status, 'InService');
  assert.equal(after.model, 'chat-model-v7');
  assert.match(
    after.failure ?? '',
    /Alarm chat-5xx went into ALARM .* reverted inference component chat-ic to model chat-model-v7/,
  );
});

test('an update that outlasts MaximumExecutionTimeoutInSeconds rolls back and says so', async () => {
  await update(rolling(1, 300, 600));
  const after = await seenAt(3 * 3600);
  assert.equal(after.model, 'chat-model-v7');
  assert.match(
    after.failure ?? '',
    /MaximumExecutionTimeoutInSeconds \(600 seconds\)\. Rolled back to model chat-model-v7/,
  );
});

test('a step-bound alarm from the control API fires in that batch of a component update', async () => {
  h.sandbox.control.scheduleAlarm({ alarm: 'chat-5xx', endpoint: 'chat-ic', step: 2 });
  await update(rolling(2, 300, 3600));
  const after = await seenAt(4 * 380 + 600);
  assert.match(after.failure ?? '', /step 2 of 4/);
});

const refusals: [name: string, send: () => Promise<unknown>, message: RegExp][] = [
  [
    'an unknown component',
    () => h.sageMaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'nope' })),
    /Could not find inference component "arn:aws:sagemaker:us-east-1:123456789012:inference-component\/nope"/,
  ],
  [
    'a batch above half the copies',
    () => update(rolling(5, 300)),
    /MaximumBatchSize of 5 copies is 63% of the copy count of 8 copies/,
  ],
  ['a bake over an hour', () => update(rolling(2, 3601)), /waitIntervalInSeconds/],
  ['a timeout under ten minutes', () => update(rolling(2, 60, 300)), /maximumExecutionTimeoutInSeconds/],
  ['a model that does not exist', () => update(rolling(2, 60), 'chat-model-v9'), /Could not find model/],
  [
    'an update while one is in progress',
    async () => {
      await update(rolling(2, 60));
      return update(rolling(2, 60));
    },
    /while it is Updating/,
  ],
];

for (const [name, send, message] of refusals) {
  test(`refused with a ValidationException: ${name}`, async () => {
    await assert.rejects(send(), (e: Error) => e.name === 'ValidationException' && message.test(e.message));
  });
}

test('create, list by endpoint, and delete', async () => {
  await h.sageMaker.send(
    new CreateInferenceComponentCommand({
      InferenceComponentName: 'embed-ic',
      EndpointName: 'llm-prod',
      VariantName: 'AllTraffic',
      Specification: {
        ModelName: 'chat-model-v8',
        ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024 },
      },
      RuntimeConfig: { CopyCount: 2 },
    }),
  );
  start = h.sandbox.clock.now();
  const creating = await h.sageMaker.send(
    new DescribeInferenceComponentCommand({ InferenceComponentName: 'embed-ic' }),
  );
  assert.equal(creating.InferenceComponentStatus, 'Creating');
  await h.advance(61);
  const listed = await h.sageMaker.send(
    new ListInferenceComponentsCommand({
      EndpointNameEquals: 'llm-prod',
      SortBy: 'Name',
      SortOrder: 'Ascending',
    }),
  );
  assert.deepEqual(
    listed.InferenceComponents?.map((c) => [c.InferenceComponentName, c.InferenceComponentStatus]),
    [
      ['chat-ic', 'InService'],
      ['embed-ic', 'InService'],
    ],
  );
  await h.sageMaker.send(new DeleteInferenceComponentCommand({ InferenceComponentName: 'embed-ic' }));
  const after = await h.sageMaker.send(new ListInferenceComponentsCommand({}));
  assert.deepEqual(
    after.InferenceComponents?.map((c) => c.InferenceComponentName),
    ['chat-ic'],
  );
});
