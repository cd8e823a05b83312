import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetMetricDataCommand, type MetricDataQuery, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DeleteEndpointCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { MODEL_LATENCY_MICROSECONDS, REQUESTS_PER_MINUTE, VIRTUAL_EPOCH } from '@shiftwise/sandbox';
import { type Harness, harness } from './harness.js';

// The invocation metrics the sandbox's SageMaker publishes (AWS/SageMaker, EndpointName + VariantName), read through
// the real CloudWatch client: per minute, split by the variants' weights over time, with the control API's error
// rates, computed when asked.

/** These tables read each minute as soon as it is over; the publication delay has its own tests (metric-delay). */
const published = { metricDelays: { sagemaker: 0 } };

/** The virtual clock's start (09:00:00) plus `seconds`. */
const at = (seconds: number) => new Date(VIRTUAL_EPOCH + seconds * 1000);
/** `HH:MM` of a timestamp, for tables that read like a dashboard. */
const hhmm = (t: Date) => t.toISOString().slice(11, 16);

/** An endpoint `fraud` serving variants blue (weight 3, model fraud-v1) and green (weight 1, model fraud-v2). */
async function twoVariants(): Promise<Harness> {
  const h = await harness(published);
  h.sandbox.control.seedEndpointConfig({
    name: 'fraud-c1',
    variants: [
      { VariantName: 'blue', ModelName: 'fraud-v1', InitialInstanceCount: 2, InitialVariantWeight: 3 },
      { VariantName: 'green', ModelName: 'fraud-v2', InitialInstanceCount: 1, InitialVariantWeight: 1 },
    ],
  });
  h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-c1' });
  return h;
}

const query = (id: string, variant: string, metric: string, stat = 'Sum', period = 60): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/SageMaker',
      MetricName: metric,
      Dimensions: [
        { Name: 'EndpointName', Value: 'fraud' },
        { Name: 'VariantName', Value: variant },
      ],
    },
    Period: period,
    Stat: stat,
  },
});

/** Each query's points as `{HH:MM: value}`, oldest first, between two offsets from 09:00. */
async function read(h: Harness, queries: MetricDataQuery[], from = 0, to = 600) {
  const answer = await h.cloudWatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: at(from),
      EndTime: at(to),
      ScanBy: 'TimestampAscending',
    }),
  );
  return Object.fromEntries(
    (answer.MetricDataResults ?? []).map((r) => [
      r.Id,
      Object.fromEntries((r.Timestamps ?? []).map((t, i) => [hhmm(t), r.Values?.[i]])),
    ]),
  );
}

test('Invocations per minute follow the weights: 3:1, then 1:1 from 09:01:05 (the 5 s traffic shift)', async () => {
  const h = await twoVariants();
  try {
    assert.equal(REQUESTS_PER_MINUTE, 600);
    await h.advance(60);
    await h.sageMaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: 'fraud',
        DesiredWeightsAndCapacities: [
          { VariantName: 'blue', DesiredWeight: 1 },
          { VariantName: 'green', DesiredWeight: 1 },
        ],
      }),
    );
    await h.advance(210); // 09:04:30: the minute 09:04 is not over, so it has no point yet.
    const minutes = await read(h, [
      query('blue', 'blue', 'Invocations'),
      query('green', 'green', 'Invocations'),
    ]);
    // 09:01: blue 5 s at 3/4 + 55 s at 1/2 = 37.5 + 275; green 12.5 + 275; whole requests only.
    assert.deepEqual(minutes, {
      blue: { '09:00': 450, '09:01': 312, '09:02': 300, '09:03': 300 },
      green: { '09:00': 150, '09:01': 287, '09:02': 300, '09:03': 300 },
    });
    // Period buckets: a 5-minute period holds the four minutes; Average is 1 (one sample per request).
    const five = await read(h, [
      query('sum', 'blue', 'Invocations', 'Sum', 300),
      query('count', 'blue', 'Invocations', 'SampleCount', 300),
      query('avg', 'blue', 'Invocations', 'Average', 300),
    ]);
    assert.deepEqual(five, {
      sum: { '09:00': 1362 },
      count: { '09:00': 1362 },
      avg: { '09:00': 1 },
    });
    // StartTime is rounded down to the minute: 09:02:40 reads from 09:02.
    assert.deepEqual(await read(h, [query('late', 'green', 'Invocations')], 160), {
      late: { '09:02': 300, '09:03': 300 },
    });
    // The same past, asked again later, is the same (computed from the record, not from timers).
    await h.advance(3600);
    assert.deepEqual(await read(h, [query('blue', 'blue', 'Invocations')], 0, 240), {
      blue: { '09:00': 450, '09:01': 312, '09:02': 300, '09:03': 300 },
    });
  } finally {
    await h.stop();
  }
});

