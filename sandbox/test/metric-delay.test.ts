import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DEFAULT_METRIC_DELAYS, type Sandbox, VIRTUAL_EPOCH } from '@shiftwise/sandbox';
import { type Harness, harness } from './harness.js';

// Metrics show late, as the clouds publish them: SageMaker's invocation metrics in CloudWatch a while after their
// minute ends, Vertex AI's prediction metrics in Cloud Monitoring a while after their point's end; a client's own
// points (PutMetricData, user-defined types) at once. Read through the real CloudWatch client and over HTTP.

const minute = 60_000;
const at = (seconds: number) => new Date(VIRTUAL_EPOCH + seconds * 1000);

/** Endpoint `fraud` serving one variant, and the minutes of its Invocations GetMetricData shows, as `HH:MM`. */
async function invocations(h: Harness): Promise<string[]> {
  const answer = await h.cloudWatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: [
        {
          Id: 'n',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'Invocations',
              Dimensions: [
                { Name: 'EndpointName', Value: 'fraud' },
                { Name: 'VariantName', Value: 'AllTraffic' },
              ],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
      StartTime: at(0),
      EndTime: at(3600),
      ScanBy: 'TimestampAscending',
    }),
  );
  return (answer.MetricDataResults?.[0]?.Timestamps ?? []).map((t) => t.toISOString().slice(11, 16));
}

// [name, delay set (none: the default), seconds after 09:00 of the read, minutes shown]
const cloudWatchRows: [string, number | undefined, number, string[]][] = [
  ['default 60 s: 09:00 not yet shown at 09:01:30', undefined, 90, []],
  ['default 60 s: 09:00 shown at 09:02:00', undefined, 120, ['09:00']],
  ['default 60 s: at 09:05:59, 09:00 to 09:03', undefined, 359, ['09:00', '09:01', '09:02', '09:03']],
  ['delay 0: 09:00 shown as it ends', 0, 60, ['09:00']],
  ['delay 300 s: 09:00 shown at 09:06', 300, 360, ['09:00']],
  ['delay 300 s: nothing at 09:05:59', 300, 359, []],
];

for (const [name, delay, seconds, shown] of cloudWatchRows)
  test(`SageMaker's invocation metrics show late: ${name}`, async () => {
    const h = await harness();
    try {
      h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-c1', instances: 2 });
      if (delay !== undefined) h.sandbox.control.setMetricDelay({ provider: 'sagemaker', seconds: delay });
      await h.advance(seconds);
      assert.deepEqual(await invocations(h), shown);
    } finally {
      await h.stop();
    }
  });

test("a client's own PutMetricData points show at once, whatever the delay", async () => {
  const h = await harness();
  try {
    h.sandbox.control.seedEndpoint({ name: 'fraud', config: 'fraud-c1', instances: 2 });
    await h.advance(90);
    await h.cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SageMaker',
        MetricData: [
          {
            MetricName: 'Invocations',
            Dimensions: [
              { Name: 'EndpointName', Value: 'fraud' },
              { Name: 'VariantName', Value: 'AllTraffic' },
            ],
            Timestamp: at(70),
            Value: 3,
          },
        ],
      }),
    );
    assert.deepEqual(await invocations(h), ['09:01']);
  } finally {
    await h.stop();
  }
});

const ERRORS = 'aiplatform.googleapis.com/prediction/online/error_count';
const CUSTOM = 'custom.googleapis.com/shiftwise/errors';

async function monitoring(sandbox: Sandbox, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.env.SHIFTWISE_MONITORING_ENDPOINT}/v3/projects/acme/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as { timeSeries?: unknown[] };
}

/** Writes one point of `type` ending at 09:01, then lists `type` over 09:00–10:00 at `seconds` after 09:00. */
async function pointShown(sandbox: Sandbox, type: string, seconds: number): Promise<boolean> {
  await sandbox.clock.advance(VIRTUAL_EPOCH + minute - sandbox.clock.now());
  await monitoring(sandbox, 'POST', 'timeSeries', {
    timeSeries: [
      {
        metric: { type, labels: { deployed_model_id: '7' } },
        resource: {
          type: 'aiplatform.googleapis.com/Endpoint',
          labels: { resource_container: 'acme', location: 'us-central1', endpoint_id: '42' },
        },
        points: [{ interval: { endTime: at(60).toISOString() }, value: { int64Value: '3' } }],
      },
    ],
  });
  await sandbox.clock.advance(VIRTUAL_EPOCH + seconds * 1000 - sandbox.clock.now());
  const q = new URLSearchParams({
    filter: `metric.type = "${type}"`,
    'interval.startTime': at(0).toISOString(),
    'interval.endTime': at(3600).toISOString(),
  });
  return ((await monitoring(sandbox, 'GET', `timeSeries?${q}`)).timeSeries ?? []).length > 0;
}

// [name, type, delay set (none: the default), seconds after 09:00 of the read, shown]
const monitoringRows: [string, string, number | undefined, number, boolean][] = [
  ['error_count, default 120 s: not shown 1 min after its end', ERRORS, undefined, 120, false],
  ['error_count, default 120 s: shown 2 min after its end', ERRORS, undefined, 180, true],
  ['error_count, delay 0: shown at its end', ERRORS, 0, 60, true],
  ['error_count, delay 600 s: not shown 9 min after', ERRORS, 600, 600, false],
  ['a user-defined metric: shown at once', CUSTOM, undefined, 60, true],
];

for (const [name, type, delay, seconds, shown] of monitoringRows)
  test(`Vertex AI's prediction metrics show late: ${name}`, async () => {
    const h = await harness();
    try {
      if (delay !== undefined) h.sandbox.control.setMetricDelay({ provider: 'vertex-ai', seconds: delay });
      assert.equal(await pointShown(h.sandbox, type, seconds), shown);
    } finally {
      await h.stop();
    }
  });

test('setMetricDelay over HTTP: one provider or both, refusals name the fix', async () => {
  const h = await harness();
  try {
    const call = async (body: unknown) => {
      const response = await fetch(`${h.sandbox.url}/_sandbox/setMetricDelay`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    assert.deepEqual(h.sandbox.control.metricDelays(), DEFAULT_METRIC_DELAYS);
    assert.deepEqual(await call({ provider: 'vertex-ai', seconds: 30 }), {
      status: 200,
      body: { result: { sagemaker: 60, 'vertex-ai': 30 } },
    });
    assert.deepEqual(await call({ seconds: 0 }), {
      status: 200,
      body: { result: { sagemaker: 0, 'vertex-ai': 0 } },
    });
    const refusals: [unknown, RegExp][] = [
      [{ provider: 'vertex-ai' }, /setMetricDelay needs 'seconds'/],
      [{ seconds: -1 }, /'seconds' is the seconds after a period ends .* not -1/],
      [{ provider: 'aws', seconds: 5 }, /'provider' must be one of sagemaker, vertex-ai/],
    ];
    for (const [body, message] of refusals) {
      const answer = await call(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(answer.body), message);
    }
    assert.deepEqual(h.sandbox.control.metricDelays(), { sagemaker: 0, 'vertex-ai': 0 });
  } finally {
    await h.stop();
  }
});
