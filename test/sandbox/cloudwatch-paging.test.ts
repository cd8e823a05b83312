// The sandbox's DescribeAlarms pages as CloudWatch does (MaxRecords 1–100, NextToken; AlarmNames and
// AlarmNamePrefix never together), through the JavaScript SDK's own paginator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandInput,
  GetMetricDataCommand,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { startSandbox } from '@shiftwise/sandbox';

const names = Array.from({ length: 61 }, (_, i) => `pg-${String(i).padStart(2, '0')}`);

async function withAlarms(run: (client: CloudWatchClient) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  const client = new CloudWatchClient({
    endpoint: sandbox.env.AWS_ENDPOINT_URL!,
    region: sandbox.env.AWS_REGION!,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  try {
    for (const name of names) sandbox.control.seedAlarm({ name });
    await run(client);
  } finally {
    client.destroy();
    await sandbox.stop();
  }
}

test('DescribeAlarms pages by MaxRecords with a NextToken: the paginator collects every alarm once, in order', async () => {
  await withAlarms(async (client) => {
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateDescribeAlarms({ client, pageSize: 5 }, { AlarmNamePrefix: 'pg-' })) {
      pages.push(page.MetricAlarms?.length ?? 0);
      seen.push(...(page.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''));
    }
    assert.deepEqual(seen, names);
    assert.equal(pages.length, 13);
    const first = await client.send(new DescribeAlarmsCommand({}));
    assert.equal(first.MetricAlarms?.length, 50, 'MaxRecords defaults to 50');
    assert.ok(first.NextToken);
  });
});

const refusals: [name: string, input: DescribeAlarmsCommandInput, error: string, message: RegExp][] = [
  ['MaxRecords 0', { MaxRecords: 0 }, 'InvalidParameterValueException', /MaxRecords .* 1 to 100/],
  ['MaxRecords 101', { MaxRecords: 101 }, 'InvalidParameterValueException', /MaxRecords .* 1 to 100/],
  ['a token never given', { NextToken: 'bogus' }, 'InvalidNextToken', /invalid NextToken/],
  ['a token past the end', { NextToken: '500' }, 'InvalidNextToken', /invalid NextToken/],
  [
    'names and a prefix together',
    { AlarmNames: ['pg-01'], AlarmNamePrefix: 'pg' },
    'InvalidParameterCombinationException',
    /AlarmNames and AlarmNamePrefix/,
  ],
];
test('DescribeAlarms refuses what CloudWatch refuses, in the errors the SDK models', async () => {
  await withAlarms(async (client) => {
    for (const [name, input, error, message] of refusals)
      await assert.rejects(client.send(new DescribeAlarmsCommand(input)), (e: Error) => {
        assert.equal(e.name, error, name);
        assert.match(e.message, message, name);
        return true;
      });
  });
});

test("GetMetricData refuses a token it never gave as DescribeAlarms does: InvalidNextToken, in CloudWatch's words", async () => {
  await withAlarms(async (client) => {
    const input = {
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors' },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
      StartTime: new Date(0),
      EndTime: new Date(3600_000),
      NextToken: 'bogus',
    };
    for (const send of [
      () => client.send(new GetMetricDataCommand(input)),
      () => client.send(new DescribeAlarmsCommand({ NextToken: 'bogus' })),
    ])
      await assert.rejects(send(), (e: Error) => {
        assert.equal(e.name, 'InvalidNextToken');
        assert.equal(e.message, 'The service returned an invalid NextToken.');
        return true;
      });
  });
});
