import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  type DeploymentConfig,
  UpdateEndpointCommand,
  type UpdateEndpointCommandInput,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
  const c = h.sandbox.control;
  c.seedEndpoint({ name: 'svc', config: 'svc-v1', instances: 4 });
  c.seedEndpointConfig({ name: 'svc-v2', instances: 4 });
  c.seedEndpointConfig({ name: 'svc-renamed', instances: 4, variantName: 'Primary' });
  c.seedEndpoint({ name: 'one', config: 'one-v1', instances: 1 });
  c.seedEndpointConfig({ name: 'one-v2', instances: 1 });
  c.seedAlarm({ name: 'svc-5xx' });
});
after(() => h.stop());

const canary = (
  size: { Type: 'INSTANCE_COUNT' | 'CAPACITY_PERCENT'; Value: number },
  extra = {},
): DeploymentConfig => ({
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: size, WaitIntervalInSeconds: 300 },
    ...extra,
  },
});

// Each row: an UpdateEndpoint input the service refuses, and the ValidationException message.
const refused: [name: string, input: Partial<UpdateEndpointCommandInput>, message: RegExp][] = [
  [
    'missing endpoint',
    { EndpointName: 'nope' },
    /^Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint\/nope"\.$/,
  ],
  [
    'missing config',
    { EndpointConfigName: 'svc-v9' },
    /^Could not find endpoint configuration "arn:.*:endpoint-config\/svc-v9"\.$/,
  ],
  [
    'canary percent above 50',
    { DeploymentConfig: canary({ Type: 'CAPACITY_PERCENT', Value: 60 }) },
    /CanarySize .* between 1 and 50 percent, not 60/,
  ],
  [
    'canary count of the whole fleet',
    { DeploymentConfig: canary({ Type: 'INSTANCE_COUNT', Value: 4 }) },
    /CanarySize \(4 instance\(s\)\) must be smaller than the new fleet of 4/,
  ],
  [
    'canary on one instance',
    {
      EndpointName: 'one',
      EndpointConfigName: 'one-v2',
      DeploymentConfig: canary({ Type: 'CAPACITY_PERCENT', Value: 50 }),
    },
    /smaller than the new fleet of 1/,
  ],
  [
    'canary size zero',
    { DeploymentConfig: canary({ Type: 'INSTANCE_COUNT', Value: 0 }) },
    /^1 validation error detected: Value '0' at 'deploymentConfig\.blueGreenUpdatePolicy\.trafficRoutingConfiguration\.canarySize\.value' failed to satisfy constraint: Member must have value greater than or equal to 1$/,
  ],
  [
    'bake above 3600',
    {
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 3601 },
        },
      },
    },
    /Value '3601' at 'deploymentConfig\.blueGreenUpdatePolicy\.trafficRoutingConfiguration\.waitIntervalInSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600/,
  ],
  [
    'termination wait above 3600',
    { DeploymentConfig: canary({ Type: 'INSTANCE_COUNT', Value: 1 }, { TerminationWaitInSeconds: 4000 }) },
    /terminationWaitInSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600/,
  ],
  [
    'timeout below 600',
    {
      DeploymentConfig: canary(
        { Type: 'INSTANCE_COUNT', Value: 1 },
        { MaximumExecutionTimeoutInSeconds: 599 },
      ),
    },
    /maximumExecutionTimeoutInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 600/,
  ],
  [
    'timeout not longer than the bakes',
    {
      DeploymentConfig: canary(
        { Type: 'INSTANCE_COUNT', Value: 1 },
        { TerminationWaitInSeconds: 600, MaximumExecutionTimeoutInSeconds: 900 },
      ),
    },
    /MaximumExecutionTimeoutInSeconds \(900\) must be greater than the sum of WaitIntervalInSeconds and TerminationWaitInSeconds \(900\)/,
  ],
  [
    'canary without a size',
    {
      DeploymentConfig: {
        BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: 'CANARY', WaitIntervalInSeconds: 60 } },
      },
    },
    /CanarySize must be specified when the traffic routing type is CANARY/,
  ],
  [
    'linear step of 60%',
    {
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'LINEAR',
            LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 60 },
            WaitIntervalInSeconds: 60,
          },
        },
      },
    },
    /LinearStepSize .* between 10 and 50 percent, not 60/,
  ],
  [
    'rolling batch of 3 of 4',
    {
      DeploymentConfig: {
        RollingUpdatePolicy: {
          MaximumBatchSize: { Type: 'INSTANCE_COUNT', Value: 3 },
          WaitIntervalInSeconds: 60,
        },
      },
    },
    /MaximumBatchSize of 3 instance\(s\) is 75% of the new fleet of 4 instance\(s\); it must be between 5 and 50 percent/,
  ],
  [
    'both policies',
    {
      DeploymentConfig: {
        ...canary({ Type: 'INSTANCE_COUNT', Value: 1 }),
        RollingUpdatePolicy: {
          MaximumBatchSize: { Type: 'INSTANCE_COUNT', Value: 1 },
          WaitIntervalInSeconds: 60,
        },
      },
    },
    /either BlueGreenUpdatePolicy or RollingUpdatePolicy, not both/,
  ],
  [
    'unknown alarm',
    {
      DeploymentConfig: {
        ...canary({ Type: 'INSTANCE_COUNT', Value: 1 }),
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'svc-typo' }] },
      },
    },
    /The alarm svc-typo specified in AutoRollbackConfiguration does not exist/,
  ],
  [
    'eleven alarms',
    {
      DeploymentConfig: {
        ...canary({ Type: 'INSTANCE_COUNT', Value: 1 }),
        AutoRollbackConfiguration: { Alarms: Array.from({ length: 11 }, () => ({ AlarmName: 'svc-5xx' })) },
      },
    },
    /Value '11' at 'deploymentConfig\.autoRollbackConfiguration\.alarms' failed to satisfy constraint: Member must have length between 1 and 10/,
  ],
  [
    'variant renamed',
    { EndpointConfigName: 'svc-renamed', DeploymentConfig: canary({ Type: 'INSTANCE_COUNT', Value: 1 }) },
    /keep the variant names of the current one: expected \[AllTraffic\], found \[Primary\]/,
  ],
  ['retain without a stored config', { RetainDeploymentConfig: true }, /has no deployment config to retain/],
  [
    'bad endpoint name',
    { EndpointName: 'bad_name!' },
    /Value 'bad_name!' at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  ],
];

