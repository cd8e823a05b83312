import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListTagsCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.stop());

async function call(method: string, body: Record<string, unknown>) {
  const response = await fetch(`${h.sandbox.url}/_sandbox/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: string } };
}

test('the control API over HTTP sets the scene of a Shiftwise-run steps rollout', async () => {
  const seeded = await call('seedEndpoint', {
    name: 'fraud',
    config: 'fraud-v41',
    instances: 3,
    model: 'fraud-model-v41',
    variantName: 'AllTraffic',
    tags: { team: 'risk' },
  });
  assert.deepEqual(seeded, {
    status: 200,
    body: { result: { arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud' } },
  });
  assert.equal((await call('seedModel', { name: 'fraud-model-v42' })).status, 200);
  assert.equal((await call('seedAlarm', { name: 'fraud-5xx' })).status, 200);

  const config = await h.sageMaker.send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: 'fraud-v41' }),
  );
  assert.deepEqual(config.ProductionVariants, [
    {
      VariantName: 'AllTraffic',
      ModelName: 'fraud-model-v41',
      InitialInstanceCount: 3,
      InstanceType: 'ml.m5.large',
      InitialVariantWeight: 1,
    },
  ]);
  assert.equal(
    (await h.sageMaker.send(new DescribeModelCommand({ ModelName: 'fraud-model-v42' }))).ModelName,
    'fraud-model-v42',
  );
  const alarms = await h.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['fraud-5xx'] }));
  assert.equal(alarms.MetricAlarms?.[0]?.StateValue, 'OK');
  const listed = await h.sageMaker.send(
    new ListTagsCommand({ ResourceArn: (seeded.body.result as { arn: string }).arn }),
  );
  assert.deepEqual(listed.Tags, [{ Key: 'team', Value: 'risk' }]);
  assert.deepEqual(await call('tags', { endpoint: 'fraud' }), {
    status: 200,
    body: { result: { team: 'risk' } },
  });
  const get = await fetch(`${h.sandbox.url}/_sandbox/tags?endpoint=fraud`);
  assert.deepEqual(await get.json(), { result: { team: 'risk' } });
  assert.deepEqual(await call('tags', { endpoint: 'nowhere' }), {
    status: 400,
    body: { error: 'No endpoint named nowhere.' },
  });
});

test('a seeded config may give a variant weight 0', () => {
  h.sandbox.control.seedEndpointConfig({
    name: 'two-variants',
    variants: [
      { VariantName: 'old', ModelName: 'fraud-model-v41', InitialInstanceCount: 2 },
      { VariantName: 'new', ModelName: 'fraud-model-v42', InitialInstanceCount: 2, InitialVariantWeight: 0 },
    ],
  });
  h.sandbox.control.seedEndpoint({ name: 'two', config: 'two-variants' });
  return h.sageMaker
    .send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'two-variants' }))
    .then((c) =>
      assert.deepEqual(
        c.ProductionVariants?.map((v) => v.InitialVariantWeight),
        [1, 0],
      ),
    );
});
