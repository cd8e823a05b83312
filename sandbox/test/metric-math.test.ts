import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GetMetricDataCommand, type MetricDataQuery, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { VIRTUAL_EPOCH } from '@shiftwise/sandbox';
import { type Harness, harness } from './harness.js';

let h: Harness;
const at = (minute: number) => new Date(VIRTUAL_EPOCH + minute * 60_000);

/**
 * Minutes 0–3 of two variants (undefined: no data point that minute):
 *   new invocations 100, 0, 50, —     new errors 5, 0, 10, 3
 *   old invocations 1000 each minute  old errors 10, 10, —, 10
 */
const data: Record<string, (number | undefined)[]> = {
  'new/Invocations': [100, 0, 50, undefined],
  'new/Invocation5XXErrors': [5, 0, 10, 3],
  'old/Invocations': [1000, 1000, 1000, 1000],
  'old/Invocation5XXErrors': [10, 10, undefined, 10],
};

before(async () => {
  h = await harness();
  for (const [key, values] of Object.entries(data)) {
    const [variant, name] = key.split('/') as [string, string];
    const MetricData = values.flatMap((Value, minute) =>
      Value === undefined
        ? []
        : [{ MetricName: name, Dimensions: dimensions(variant), Value, Timestamp: at(minute) }],
    );
    await h.cloudWatch.send(new PutMetricDataCommand({ Namespace: 'AWS/SageMaker', MetricData }));
  }
  await h.advance(600);
});
after(() => h.stop());

const dimensions = (variant: string) => [
  { Name: 'EndpointName', Value: 'fraud' },
  { Name: 'VariantName', Value: variant },
];

const metric = (id: string, variant: string, name: string): MetricDataQuery => ({
  Id: id,
  ReturnData: false,
  MetricStat: {
    Metric: { Namespace: 'AWS/SageMaker', MetricName: name, Dimensions: dimensions(variant) },
    Period: 60,
    Stat: 'Sum',
  },
});

const inputs = [
  metric('new_invocations', 'new', 'Invocations'),
  metric('new_errors', 'new', 'Invocation5XXErrors'),
  metric('old_invocations', 'old', 'Invocations'),
  metric('old_errors', 'old', 'Invocation5XXErrors'),
];

async function evaluate(expressions: Record<string, string>) {
  const answer = await h.cloudWatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: [
        ...inputs,
        ...Object.entries(expressions).map(([Id, Expression]) => ({ Id, Expression })),
      ],
      StartTime: at(0),
      EndTime: at(10),
      ScanBy: 'TimestampAscending',
    }),
  );
  return Object.fromEntries(
    (answer.MetricDataResults ?? []).map((r) => [
      r.Id,
      (r.Timestamps ?? []).map((t, i) => [(t.getTime() - VIRTUAL_EPOCH) / 60_000, r.Values?.[i]]),
    ]),
  );
}

/** Expression → [minute, value] pairs: a point only where every series it reads has one and the result is finite. */
const cases: { name: string; expression: string; expected: number[][] }[] = [
  {
    name: 'the error-rate difference (minute 1 divides 0 by 0, minute 2 lacks old errors, minute 3 new invocations)',
    expression: '100 * new_errors / new_invocations - 100 * old_errors / old_invocations',
    expected: [[0, 4]],
  },
  {
    name: 'a sum of two series',
    expression: 'new_errors + old_errors',
    expected: [
      [0, 15],
      [1, 10],
      [3, 13],
    ],
  },
  {
    name: 'a series and numbers',
    expression: 'new_errors * 2 + 1',
    expected: [
      [0, 11],
      [1, 1],
      [2, 21],
      [3, 7],
    ],
  },
  { name: 'division by zero leaves the point out', expression: 'new_errors / 0', expected: [] },
  {
    name: 'unary minus and parentheses',
    expression: '-(new_errors + 1) * 2',
    expected: [
      [0, -12],
      [1, -2],
      [2, -22],
      [3, -8],
    ],
  },
  {
    name: 'precedence: * and / before + and -',
    expression: 'old_invocations - old_errors * 10 / 2',
    expected: [
      [0, 950],
      [1, 950],
      [3, 950],
    ],
  },
  {
    name: 'a ratio where the divisor has gaps',
    expression: 'new_errors / new_invocations',
    expected: [
      [0, 0.05],
      [2, 0.2],
    ],
  },
];

test('metric math per timestamp, as a table', async () => {
  for (const c of cases) {
    const results = await evaluate({ e: c.expression });
    assert.deepEqual(results.e, c.expected, c.name);
    assert.equal(results.new_errors, undefined, 'ReturnData false keeps a query out of the results');
  }
});

