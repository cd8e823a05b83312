import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelTargetConfigName, plan, validateRollout } from '../../src/index.js';

// The exact provider request a rollout file becomes: file in, request out (docs/plan.md, "The request").
const update = (input: unknown) => ({ provider: 'sagemaker', operation: 'UpdateEndpoint', input });
const rows: { name: string; file: string; request: unknown }[] = [
  {
    name: 'canary 30%, 10-minute bakes, 30-minute timeout, one alarm (the issue text)',
    file: 'version: 1\nprovider: sagemaker\nendpoint: fraud\nendpointConfig: fraud-v2\nstrategy:\n  type: canary\n  size: 30%\n  bake: 10m\nterminationWait: 10m\ntimeout: 30m\nrollback:\n  alarms: [fraud-5xx]\n',
    request: update({
      EndpointName: 'fraud',
      EndpointConfigName: 'fraud-v2',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'CANARY',
            CanarySize: { Type: 'CAPACITY_PERCENT', Value: 30 },
            WaitIntervalInSeconds: 600,
          },
          TerminationWaitInSeconds: 600,
          MaximumExecutionTimeoutInSeconds: 1800,
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'fraud-5xx' }] },
      },
    }),
  },
  {
    name: 'linear by instance count',
    file: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\ncapacity: 6\nstrategy:\n  type: linear\n  step: 2\n  bake: 1m\ntimeout: 1h\nrollback:\n  alarms: [a, b]\n',
    request: update({
      EndpointName: 'e',
      EndpointConfigName: 'c',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'LINEAR',
            LinearStepSize: { Type: 'INSTANCE_COUNT', Value: 2 },
            WaitIntervalInSeconds: 60,
          },
          TerminationWaitInSeconds: 0,
          MaximumExecutionTimeoutInSeconds: 3600,
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'a' }, { AlarmName: 'b' }] },
      },
    }),
  },
  {
    name: 'rolling with a rollback batch',
    file: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: rolling\n  batch: 25%\n  bake: 2m\ntimeout: 1h\nrollback:\n  alarms: [a]\n  batch: 50%\n',
    request: update({
      EndpointName: 'e',
      EndpointConfigName: 'c',
      DeploymentConfig: {
        RollingUpdatePolicy: {
          MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
          WaitIntervalInSeconds: 120,
          MaximumExecutionTimeoutInSeconds: 3600,
          RollbackMaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 50 },
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'a' }] },
      },
    }),
  },
  {
    name: 'retain keeps the stored deployment config',
    file: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: retain\n',
    request: update({ EndpointName: 'e', EndpointConfigName: 'c', RetainDeploymentConfig: true }),
  },
  {
    name: 'all-at-once without alarms or timeout',
    file: 'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: all-at-once\nterminationWait: 2m\n',
    request: update({
      EndpointName: 'e',
      EndpointConfigName: 'c',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 },
          TerminationWaitInSeconds: 120,
        },
      },
    }),
  },
  {
    name: 'Vertex AI percent surge, count unavailable, a known previous model',
    file: "version: 1\nname: sentiment\nprovider: vertex-ai\nproject: p\nlocation: us-central1\nendpoint: '1'\nmodel: projects/p/locations/us-central1/models/m@2\npreviousDeployedModel: '42'\nstrategy:\n  type: rolling\n  maxSurge: 25%\n  maxUnavailable: 0\ntimeout: 1h\n",
    request: {
      provider: 'vertex-ai',
      operation: 'deployModel',
      endpoint: 'projects/p/locations/us-central1/endpoints/1',
      body: {
        deployedModel: {
          model: 'projects/p/locations/us-central1/models/m@2',
          displayName: 'sentiment',
          rolloutOptions: { maxSurgePercentage: 25, maxUnavailableReplicas: 0, previousDeployedModel: '42' },
        },
      },
    },
  },
];

for (const row of rows) {
  test(`request: ${row.name}`, () => {
    const { value } = validateRollout(row.file);
    assert.ok(value);
    assert.deepEqual(plan(value).request, row.request);
  });
}

test('a model target deploys a config named for endpoint and model', () => {
  const { value } = validateRollout(
    'version: 1\nprovider: sagemaker\nendpoint: fraud-prod\nmodel: fraud-model-v42\nstrategy:\n  type: all-at-once\n',
  );
  assert.ok(value);
  const { request } = plan(value);
  assert.equal(
    request.operation === 'UpdateEndpoint' && request.input.EndpointConfigName,
    'fraud-prod--fraud-model-v42',
  );
});

test('long model target names stay within 63 characters, valid and distinct', () => {
  const name = (model: string) =>
    modelTargetConfigName({ endpoint: 'e'.repeat(40), target: { kind: 'model', name: model } });
  const a = name(`${'m'.repeat(50)}-a`);
  const b = name(`${'m'.repeat(50)}-b`);
  for (const n of [a, b]) {
    assert.ok(n.length <= 63, n);
    assert.match(n, /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
  }
  assert.notEqual(a, b);
});