test('error rates: Invocation5XXErrors of the variant or model they name; 4XX 0; ModelLatency constant', async () => {
  const h = await twoVariants();
  try {
    const { at: since } = h.sandbox.control.setErrorRate({ endpoint: 'fraud', variant: 'green', rate: 0.1 });
    assert.equal(since, VIRTUAL_EPOCH);
    await h.advance(120);
    // From 09:02 the model fraud-v1 (blue) fails half its requests too.
    h.sandbox.control.setErrorRate({ endpoint: 'fraud', model: 'fraud-v1', rate: 0.5 });
    await h.advance(120);
    const seen = await read(h, [
      query('green5xx', 'green', 'Invocation5XXErrors'),
      query('greenRate', 'green', 'Invocation5XXErrors', 'Average'),
      query('blue5xx', 'blue', 'Invocation5XXErrors'),
      query('blue4xx', 'blue', 'Invocation4XXErrors'),
      query('latency', 'green', 'ModelLatency', 'Average'),
      query('p99', 'blue', 'ModelLatency', 'p99'),
      {
        Id: 'percent',
        Expression: '100 * green5xx / greenInvocations',
      },
      { ...query('greenInvocations', 'green', 'Invocations'), ReturnData: false },
    ]);
    assert.deepEqual(seen, {
      green5xx: { '09:00': 15, '09:01': 15, '09:02': 15, '09:03': 15 },
      greenRate: { '09:00': 0.1, '09:01': 0.1, '09:02': 0.1, '09:03': 0.1 },
      blue5xx: { '09:00': 0, '09:01': 0, '09:02': 225, '09:03': 225 },
      blue4xx: { '09:00': 0, '09:01': 0, '09:02': 0, '09:03': 0 },
      latency: Object.fromEntries(
        ['09:00', '09:01', '09:02', '09:03'].map((m) => [m, MODEL_LATENCY_MICROSECONDS]),
      ),
      p99: Object.fromEntries(
        ['09:00', '09:01', '09:02', '09:03'].map((m) => [m, MODEL_LATENCY_MICROSECONDS]),
      ),
      percent: { '09:00': 10, '09:01': 10, '09:02': 10, '09:03': 10 },
    });
    // A rate that is a fraction of a request a minute still adds up: 1 % of 150 a minute is 3 in 2 minutes.
    h.sandbox.control.setErrorRate({ endpoint: 'fraud', rate: 0.01 });
    await h.advance(120);
    const small = await read(h, [query('green', 'green', 'Invocation5XXErrors')], 240, 360);
    assert.deepEqual(small, { green: { '09:04': 1, '09:05': 2 } });
  } finally {
    await h.stop();
  }
});

test('no point for what SageMaker would not publish: a minute not over, weight 0, other dimensions, no endpoint', async () => {
  const h = await twoVariants();
  try {
    await h.advance(59);
    assert.deepEqual(await read(h, [query('early', 'green', 'Invocations')]), { early: {} });
    await h.sageMaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: 'fraud',
        DesiredWeightsAndCapacities: [{ VariantName: 'green', DesiredWeight: 0 }],
      }),
    );
    await h.advance(181);
    const endpointOnly: MetricDataQuery = {
      Id: 'endpoint',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SageMaker',
          MetricName: 'Invocations',
          Dimensions: [{ Name: 'EndpointName', Value: 'fraud' }],
        },
        Period: 60,
        Stat: 'Sum',
      },
    };
    const seen = await read(h, [
      query('green', 'green', 'Invocations'),
      query('nobody', 'nobody', 'Invocations'),
      query('other', 'green', 'CPUUtilization'),
      endpointOnly,
    ]);
    // green served until 09:01:04 (weight 0 from the end of the 5 s shift): 150 + 10 requests, then nothing.
    assert.deepEqual(seen, { green: { '09:00': 150, '09:01': 10 }, nobody: {}, other: {}, endpoint: {} });
  } finally {
    await h.stop();
  }
});

