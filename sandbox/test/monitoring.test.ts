import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';

const ERRORS = 'aiplatform.googleapis.com/prediction/online/error_count';
const LATENCY = 'aiplatform.googleapis.com/prediction/online/prediction_latencies';
const resource = {
  type: 'aiplatform.googleapis.com/Endpoint',
  labels: { resource_container: 'acme', location: 'us-central1', endpoint_id: '4242' },
};

interface Point {
  interval: { startTime: string; endTime: string };
  value: { int64Value?: string; doubleValue?: number };
}
interface Series {
  metric: { type: string; labels: Record<string, string> };
  resource: unknown;
  metricKind: string;
  valueType: string;
  points: [Point, ...Point[]];
}
/** A list answer, or an error body. */
interface Answer {
  timeSeries: [Series, ...Series[]];
  error: { code: number; message: string; status: string };
}

let sandbox: Sandbox;
let start: number;
beforeEach(async () => {
  // These tests read points as written; the publication delay of Vertex AI's metrics is tested in metric-delay.
  sandbox = await startSandbox({ clock: 'virtual', metricDelays: { 'vertex-ai': 0 } });
  start = sandbox.clock.now();
});
afterEach(() => sandbox.stop());

const iso = (seconds: number) => new Date(start + seconds * 1000).toISOString().replace('.000Z', 'Z');
const at = (seconds: number) => sandbox.clock.advance(start + seconds * 1000 - sandbox.clock.now());

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.env.SHIFTWISE_MONITORING_ENDPOINT}/v3/projects/acme/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** Writes one point of `type` for DeployedModel `model` at `seconds` (the clock is moved there first). */
async function write(type: string, model: string, seconds: number, value: Record<string, unknown>) {
  await at(seconds);
  return call('POST', 'timeSeries', {
    timeSeries: [
      {
        metric: { type, labels: { deployed_model_id: model } },
        resource,
        points: [{ interval: { endTime: iso(seconds) }, value }],
      },
    ],
  });
}

function list(params: Record<string, string | string[]>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) q.append(k, one);
  return call('GET', `timeSeries?${q}`);
}

/** Errors of model 7 at 10, 50, 70 and 130 s (2, 3, 5, 1), and of model 1 at 70 s (4). */
async function seedErrors() {
  for (const [model, seconds, n] of [
    ['7', 10, 2],
    ['7', 50, 3],
    ['1', 70, 4],
    ['7', 70, 5],
    ['7', 130, 1],
  ] as const)
    assert.equal((await write(ERRORS, model, seconds, { int64Value: String(n) })).status, 200);
}

const model7 = `metric.type = "${ERRORS}" AND resource.labels.endpoint_id = "4242" AND metric.labels.deployed_model_id = "7"`;

const aligned: [aligner: string, values: unknown[]][] = [
  ['ALIGN_SUM', [{ int64Value: '1' }, { int64Value: '5' }, { int64Value: '5' }]],
  ['ALIGN_MEAN', [{ doubleValue: 1 }, { doubleValue: 5 }, { doubleValue: 2.5 }]],
  ['ALIGN_MAX', [{ int64Value: '1' }, { int64Value: '5' }, { int64Value: '3' }]],
  ['ALIGN_MIN', [{ int64Value: '1' }, { int64Value: '5' }, { int64Value: '2' }]],
  ['ALIGN_COUNT', [{ int64Value: '1' }, { int64Value: '1' }, { int64Value: '2' }]],
];

for (const [aligner, values] of aligned) {
  test(`timeSeries.list ${aligner}: one point per 60 s period ending at interval.endTime, newest first`, async () => {
    await seedErrors();
    const { status, body } = await list({
      filter: model7,
      'interval.startTime': iso(0),
      'interval.endTime': iso(180),
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': aligner,
    });
    assert.equal(status, 200);
    assert.equal(body.timeSeries.length, 1);
    const series = body.timeSeries[0];
    assert.deepEqual(series.metric, { type: ERRORS, labels: { deployed_model_id: '7' } });
    assert.deepEqual(series.resource, resource);
    assert.equal(series.metricKind, 'DELTA');
    // Periods (120, 180], (60, 120], (0, 60]: the point at 130 s, the one at 70 s, those at 10 and 50 s.
    assert.deepEqual(
      series.points.map((p) => p.interval.endTime),
      [iso(180), iso(120), iso(60)],
    );
    assert.deepEqual(
      series.points.map((p) => p.value),
      values,
    );
  });
}

