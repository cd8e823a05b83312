import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointsCommand,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.stop());

test('models, endpoint configs and endpoints: create, describe, list, delete', async () => {
  const sm = h.sageMaker;
  const model = await sm.send(
    new CreateModelCommand({
      ModelName: 'churn-v1',
      PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1' },
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/sm',
    }),
  );
  assert.equal(model.ModelArn, 'arn:aws:sagemaker:us-east-1:123456789012:model/churn-v1');
  const described = await sm.send(new DescribeModelCommand({ ModelName: 'churn-v1' }));
  assert.equal(described.PrimaryContainer?.Image, '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1');
  assert.ok(described.CreationTime instanceof Date);

  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'churn-v1',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'churn-v1',
          InitialInstanceCount: 3,
          InstanceType: 'ml.c5.xlarge',
        },
      ],
    }),
  );
  const config = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'churn-v1' }));
  assert.deepEqual(config.ProductionVariants?.[0], {
    VariantName: 'AllTraffic',
    ModelName: 'churn-v1',
    InitialInstanceCount: 3,
    InstanceType: 'ml.c5.xlarge',
    InitialVariantWeight: 1,
  });

  await sm.send(new CreateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'churn-v1' }));
  assert.equal(
    (await sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }))).EndpointStatus,
    'Creating',
  );
  await h.advance(120);
  const live = await sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
  assert.equal(live.EndpointStatus, 'InService');
  assert.equal(live.ProductionVariants?.[0]?.CurrentInstanceCount, 3);

  const list = await sm.send(new ListEndpointsCommand({ NameContains: 'chu', StatusEquals: 'InService' }));
  assert.deepEqual(
    list.Endpoints?.map((e) => [e.EndpointName, e.EndpointStatus]),
    [['churn', 'InService']],
  );

  await sm.send(new DeleteEndpointCommand({ EndpointName: 'churn' }));
  await sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: 'churn-v1' }));
  await sm.send(new DeleteModelCommand({ ModelName: 'churn-v1' }));
  await assert.rejects(sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' })), {
    name: 'ValidationException',
    message: 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn".',
  });
});

test('ListEndpoints pages with NextToken and sorts', async () => {
  for (const name of ['b-endpoint', 'a-endpoint', 'c-endpoint']) {
    h.sandbox.control.seedEndpoint({ name, config: `${name}-config` });
    await h.advance(1);
  }
  const first = await h.sageMaker.send(
    new ListEndpointsCommand({ SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 2 }),
  );
  assert.deepEqual(
    first.Endpoints?.map((e) => e.EndpointName),
    ['a-endpoint', 'b-endpoint'],
  );
  const second = await h.sageMaker.send(
    new ListEndpointsCommand({
      SortBy: 'Name',
      SortOrder: 'Ascending',
      MaxResults: 2,
      NextToken: first.NextToken,
    }),
  );
  assert.deepEqual(
    second.Endpoints?.map((e) => e.EndpointName),
    ['c-endpoint'],
  );
  assert.equal(second.NextToken, undefined);
});

test('CloudWatch alarms: PutMetricAlarm, DescribeAlarms, SetAlarmState, DeleteAlarms', async () => {
  const cw = h.cloudWatch;
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: 'churn-5xx',
      MetricName: 'Invocation5XXErrors',
      Namespace: 'AWS/SageMaker',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'EndpointName', Value: 'churn' }],
    }),
  );
  const fresh = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['churn-5xx', 'missing'] }));
  assert.equal(fresh.MetricAlarms?.length, 1);
  assert.equal(fresh.MetricAlarms?.[0]?.StateValue, 'INSUFFICIENT_DATA');
  assert.equal(fresh.MetricAlarms?.[0]?.Threshold, 5);
  assert.deepEqual(fresh.MetricAlarms?.[0]?.Dimensions, [{ Name: 'EndpointName', Value: 'churn' }]);

  await h.advance(30);
  await cw.send(
    new SetAlarmStateCommand({ AlarmName: 'churn-5xx', StateValue: 'ALARM', StateReason: 'test' }),
  );
  const fired = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['churn-5xx'] }));
  assert.equal(fired.MetricAlarms?.[0]?.StateValue, 'ALARM');
  assert.equal(fired.MetricAlarms?.[0]?.StateReason, 'test');
  assert.equal(fired.MetricAlarms?.[0]?.StateUpdatedTimestamp?.getTime(), h.sandbox.clock.now());
  const inAlarm = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
  assert.deepEqual(
    inAlarm.MetricAlarms?.map((a) => a.AlarmName),
    ['churn-5xx'],
  );

  await assert.rejects(
    cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })),
    (error: unknown) => error instanceof ResourceNotFound && /nope/.test(error.message),
  );
  await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['churn-5xx'] }));
  assert.deepEqual(
    (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['churn-5xx'] }))).MetricAlarms,
    [],
  );
});

test('a control-scheduled alarm change shows in DescribeAlarms once its time has come', async () => {
  h.sandbox.control.seedAlarm({ name: 'later' });
  h.sandbox.control.scheduleAlarm({ alarm: 'later', inSeconds: 60 });
  const state = async () =>
    (await h.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['later'] }))).MetricAlarms?.[0]
      ?.StateValue;
  assert.equal(await state(), 'OK');
  await h.advance(60);
  assert.equal(await state(), 'ALARM');
});

test('an instance type SageMaker does not serve on is refused as the service refuses it (enum value set)', async () => {
  for (const InstanceType of ['m5.large', 'ml.m5.huge', 'ML.M5.LARGE'])
    await assert.rejects(
      h.sageMaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'typo-config',
          // Typed as the SDK's enum, which is what a typo in a config file gets past.
          ProductionVariants: [
            {
              VariantName: 'AllTraffic',
              InitialInstanceCount: 1,
              InstanceType: InstanceType as ProductionVariantInstanceType,
            },
          ],
        }),
      ),
      (e: Error) => {
        assert.equal(e.name, 'ValidationException', InstanceType);
        assert.match(
          e.message,
          new RegExp(
            `Value '${InstanceType.replaceAll('.', '\\.')}' at 'productionVariants\\.1\\.member\\.instanceType' failed to satisfy constraint: Member must satisfy enum value set: \\[ml\\.c4\\.2xlarge, `,
          ),
        );
        return true;
      },
    );
});