test('PutMetricData into a minute stands in for the published point of that series and minute', async () => {
  const h = await twoVariants();
  try {
    await h.advance(60);
    await h.cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SageMaker',
        MetricData: [
          {
            MetricName: 'Invocation5XXErrors',
            Dimensions: [
              { Name: 'EndpointName', Value: 'fraud' },
              { Name: 'VariantName', Value: 'green' },
            ],
            Timestamp: at(70),
            Value: 7,
          },
        ],
      }),
    );
    await h.advance(120);
    assert.deepEqual(
      await read(h, [
        query('errors', 'green', 'Invocation5XXErrors'),
        query('calls', 'green', 'Invocations'),
      ]),
      { errors: { '09:00': 0, '09:01': 7, '09:02': 0 }, calls: { '09:00': 150, '09:01': 150, '09:02': 150 } },
    );
  } finally {
    await h.stop();
  }
});

test('an UpdateEndpoint moves the invocations to the new config as its phases do; a deleted endpoint keeps its past', async () => {
  const h = await harness(published);
  try {
    h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-c1', instances: 2, model: 'fraud-v1' });
    h.sandbox.control.seedEndpointConfig({ name: 'fraud-c2', instances: 2, model: 'fraud-v2' });
    // Every request of the new model fails: the errors show when its traffic does.
    h.sandbox.control.setErrorRate({ endpoint: 'fraud', model: 'fraud-v2', rate: 1 });
    await h.advance(60);
    // No DeploymentConfig: Creating 120 s (the old fleet serves), then all traffic on the new one from 09:03:00.
    await h.sageMaker.send(
      new UpdateEndpointCommand({ EndpointName: 'fraud', EndpointConfigName: 'fraud-c2' }),
    );
    await h.advance(240);
    await h.sageMaker.send(new DeleteEndpointCommand({ EndpointName: 'fraud' }));
    await h.advance(120);
    assert.deepEqual(
      await read(h, [
        query('calls', 'AllTraffic', 'Invocations'),
        query('errors', 'AllTraffic', 'Invocation5XXErrors'),
      ]),
      {
        calls: { '09:00': 600, '09:01': 600, '09:02': 600, '09:03': 600, '09:04': 600 },
        errors: { '09:00': 0, '09:01': 0, '09:02': 0, '09:03': 600, '09:04': 600 },
      },
    );
  } finally {
    await h.stop();
  }
});

test('setErrorRate over HTTP, and what it refuses', async () => {
  const h = await twoVariants();
  try {
    const call = async (body: unknown) => {
      const response = await fetch(`${h.sandbox.url}/_sandbox/setErrorRate`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    assert.deepEqual(await call({ endpoint: 'fraud', variant: 'green', rate: 0.25 }), {
      status: 200,
      body: { result: { at: VIRTUAL_EPOCH } },
    });
    const refusals: [unknown, RegExp][] = [
      [
        { endpoint: 'fraud', rate: 5 },
        /^setErrorRate: 'rate' is the share of invocations that answer 5XX, from 0 to 1 \(0\.05 for 5 %\), not 5\.$/,
      ],
      [{ endpoint: 'fraud' }, /^setErrorRate needs 'rate', the share of invocations that answer 5XX/],
      [{ endpoint: 'fraud', rate: '0.1' }, /'rate' must be a number/],
      [{ endpoint: 'nope', rate: 0.1 }, /No endpoint named nope; seed or create it first/],
      [{ rate: 0.1 }, /setErrorRate needs 'endpoint'/],
    ];
    for (const [body, message] of refusals) {
      const answer = await call(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(String(answer.body.error), message);
    }
  } finally {
    await h.stop();
  }
});

test('while a canary bakes, the new model has its canary share of the invocations (1 of 4 instances: a quarter)', async () => {
  const h = await harness(published);
  try {
    h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-c1', instances: 4, model: 'fraud-v1' });
    h.sandbox.control.seedEndpointConfig({ name: 'fraud-c2', instances: 4, model: 'fraud-v2' });
    h.sandbox.control.setErrorRate({ endpoint: 'fraud', model: 'fraud-v2', rate: 1 });
    // Creating 120 s, ActivatingTraffic from 09:02:00, then baking on the canary for 600 s.
    await h.sageMaker.send(
      new UpdateEndpointCommand({
        EndpointName: 'fraud',
        EndpointConfigName: 'fraud-c2',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: 'CANARY',
              CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
              WaitIntervalInSeconds: 600,
            },
          },
        },
      }),
    );
    await h.advance(300);
    assert.deepEqual(await read(h, [query('errors', 'AllTraffic', 'Invocation5XXErrors')]), {
      errors: { '09:00': 0, '09:01': 0, '09:02': 150, '09:03': 150, '09:04': 150 },
    });
  } finally {
    await h.stop();
  }
});