test('periods end at interval.endTime, not at whole minutes; a DELTA sum spans its period', async () => {
  await seedErrors();
  const { body } = await list({
    filter: model7,
    'interval.startTime': iso(0),
    'interval.endTime': iso(150),
    'aggregation.alignmentPeriod': '60s',
    'aggregation.perSeriesAligner': 'ALIGN_SUM',
  });
  // Periods (90, 150], (30, 90], (-30, 30]: 130 s → 1; 50 and 70 s → 8; 10 s → 2.
  assert.deepEqual(
    body.timeSeries[0].points.map((p) => [p.interval, p.value.int64Value]),
    [
      [{ startTime: iso(90), endTime: iso(150) }, '1'],
      [{ startTime: iso(30), endTime: iso(90) }, '8'],
      [{ startTime: iso(-30), endTime: iso(30) }, '2'],
    ],
  );
});

const filters: [name: string, filter: string, models: string[]][] = [
  ['the metric type alone', `metric.type = "${ERRORS}"`, ['7', '1']],
  ['a metric label', `metric.type="${ERRORS}" AND metric.label.deployed_model_id="1"`, ['1']],
  [
    'terms joined by whitespace',
    `metric.type="${ERRORS}" resource.type="aiplatform.googleapis.com/Endpoint"`,
    ['7', '1'],
  ],
  ['another endpoint', `metric.type = "${ERRORS}" AND resource.labels.endpoint_id = "99"`, []],
  ['another metric', `metric.type = "${LATENCY}"`, []],
];

for (const [name, filter, models] of filters) {
  test(`timeSeries.list filter: ${name}`, async () => {
    await seedErrors();
    const { status, body } = await list({
      filter,
      'interval.startTime': iso(0),
      'interval.endTime': iso(180),
    });
    assert.equal(status, 200);
    if (models.length === 0) return assert.deepEqual(body, {});
    assert.deepEqual(
      body.timeSeries.map((s) => s.metric.labels.deployed_model_id),
      models,
    );
  });
}

test('raw points newest first with their own intervals; int64 as a string', async () => {
  await seedErrors();
  const { body } = await list({ filter: model7, 'interval.startTime': iso(50), 'interval.endTime': iso(70) });
  assert.deepEqual(body.timeSeries[0].points, [
    { interval: { startTime: iso(70), endTime: iso(70) }, value: { int64Value: '5' } },
    { interval: { startTime: iso(50), endTime: iso(50) }, value: { int64Value: '3' } },
  ]);
  assert.deepEqual([body.timeSeries[0].metricKind, body.timeSeries[0].valueType], ['DELTA', 'INT64']);
});

test('REDUCE_SUM across DeployedModels, and grouped by deployed_model_id', async () => {
  await seedErrors();
  const base = {
    filter: `metric.type = "${ERRORS}"`,
    'interval.startTime': iso(60),
    'interval.endTime': iso(120),
    'aggregation.alignmentPeriod': '60s',
    'aggregation.perSeriesAligner': 'ALIGN_SUM',
    'aggregation.crossSeriesReducer': 'REDUCE_SUM',
  };
  const all = await list(base);
  assert.deepEqual(all.body.timeSeries.length, 1);
  assert.deepEqual(all.body.timeSeries[0].metric, { type: ERRORS });
  assert.deepEqual(all.body.timeSeries[0].resource, { type: 'aiplatform.googleapis.com/Endpoint' });
  assert.deepEqual(all.body.timeSeries[0].points[0].value, { int64Value: '9' });
  const grouped = await list({ ...base, 'aggregation.groupByFields': 'metric.label.deployed_model_id' });
  assert.deepEqual(
    grouped.body.timeSeries.map((s) => [s.metric.labels, s.points[0].value]),
    [
      [{ deployed_model_id: '7' }, { int64Value: '5' }],
      [{ deployed_model_id: '1' }, { int64Value: '4' }],
    ],
  );
});

test('prediction_latencies is a distribution: ALIGN_SUM merges it, REDUCE_MEAN reads its mean', async () => {
  await write(LATENCY, '7', 10, { distributionValue: { count: '3', mean: 100 } });
  await write(LATENCY, '7', 20, { distributionValue: { count: '1', mean: 300 } });
  const q = {
    filter: `metric.type = "${LATENCY}"`,
    'interval.startTime': iso(0),
    'interval.endTime': iso(60),
    'aggregation.alignmentPeriod': '60s',
    'aggregation.perSeriesAligner': 'ALIGN_SUM',
  };
  const sum = await list(q);
  assert.deepEqual(sum.body.timeSeries[0].points[0].value, { distributionValue: { count: '4', mean: 150 } });
  assert.equal(sum.body.timeSeries[0].valueType, 'DISTRIBUTION');
  const mean = await list({ ...q, 'aggregation.crossSeriesReducer': 'REDUCE_MEAN' });
  assert.deepEqual(mean.body.timeSeries[0].points[0].value, { doubleValue: 150 });
  assert.equal(mean.body.timeSeries[0].valueType, 'DOUBLE');
});