test('an expression may read another expression', async () => {
  const results = await evaluate({ rate: 'new_errors / new_invocations', pct: 'rate * 100' });
  assert.deepEqual(results.pct, [
    [0, 5],
    [2, 20],
  ]);
});

const refusals: { name: string; queries: MetricDataQuery[]; message: string | RegExp }[] = [
  {
    name: 'an Id starting with a capital',
    queries: [{ Id: 'M1', Expression: '1' }],
    message:
      'The value M1 for parameter MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.',
  },
  {
    name: 'an Id with a dash',
    queries: [{ Id: 'new-errors', Expression: '1' }],
    message: /^The value new-errors for parameter MetricDataQueries.member.1.Id is not matching/,
  },
  {
    name: 'no query returns data',
    queries: [{ ...inputs[0]!, ReturnData: false }],
    message: 'No query in MetricDataQueries has ReturnData set to true; at least one must return data.',
  },
  {
    name: 'an expression naming an unknown id',
    queries: [inputs[0]!, { Id: 'e', Expression: 'new_invocations / missing_id' }],
    message:
      'Error in expression e: Unrecognized identifier missing_id; the expression can use the Ids new_invocations.',
  },
  {
    name: 'the same Id twice',
    queries: [
      { Id: 'e', Expression: '1' },
      { Id: 'e', Expression: '2' },
    ],
    message: 'The Id e is used by more than one query; the Ids in MetricDataQueries must be unique.',
  },
  {
    name: 'MetricStat and Expression together',
    queries: [{ ...inputs[0]!, Expression: '1' }],
    message:
      'The parameters MetricDataQueries.member.1.Expression and MetricDataQueries.member.1.MetricStat are mutually exclusive and you have specified both.',
  },
  {
    name: 'a Stat CloudWatch does not know',
    queries: [{ ...inputs[0]!, ReturnData: true, MetricStat: { ...inputs[0]!.MetricStat!, Stat: 'Median' } }],
    message:
      'The value Median for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic.',
  },
  {
    name: 'a syntax error',
    queries: [inputs[0]!, { Id: 'e', Expression: 'new_invocations * (2' }],
    message: "Error in expression e: Missing ')' for the '(' at position 19.",
  },
  {
    name: 'a function the sandbox does not evaluate',
    queries: [inputs[0]!, { Id: 'e', Expression: 'FILL(new_invocations, 0)' }],
    message: /^Error in expression e: The function FILL is not supported by the sandbox/,
  },
  {
    name: 'expressions that read each other',
    queries: [inputs[0]!, { Id: 'a', Expression: 'b + 1' }, { Id: 'b', Expression: 'a + 1' }],
    message: /refer to each other in a circle/,
  },
  {
    name: 'a Period CloudWatch does not take',
    queries: [{ ...inputs[0]!, ReturnData: true, MetricStat: { ...inputs[0]!.MetricStat!, Period: 45 } }],
    message: /^The value 45 for parameter MetricDataQueries.member.1.MetricStat.Period is invalid/,
  },
];

test("GetMetricData refuses bad queries with ValidationError (the SDK's ValidationException) in CloudWatch words", async () => {
  for (const r of refusals)
    await assert.rejects(
      h.cloudWatch.send(
        new GetMetricDataCommand({ MetricDataQueries: r.queries, StartTime: at(0), EndTime: at(10) }),
      ),
      (e: Error) => {
        assert.equal(e.name, 'ValidationException', r.name);
        assert.equal((e as Error & { Code?: string }).Code, 'ValidationError', r.name);
        if (typeof r.message === 'string') assert.equal(e.message, r.message, r.name);
        else assert.match(e.message, r.message, r.name);
        return true;
      },
      r.name,
    );
});

test('MaxDatapoints pages the points with NextToken', async () => {
  const request = {
    MetricDataQueries: [{ ...inputs[2]!, ReturnData: true }],
    StartTime: at(0),
    EndTime: at(10),
    MaxDatapoints: 3,
  };
  const first = await h.cloudWatch.send(new GetMetricDataCommand(request));
  assert.equal(first.MetricDataResults?.[0]?.Values?.length, 3);
  assert.equal(first.MetricDataResults?.[0]?.StatusCode, 'PartialData');
  assert.ok(first.NextToken);
  const second = await h.cloudWatch.send(
    new GetMetricDataCommand({ ...request, NextToken: first.NextToken }),
  );
  assert.equal(second.MetricDataResults?.[0]?.Values?.length, 1);
  assert.equal(second.MetricDataResults?.[0]?.StatusCode, 'Complete');
  assert.equal(second.NextToken, undefined);
});
