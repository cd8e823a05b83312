import assert from 'node:assert/strict';
import { test } from 'node:test';
import { specificationOf } from '../../src/engine/index.js';

// DescribeInferenceComponent's Specification summary → the Specification an update takes (the planner's
// `currentComponent`): the image as the owner named it, everything else carried as it is.

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