test('a custom metric takes the value type of its first write', async () => {
  const point = (seconds: number, value: unknown) => ({
    timeSeries: [
      {
        metric: { type: 'custom.googleapis.com/shiftwise/score' },
        resource: { type: 'global', labels: { project_id: 'acme' } },
        points: [{ interval: { endTime: iso(seconds) }, value }],
      },
    ],
  });
  assert.equal((await call('POST', 'timeSeries', point(0, { doubleValue: 0.5 }))).status, 200);
  await at(10);
  const wrong = await call('POST', 'timeSeries', point(10, { int64Value: '1' }));
  assert.equal(wrong.status, 400);
  assert.match(wrong.body.error.message, /must be DOUBLE, but is INT64/);
});

const refusedWrites: [name: string, series: unknown, message: RegExp][] = [
  [
    'a Vertex AI metric without deployed_model_id',
    [
      {
        metric: { type: ERRORS },
        resource,
        points: [{ interval: { endTime: '2026-01-01T09:00:00Z' }, value: { int64Value: '1' } }],
      },
    ],
    /Missing metric label deployed_model_id/,
  ],
  [
    'a point ten minutes ahead',
    [
      {
        metric: { type: ERRORS, labels: { deployed_model_id: '7' } },
        resource,
        points: [{ interval: { endTime: '2026-01-01T09:10:00Z' }, value: { int64Value: '1' } }],
      },
    ],
    /not be more than 5 minutes in the future/,
  ],
  ['no series', [], /between 1 and 200 TimeSeries/],
  [
    'two points',
    [{ metric: { type: ERRORS, labels: { deployed_model_id: '7' } }, resource, points: [{}, {}] }],
    /Only one point can be written per TimeSeries per request/,
  ],
  [
    'a Google metric the sandbox does not play',
    [
      {
        metric: { type: 'compute.googleapis.com/instance/cpu/utilization' },
        resource,
        points: [{ interval: { endTime: 'now' }, value: { doubleValue: 1 } }],
      },
    ],
    /Only user-defined metric types/,
  ],
  [
    'a double for an INT64 metric',
    [
      {
        metric: { type: ERRORS, labels: { deployed_model_id: '7' } },
        resource,
        points: [{ interval: { endTime: '2026-01-01T09:00:00Z' }, value: { doubleValue: 1 } }],
      },
    ],
    /Value type for metric .*error_count must be INT64, but is DOUBLE/,
  ],
  [
    'an unknown metric label',
    [
      {
        metric: { type: ERRORS, labels: { model: 'x' } },
        resource,
        points: [{ interval: { endTime: '2026-01-01T09:00:00Z' }, value: { int64Value: '1' } }],
      },
    ],
    /Unrecognized label model/,
  ],
  [
    'a missing resource label',
    [
      {
        metric: { type: ERRORS, labels: { deployed_model_id: '7' } },
        resource: { type: resource.type, labels: { location: 'x' } },
        points: [{ interval: { endTime: '2026-01-01T09:00:00Z' }, value: { int64Value: '1' } }],
      },
    ],
    /Missing resource label\(s\): resource_container, endpoint_id/,
  ],
  [
    'a point two days old',
    [
      {
        metric: { type: ERRORS, labels: { deployed_model_id: '7' } },
        resource,
        points: [{ interval: { endTime: '2025-12-30T09:00:00Z' }, value: { int64Value: '1' } }],
      },
    ],
    /not be more than 25 hours in the past/,
  ],
];

for (const [name, series, message] of refusedWrites) {
  test(`timeSeries.create refuses ${name} (400 INVALID_ARGUMENT)`, async () => {
    const { status, body } = await call('POST', 'timeSeries', { timeSeries: series });
    assert.equal(status, 400);
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.match(body.error.message, message);
  });
}

test('one point per series per request: the same series twice is a duplicate', async () => {
  const one = {
    metric: { type: ERRORS, labels: { deployed_model_id: '7' } },
    resource,
    points: [{ interval: { endTime: iso(0) }, value: { int64Value: '1' } }],
  };
  const { status, body } = await call('POST', 'timeSeries', { timeSeries: [one, one] });
  assert.equal(status, 400);
  assert.match(
    body.error.message,
    /^Field timeSeries\[1\] had an invalid value: Duplicate TimeSeries encountered/,
  );
});