for (const [name, input, message] of refused) {
  test(`UpdateEndpoint refuses: ${name}`, async () => {
    const command = new UpdateEndpointCommand({
      EndpointName: 'svc',
      EndpointConfigName: 'svc-v2',
      ...input,
    });
    await assert.rejects(
      h.sageMaker.send(command),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, 'ValidationException');
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.match(error.message, message);
        return true;
      },
    );
  });
}

test('UpdateEndpoint refuses a second update while one is in flight', async () => {
  const command = new UpdateEndpointCommand({ EndpointName: 'svc', EndpointConfigName: 'svc-v2' });
  await h.sageMaker.send(command);
  await assert.rejects(h.sageMaker.send(command), {
    name: 'ValidationException',
    message: 'Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/svc".',
  });
});

test('an instance quota refuses an update that needs more instances with ResourceLimitExceeded', async () => {
  h.sandbox.control.seedEndpoint({
    name: 'quota',
    config: 'quota-v1',
    instances: 4,
    instanceType: 'ml.g5.xlarge',
  });
  h.sandbox.control.seedEndpointConfig({ name: 'quota-v2', instances: 4, instanceType: 'ml.g5.xlarge' });
  h.sandbox.control.setInstanceLimit({ instanceType: 'ml.g5.xlarge', limit: 6 });
  const command = new UpdateEndpointCommand({ EndpointName: 'quota', EndpointConfigName: 'quota-v2' });
  await assert.rejects(h.sageMaker.send(command), {
    name: 'ResourceLimitExceeded',
    message:
      "The account-level service limit 'ml.g5.xlarge for endpoint usage' is 6 Instances, with current utilization of 4 Instances and a request delta of 4 Instances. Please use AWS Service Quotas to request an increase to this quota.",
  });
  // A rolling update needs one batch beside the fleet: it fits.
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: 'quota',
      EndpointConfigName: 'quota-v2',
      DeploymentConfig: {
        RollingUpdatePolicy: {
          MaximumBatchSize: { Type: 'INSTANCE_COUNT', Value: 2 },
          WaitIntervalInSeconds: 60,
        },
      },
    }),
  );
});
