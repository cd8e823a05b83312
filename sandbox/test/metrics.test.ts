import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  GetMetricDataCommand,
  type MetricDataQuery,
  type MetricDatum,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { VIRTUAL_EPOCH } from '@shiftwise/sandbox';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
  // 09:00:10 a Value, 09:00:20 Values × Counts, 09:01:30 a StatisticSet (no percentiles from it).
  await put('Latency', [
    { Value: 10, Timestamp: at(10) },
    { Values: [1, 3], Counts: [1, 3], Timestamp: at(20) },
    { StatisticValues: { SampleCount: 2, Sum: 8, Minimum: 3, Maximum: 5 }, Timestamp: at(90) },
  ]);
  await h.advance(300);
});
after(() => h.stop());

/** The virtual clock's start (09:00:00) plus `seconds`. */
const at = (seconds: number) => new Date(VIRTUAL_EPOCH + seconds * 1000);
const dims = [{ Name: 'EndpointName', Value: 'fraud' }];

function put(name: string, data: Omit<MetricDatum, 'MetricName'>[], namespace = 'Test/Metrics') {
  return h.cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: namespace,
      MetricData: data.map((d) => ({ MetricName: name, Dimensions: dims, ...d })),
    }),
  );
}

async function get(
  queries: MetricDataQuery[],
  options: { start?: number; end?: number; scanBy?: 'TimestampAscending' } = {},
) {
  const answer = await h.cloudWatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: at(options.start ?? 0),
      EndTime: at(options.end ?? 300),
      ...(options.scanBy ? { ScanBy: options.scanBy } : {}),
    }),
  );
  return answer.MetricDataResults ?? [];
}

const metric = (id: string, name: string, stat: string, period = 60, dimensions = dims): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'Test/Metrics', MetricName: name, Dimensions: dimensions },
    Period: period,
    Stat: stat,
  },
});

/** [seconds after 09:00, value] pairs of one result. */
const points = (r: { Timestamps?: Date[]; Values?: number[] } | undefined) =>
  (r?.Timestamps ?? []).map((t, i) => [(t.getTime() - VIRTUAL_EPOCH) / 1000, r?.Values?.[i]]);

const stats: { stat: string; period: number; expected: number[][] }[] = [
  {
    stat: 'Sum',
    period: 60,
    expected: [
      [60, 8],
      [0, 20],
    ],
  },
  {
    stat: 'SampleCount',
    period: 60,
    expected: [
      [60, 2],
      [0, 5],
    ],
  },
  {
    stat: 'Average',
    period: 60,
    expected: [
      [60, 4],
      [0, 4],
    ],
  },
  {
    stat: 'Minimum',
    period: 60,
    expected: [
      [60, 3],
      [0, 1],
    ],
  },
  {
    stat: 'Maximum',
    period: 60,
    expected: [
      [60, 5],
      [0, 10],
    ],
  },
  { stat: 'p50', period: 60, expected: [[0, 3]] },
  { stat: 'p100', period: 60, expected: [[0, 10]] },
  { stat: 'Sum', period: 300, expected: [[0, 28]] },
  { stat: 'Average', period: 300, expected: [[0, 4]] },
  {
    stat: 'Sum',
    period: 10,
    expected: [
      [90, 8],
      [20, 10],
      [10, 10],
    ],
  },
];

test('each statistic per Period bucket, newest first', async () => {
  for (const s of stats) {
    const [result] = await get([metric('m', 'Latency', s.stat, s.period)]);
    assert.deepEqual(points(result), s.expected, `${s.stat} over ${s.period} s`);
    assert.equal(result?.StatusCode, 'Complete');
    assert.equal(result?.Label, 'Latency');
  }
});

test('buckets start at StartTime rounded down to the minute; EndTime is exclusive; ScanBy ascending', async () => {
  const [rounded] = await get([metric('m', 'Latency', 'Sum')], { start: 45 });
  assert.deepEqual(points(rounded), [
    [60, 8],
    [0, 20],
  ]);
  const [cut] = await get([metric('m', 'Latency', 'Sum', 10)], { start: 0, end: 20 });
  assert.deepEqual(points(cut), [[10, 10]]);
  const [up] = await get([metric('m', 'Latency', 'Sum')], { scanBy: 'TimestampAscending' });
  assert.deepEqual(points(up), [
    [0, 20],
    [60, 8],
  ]);
});

test('a series is named by its exact dimensions, and a missing Timestamp is the sandbox clock', async () => {
  await put('Latency', [{ Value: 7 }]);
  const [other] = await get([metric('m', 'Latency', 'Sum', 60, [{ Name: 'EndpointName', Value: 'other' }])], {
    end: 400,
  });
  assert.deepEqual(points(other), []);
  const [now] = await get([metric('m', 'Latency', 'Sum', 60)], { start: 300, end: 400 });
  assert.deepEqual(points(now), [[300, 7]]);
});

test('AWS/SageMaker is accepted (the sandbox publishes as SageMaker would), unlike real CloudWatch', async () => {
  await put('Invocation5XXErrors', [{ Value: 3, Timestamp: at(30) }], 'AWS/SageMaker');
  const [result] = await get([
    {
      Id: 'e',
      MetricStat: {
        Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors', Dimensions: dims },
        Period: 60,
        Stat: 'Sum',
      },
    },
  ]);
  assert.deepEqual(points(result), [[0, 3]]);
});

const putRefusals: {
  name: string;
  data: Record<string, unknown>;
  error: string;
  message: string | RegExp;
}[] = [
  {
    name: 'Value with StatisticValues',
    data: { Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } },
    error: 'InvalidParameterCombinationException',
    message:
      'The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.',
  },
  {
    name: 'Counts of another length than Values',
    data: { Values: [1, 2], Counts: [1] },
    error: 'InvalidParameterValueException',
    message:
      'The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be lists of the same size.',
  },
  {
    name: 'three weeks ago',
    data: { Value: 1, Timestamp: new Date(VIRTUAL_EPOCH - 21 * 24 * 3600 * 1000) },
    error: 'InvalidParameterValueException',
    message:
      'The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks in the past.',
  },
  {
    name: 'a unit CloudWatch does not know',
    data: { Value: 1, Unit: 'Parsecs' },
    error: 'InvalidParameterValueException',
    message: /^The value Parsecs for parameter MetricData.member.1.Unit is invalid/,
  },
  {
    name: 'no value at all',
    data: {},
    error: 'MissingRequiredParameterException',
    message:
      /^The parameter MetricData.member.1.Value, MetricData.member.1.Values or MetricData.member.1.StatisticValues must be specified.$/,
  },
];

test('PutMetricData refuses what CloudWatch refuses, with its error codes', async () => {
  for (const r of putRefusals)
    await assert.rejects(
      put('Latency', [r.data as unknown as MetricDatum]),
      (e: Error) => {
        assert.equal(e.name, r.error, r.name);
        if (typeof r.message === 'string') assert.equal(e.message, r.message, r.name);
        else assert.match(e.message, r.message, r.name);
        return true;
      },
      r.name,
    );
});
