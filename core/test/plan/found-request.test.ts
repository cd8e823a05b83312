import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Found,
  plan,
  type Rollout,
  type VertexRollout,
  validateRollout,
  vertexRevertRequest,
} from '../../src/index.js';

// The requests a deploy sends, from the file and what preflight found (docs/plan.md, "The request"): file and
// found in, `prepare` and `request` out.

const modelTarget =
  'version: 1\nprovider: sagemaker\nendpoint: fraud-prod\nmodel: fraud-v42\nstrategy:\n  type: all-at-once\n';
const configTarget =
  'version: 1\nprovider: sagemaker\nendpoint: fraud-prod\nendpointConfig: fraud-cfg\nstrategy:\n  type: all-at-once\n';
const vertex = (previous = '') =>
  `version: 1\nname: sentiment\nprovider: vertex-ai\nproject: p\nlocation: us-central1\nendpoint: '7'\nmodel: m@2\n${previous}strategy:\n  type: rolling\n  maxSurge: 1\n  maxUnavailable: 0\n`;

const variant = {
  VariantName: 'AllTraffic',
  ModelName: 'fraud-v41',
  InstanceType: 'ml.m5.xlarge',
  InitialInstanceCount: 4,
  InitialVariantWeight: 1,
};
const capture = {
  EnableCapture: true,
  InitialSamplingPercentage: 10,
  DestinationS3Uri: 's3://capture',
  CaptureOptions: [{ CaptureMode: 'Input' }],
};
const resources = { machineSpec: { machineType: 'n1-standard-4' }, minReplicaCount: 3, maxReplicaCount: 3 };

const rows: { name: string; file: string; found?: Found; prepare?: unknown; request?: unknown }[] = [
  {
    name: 'model target, current config read: CreateEndpointConfig of it with the model swapped in',
    file: modelTarget,
    found: {
      provider: 'sagemaker',
      currentConfig: { ProductionVariants: [variant], DataCaptureConfig: capture, KmsKeyId: 'key' },
    },
    prepare: {
      provider: 'sagemaker',
      operation: 'CreateEndpointConfig',
      input: {
        EndpointConfigName: 'fraud-prod--fraud-v42',
        ProductionVariants: [{ ...variant, ModelName: 'fraud-v42' }],
        DataCaptureConfig: capture,
        KmsKeyId: 'key',
      },
    },
  },
  {
    name: 'model target, two variants: each keeps its name, type and count',
    file: modelTarget,
    found: {
      provider: 'sagemaker',
      currentConfig: {
        ProductionVariants: [variant, { ...variant, VariantName: 'Shadow', InitialInstanceCount: 1 }],
      },
    },
    prepare: {
      provider: 'sagemaker',
      operation: 'CreateEndpointConfig',
      input: {
        EndpointConfigName: 'fraud-prod--fraud-v42',
        ProductionVariants: [
          { ...variant, ModelName: 'fraud-v42' },
          { ...variant, VariantName: 'Shadow', InitialInstanceCount: 1, ModelName: 'fraud-v42' },
        ],
      },
    },
  },
  { name: 'model target before preflight: nothing to prepare', file: modelTarget },
  {
    name: 'model target whose config exists (no current config reported): nothing to prepare',
    file: modelTarget,
    found: { provider: 'sagemaker' },
  },
  {
    name: 'endpointConfig target: a current config is never turned into a new one',
    file: configTarget,
    found: { provider: 'sagemaker', currentConfig: { ProductionVariants: [variant] } },
  },
  {
    name: 'Vertex AI, previous found: named and its resources taken',
    file: vertex(),
    found: { provider: 'vertex-ai', previous: { id: '42', model: 'm@1', dedicatedResources: resources } },
    request: {
      provider: 'vertex-ai',
      operation: 'deployModel',
      endpoint: 'projects/p/locations/us-central1/endpoints/7',
      body: {
        deployedModel: {
          model: 'm@2',
          displayName: 'sentiment',
          dedicatedResources: resources,
          rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0, previousDeployedModel: '42' },
        },
      },
    },
  },
  {
    name: 'Vertex AI before preflight, no previousDeployedModel in the file: none named yet',
    file: vertex(),
    request: {
      provider: 'vertex-ai',
      operation: 'deployModel',
      endpoint: 'projects/p/locations/us-central1/endpoints/7',
      body: {
        deployedModel: {
          model: 'm@2',
          displayName: 'sentiment',
          rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0 },
        },
      },
    },
  },
  {
    name: "Vertex AI: another provider's findings are ignored",
    file: vertex("previousDeployedModel: '9'\n"),
    found: { provider: 'sagemaker', currentConfig: { ProductionVariants: [variant] } },
    request: {
      provider: 'vertex-ai',
      operation: 'deployModel',
      endpoint: 'projects/p/locations/us-central1/endpoints/7',
      body: {
        deployedModel: {
          model: 'm@2',
          displayName: 'sentiment',
          rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0, previousDeployedModel: '9' },
        },
      },
    },
  },
];

const rolloutOf = (file: string): Rollout => {
  const { value, diagnostics } = validateRollout(file);
  assert.ok(value, diagnostics.map((d) => d.message).join('; '));
  return value;
};

for (const row of rows)
  test(`requests at deploy time: ${row.name}`, () => {
    const planned = plan(rolloutOf(row.file), row.found ? { found: row.found } : {});
    assert.deepEqual(planned.prepare, row.prepare);
    if (row.request !== undefined) assert.deepEqual(planned.request, row.request);
  });

test('the Vertex AI revert replaces the DeployedModel in flight with the previous model, one replica at a time', () => {
  const rollout = rolloutOf(vertex()) as VertexRollout;
  assert.deepEqual(
    vertexRevertRequest(rollout, { id: '42', model: 'm@1', dedicatedResources: resources }, '43'),
    {
      provider: 'vertex-ai',
      operation: 'deployModel',
      endpoint: 'projects/p/locations/us-central1/endpoints/7',
      body: {
        deployedModel: {
          model: 'm@1',
          displayName: 'sentiment (revert)',
          dedicatedResources: resources,
          rolloutOptions: { maxSurgeReplicas: 1, maxUnavailableReplicas: 0, previousDeployedModel: '43' },
        },
      },
    },
  );
});
