import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ComponentView, type Observation, observeComponent } from '../../src/engine/index.js';

// DescribeInferenceComponent → observation: a table. The target is model chat-model-v8 with 8 copies.
const target = { model: 'chat-model-v8', copies: 8 };
const on = (model: string, copies = 8, current = copies) => ({
  Specification: { ModelName: model },
  RuntimeConfig: { DesiredCopyCount: copies, CurrentCopyCount: current },
});
const alarmReason =
  'Alarm chat-5xx went into ALARM state during WaitIntervalInSeconds of step 1 of 4. Auto-rollback reverted inference component chat-ic to model chat-model-v7.';
const timeoutReason =
  'The deployment did not finish within MaximumExecutionTimeoutInSeconds (7200 seconds). Rolled back to model chat-model-v7.';

const rows: [string, ComponentView, boolean, Observation][] = [
  [
    'Updating: in progress, the copies running, no share of traffic claimed',
    { InferenceComponentStatus: 'Updating', ...on('chat-model-v8', 8, 10) },
    true,
    { kind: 'progress', phase: 'updating', message: '10 copies running, 8 desired' },
  ],
  [
    'InService on the new model with the desired copies: succeeded',
    { InferenceComponentStatus: 'InService', ...on('chat-model-v8') },
    true,
    { kind: 'succeeded', message: 'InService on model chat-model-v8 with 8 copies' },
  ],
  [
    'InService on the old model after our update, an alarm in FailureReason: rolled back, alarm named',
    { InferenceComponentStatus: 'InService', FailureReason: alarmReason, ...on('chat-model-v7') },
    true,
    { kind: 'rolled-back', reason: alarmReason, alarm: 'chat-5xx' },
  ],
  [
    "the service's timeout: rolled back in the service's words, no alarm",
    { InferenceComponentStatus: 'InService', FailureReason: timeoutReason, ...on('chat-model-v7') },
    true,
    { kind: 'rolled-back', reason: timeoutReason },
  ],
  [
    'InService on the old model with no reason after our update: rolled back, said plainly',
    { InferenceComponentStatus: 'InService', ...on('chat-model-v7', 4) },
    true,
    {
      kind: 'rolled-back',
      reason:
        'the inference component is back InService on model chat-model-v7 with 4 copies, not chat-model-v8',
    },
  ],
  [
    'InService on the new model with other copies after our update (a scaling policy): succeeded, said so',
    { InferenceComponentStatus: 'InService', ...on('chat-model-v8', 4) },
    true,
    {
      kind: 'succeeded',
      message:
        'InService on model chat-model-v8 with 4 copies (the file asked for 8 copies; a scaling policy may have changed them)',
    },
  ],
  [
    'InService on the old model before the update shows: still waiting',
    { InferenceComponentStatus: 'InService', ...on('chat-model-v7') },
    false,
    { kind: 'progress', phase: 'waiting', message: 'update not visible yet' },
  ],
  [
    'Failed: failed with FailureReason',
    { InferenceComponentStatus: 'Failed', FailureReason: 'boom', ...on('chat-model-v8') },
    true,
    { kind: 'failed', reason: 'inference component Failed: boom' },
  ],
  [
    'Updating to another model: another update is running',
    { InferenceComponentStatus: 'Updating', ...on('chat-model-v9') },
    true,
    {
      kind: 'failed',
      reason: 'another update, to model chat-model-v9, is running on the inference component',
    },
  ],
  [
    'Deleting: failed',
    { InferenceComponentStatus: 'Deleting', ...on('chat-model-v8') },
    true,
    { kind: 'failed', reason: 'the inference component is being deleted' },
  ],
];

for (const [name, view, updateSeen, expected] of rows)
  test(`observeComponent: ${name}`, () => {
    assert.deepEqual(observeComponent(view, target, updateSeen), expected);
  });

test('observeComponent: without a copy count to reach, the new model InService is success', () => {
  const seen = observeComponent(
    { InferenceComponentStatus: 'InService', ...on('chat-model-v8', 3) },
    { model: 'chat-model-v8' },
    true,
  );
  assert.deepEqual(seen, { kind: 'succeeded', message: 'InService on model chat-model-v8 with 3 copies' });
});
