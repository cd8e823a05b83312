import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roomWords, specificationOf } from '../../src/engine/index.js';

// What the inference-component preflight reads, as tables: DescribeInferenceComponent's Specification summary → the
// Specification an update takes (the planner's `currentComponent`), and the variant's managed instance scaling →
// the room check's words.

test('specificationOf: DeployedImage.SpecifiedImage becomes Container.Image; the rest is carried', () => {
  assert.deepEqual(
    specificationOf({
      ModelName: 'chat-model-v7',
      Container: {
        DeployedImage: {
          SpecifiedImage: '123.dkr.ecr.us-east-1.amazonaws.com/tgi:2.4',
          ResolvedImage: '123.dkr.ecr.us-east-1.amazonaws.com/tgi@sha256:abc',
          ResolutionTime: new Date(0),
        },
        ArtifactUrl: 's3://models/chat/v7.tar.gz',
        Environment: { MAX_INPUT_LENGTH: '4096' },
      },
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 900 },
      ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 1024 },
      BaseInferenceComponentName: 'chat-base',
    }),
    {
      ModelName: 'chat-model-v7',
      Container: {
        Image: '123.dkr.ecr.us-east-1.amazonaws.com/tgi:2.4',
        ArtifactUrl: 's3://models/chat/v7.tar.gz',
        Environment: { MAX_INPUT_LENGTH: '4096' },
      },
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 900 },
      ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 1024 },
      BaseInferenceComponentName: 'chat-base',
    },
  );
});

test('specificationOf: a Specification naming only its model stays that; none is empty', () => {
  assert.deepEqual(specificationOf({ ModelName: 'm' }), { ModelName: 'm' });
  assert.deepEqual(specificationOf(undefined), {});
});

const rooms: [string, Parameters<typeof roomWords>[1], RegExp][] = [
  [
    'enabled',
    { Status: 'ENABLED', MaxInstanceCount: 4 },
    /^managed instance scaling is enabled on llm-prod \(up to 4 instances\): SageMaker adds instances/,
  ],
  ['disabled', { Status: 'DISABLED' }, /^room on llm-prod for one batch of extra copies is not verified/],
  ['absent', undefined, /^room on llm-prod for one batch of extra copies is not verified/],
];
for (const [name, scaling, words] of rooms)
  test(`roomWords: managed instance scaling ${name}`, () => {
    assert.match(roomWords('llm-prod', scaling), words);
  });
