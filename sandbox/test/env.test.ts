import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';

// Each test file runs in its own process, so the environment can be set as a user would set it.
let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ clock: 'virtual' });
  sandbox.control.seedEndpoint({ name: 'env', config: 'env-v1' });
  sandbox.control.seedAlarm({ name: 'env-5xx' });
  Object.assign(process.env, sandbox.env);
});
after(() => sandbox.stop());

test('unconfigured SDK clients reach the sandbox through sandbox.env alone (AWS_ENDPOINT_URL, region, keys)', async () => {
  const sageMaker = new SageMakerClient({});
  const cloudWatch = new CloudWatchClient({});
  const endpoint = await sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'env' }));
  assert.equal(endpoint.EndpointArn, 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/env');
  const alarms = await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['env-5xx'] }));
  assert.equal(alarms.MetricAlarms?.[0]?.StateValue, 'OK');
  sageMaker.destroy();
  cloudWatch.destroy();
});