test('points of a series must be written in order', async () => {
  await write(ERRORS, '7', 60, { int64Value: '1' });
  const again = await write(ERRORS, '7', 60, { int64Value: '1' });
  assert.equal(again.status, 400);
  assert.match(again.body.error.message, /Points must be written in order/);
});

const refusedLists: [name: string, params: Record<string, string>, message: RegExp][] = [
  ['no filter', { 'interval.endTime': '2026-01-01T09:00:00Z' }, /A filter must specify a metric type/],
  [
    'an unquoted value',
    { filter: `metric.type = ${ERRORS}`, 'interval.endTime': '2026-01-01T09:00:00Z' },
    /must be a quoted string/,
  ],
  [
    'an OR',
    { filter: `metric.type = "${ERRORS}" OR metric.type = "x"`, 'interval.endTime': '2026-01-01T09:00:00Z' },
    /conjunction \(AND\)/,
  ],
  [
    'no end time',
    { filter: `metric.type = "${ERRORS}"` },
    /interval.endTime had an invalid value: An end time is required/,
  ],
  [
    'an aligner without a period',
    {
      filter: `metric.type = "${ERRORS}"`,
      'interval.endTime': '2026-01-01T09:00:00Z',
      'aggregation.perSeriesAligner': 'ALIGN_SUM',
    },
    /alignment period is required/,
  ],
  [
    'a period under 60 s',
    {
      filter: `metric.type = "${ERRORS}"`,
      'interval.endTime': '2026-01-01T09:00:00Z',
      'aggregation.perSeriesAligner': 'ALIGN_SUM',
      'aggregation.alignmentPeriod': '30s',
    },
    /at least 60 seconds/,
  ],
  [
    'a reducer without an aligner',
    {
      filter: `metric.type = "${ERRORS}"`,
      'interval.endTime': '2026-01-01T09:00:00Z',
      'aggregation.crossSeriesReducer': 'REDUCE_SUM',
    },
    /needs a per-series aligner/,
  ],
  [
    'ALIGN_MAX of a distribution',
    {
      filter: `metric.type = "${LATENCY}"`,
      'interval.endTime': '2026-01-01T09:00:00Z',
      'aggregation.perSeriesAligner': 'ALIGN_MAX',
      'aggregation.alignmentPeriod': '60s',
    },
    /cannot be applied to metrics with kind DELTA and value type DISTRIBUTION/,
  ],
  [
    'ALIGN_MEAN of a distribution (the reference lists it for numeric values only)',
    {
      filter: `metric.type = "${LATENCY}"`,
      'interval.endTime': '2026-01-01T09:00:00Z',
      'aggregation.perSeriesAligner': 'ALIGN_MEAN',
      'aggregation.alignmentPeriod': '60s',
    },
    /cannot be applied to metrics with kind DELTA and value type DISTRIBUTION/,
  ],
];

for (const [name, params, message] of refusedLists) {
  test(`timeSeries.list refuses ${name}`, async () => {
    await write(LATENCY, '7', 0, { distributionValue: { count: '1', mean: 1 } });
    const { status, body } = await list(params);
    assert.equal(status, 400);
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.match(body.error.message, message);
  });
}

const faults: [
  kind: 'throttle' | 'error',
  match: string,
  method: 'GET' | 'POST',
  status: number,
  word: string,
][] = [
  ['throttle', 'monitoring GET', 'GET', 429, 'RESOURCE_EXHAUSTED'],
  ['error', 'monitoring POST /v3/projects/acme/timeSeries', 'POST', 500, 'INTERNAL'],
];

for (const [kind, match, method, status, word] of faults) {
  test(`an injected ${kind} matching "${match}" answers ${status} ${word}, once`, async () => {
    sandbox.control.injectFault({ kind, match });
    const send = () =>
      method === 'GET'
        ? list({ filter: `metric.type = "${ERRORS}"`, 'interval.endTime': iso(0) })
        : write(ERRORS, '7', 0, { int64Value: '1' });
    const faulted = await send();
    assert.deepEqual([faulted.status, faulted.body.error.status], [status, word]);
    assert.equal((await send()).status, 200);
  });
}

test('unknown routes under /v3/ are a Google 404', async () => {
  const { status, body } = await call('GET', 'metricDescriptors');
  assert.deepEqual([status, body.error.status], [404, 'NOT_FOUND']);
});
