import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';
import fc from 'fast-check';

// A user's dry run of a Vertex AI canary: deploy the new model beside the old one with 10%, inject errors for the
// new DeployedModel through Cloud Monitoring's REST API, read them as an analysis check would, roll back.

const ENDPOINT = 'projects/acme/locations/us-central1/endpoints/4242';
const ERRORS = 'aiplatform.googleapis.com/prediction/online/error_count';

let sandbox: Sandbox;
before(async () => {
  // The canary reads its points as written; the publication delay is tested in metric-delay.
  sandbox = await startSandbox({ clock: 'virtual', metricDelays: { 'vertex-ai': 0 } });
  sandbox.control.vertex.seedEndpoint({
    project: 'acme',
    location: 'us-central1',
    id: '4242',
    deployedModels: [{ id: '1', model: 'projects/acme/locations/us-central1/models/ranker@1', replicas: 2 }],
  });
});
after(() => sandbox.stop());

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as T;
  assert.equal(response.status, 200, JSON.stringify(answer));
  return answer;
}
const vertex = <T>(method: string, path: string, body?: unknown) =>
  send<T>(method, `${sandbox.env.SHIFTWISE_VERTEX_ENDPOINT}/v1/${path}`, body);
const monitoring = <T>(method: string, path: string, body?: unknown) =>
  send<T>(method, `${sandbox.env.SHIFTWISE_MONITORING_ENDPOINT}/v3/projects/acme/${path}`, body);
const iso = (ms: number) => new Date(ms).toISOString();

test('a canary with a bad error_count is seen by its analysis and rolled back', async () => {
  const op = await vertex<{ name: string }>('POST', `${ENDPOINT}:deployModel`, {
    deployedModel: {
      model: 'projects/acme/locations/us-central1/models/ranker@2',
      displayName: 'ranker',
      dedicatedResources: {
        machineSpec: { machineType: 'n1-standard-4' },
        minReplicaCount: 2,
        maxReplicaCount: 2,
      },
    },
    trafficSplit: { '0': 10, '1': 90 },
  });
  await sandbox.clock.advance(60_000);
  const done = await vertex<{ done: boolean; response: { deployedModel: { id: string } } }>('GET', op.name);
  assert.equal(done.done, true);
  const fresh = done.response.deployedModel.id;
  const bakeStart = sandbox.clock.now();
  for (const [model, errors] of [
    [fresh, 7],
    ['1', 0],
  ] as const)
    await monitoring('POST', 'timeSeries', {
      timeSeries: [
        {
          metric: { type: ERRORS, labels: { deployed_model_id: model } },
          resource: {
            type: 'aiplatform.googleapis.com/Endpoint',
            labels: { resource_container: 'acme', location: 'us-central1', endpoint_id: '4242' },
          },
          points: [{ interval: { endTime: iso(bakeStart + 30_000) }, value: { int64Value: String(errors) } }],
        },
      ],
    });
  await sandbox.clock.advance(60_000);
  const query = new URLSearchParams({
    filter: `metric.type = "${ERRORS}" AND resource.labels.endpoint_id = "4242" AND metric.labels.deployed_model_id = "${fresh}"`,
    'interval.startTime': iso(bakeStart),
    'interval.endTime': iso(sandbox.clock.now()),
    'aggregation.alignmentPeriod': '60s',
    'aggregation.perSeriesAligner': 'ALIGN_SUM',
    'aggregation.crossSeriesReducer': 'REDUCE_SUM',
  });
  const seen = await monitoring<{ timeSeries: { points: { value: { int64Value: string } }[] }[] }>(
    'GET',
    `timeSeries?${query}`,
  );
  assert.deepEqual(
    seen.timeSeries.map((s) => s.points.map((p) => p.value.int64Value)),
    [['7']],
  );
  await vertex('PATCH', `${ENDPOINT}?updateMask=trafficSplit,labels`, {
    trafficSplit: { '1': 100 },
    labels: { 'shiftwise-state': 'rolling-back' },
  });
  const undo = await vertex<{ name: string }>('POST', `${ENDPOINT}:undeployModel`, {
    deployedModelId: fresh,
  });
  await sandbox.clock.advance(10_000);
  assert.equal((await vertex<{ done: boolean }>('GET', undo.name)).done, true);
  const endpoint = await vertex<{ deployedModels: { id: string }[]; trafficSplit: unknown; labels: unknown }>(
    'GET',
    ENDPOINT,
  );
  assert.deepEqual(
    [endpoint.deployedModels.map((m) => m.id), endpoint.trafficSplit, endpoint.labels],
    [['1'], { '1': 100 }, { 'shiftwise-state': 'rolling-back' }],
  );
});

test('random PATCH and Cloud Monitoring requests get 2xx or 4xx, never a 5xx', async () => {
  const request = fc.oneof(
    fc.record({
      method: fc.constant('PATCH'),
      path: fc.constantFrom(
        `/v1/${ENDPOINT}?updateMask=trafficSplit`,
        `/v1/${ENDPOINT}?updateMask=labels,trafficSplit`,
        `/v1beta1/${ENDPOINT}?updateMask=displayName`,
        `/v1/${ENDPOINT}`,
      ),
      body: fc.record(
        {
          trafficSplit: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('0', '1', '9'), fc.integer())),
          labels: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.string())),
          displayName: fc.jsonValue(),
          etag: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({
      method: fc.constant('POST'),
      path: fc.constant('/v3/projects/acme/timeSeries'),
      body: fc.record(
        {
          timeSeries: fc.oneof(
            fc.jsonValue(),
            fc.array(
              fc.record(
                {
                  metric: fc.oneof(
                    fc.jsonValue(),
                    fc.record({ type: fc.constantFrom(ERRORS, 'custom.googleapis.com/x') }),
                  ),
                  resource: fc.jsonValue(),
                  points: fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 2 })),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({
      method: fc.constant('GET'),
      path: fc
        .record({
          filter: fc.oneof(fc.string(), fc.constant(`metric.type = "${ERRORS}"`)),
          'interval.endTime': fc.oneof(fc.string(), fc.constant('2026-01-01T09:00:00Z')),
          'interval.startTime': fc.oneof(fc.string(), fc.constant('2026-01-01T08:00:00Z')),
          'aggregation.alignmentPeriod': fc.oneof(fc.string(), fc.constantFrom('60s', '0s', '1e3s')),
          'aggregation.perSeriesAligner': fc.constantFrom('ALIGN_SUM', 'ALIGN_RATE', 'ALIGN_X', ''),
          'aggregation.crossSeriesReducer': fc.constantFrom('REDUCE_SUM', 'REDUCE_MAX', ''),
          'aggregation.groupByFields': fc.constantFrom('metric.label.deployed_model_id', 'x', ''),
        })
        .map((q) => `/v3/projects/acme/timeSeries?${new URLSearchParams(q)}`),
      body: fc.constant(undefined),
    }),
  );
  await fc.assert(
    fc.asyncProperty(request, async ({ method, path, body }) => {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      assert.ok(
        response.status < 500,
        `${method} ${path} ${JSON.stringify(body)} → ${response.status} ${text}`,
      );
      JSON.parse(text);
    }),
    { numRuns: 300 },
  );
});
