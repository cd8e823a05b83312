import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Sandbox, startSandbox } from '@shiftwise/sandbox';
import fc from 'fast-check';

// Whatever a client sends, the sandbox answers 2xx or 4xx, never 5xx, and keeps serving.
let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ clock: 'virtual' });
  sandbox.control.seedEndpoint({ name: 'svc', config: 'svc-v1', instances: 4 });
  sandbox.control.seedEndpointConfig({ name: 'svc-v2', instances: 4 });
  sandbox.control.seedAlarm({ name: 'svc-5xx' });
  sandbox.control.seedInferenceComponent({
    name: 'svc-ic',
    endpoint: 'svc',
    model: 'svc-v1-model',
    copies: 4,
  });
  sandbox.control.vertex.seedEndpoint({
    project: 'p',
    location: 'l',
    id: '1',
    deployedModels: [{ id: '1', model: 'projects/p/locations/l/models/m', replicas: 2 }],
  });
});
after(() => sandbox.stop());

const targets = [
  ...['CreateModel', 'DescribeModel', 'DeleteModel', 'CreateEndpointConfig', 'DescribeEndpointConfig']
    .concat([
      'DeleteEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'UpdateEndpoint',
      'DeleteEndpoint',
    ])
    .concat(['ListEndpoints', 'CreateInferenceComponent', 'DescribeInferenceComponent'])
    .concat(['UpdateInferenceComponent', 'DeleteInferenceComponent', 'ListInferenceComponents'])
    .map((op) => `SageMaker.${op}`),
  ...['PutMetricAlarm', 'DescribeAlarms', 'SetAlarmState', 'DeleteAlarms'].map(
    (op) => `GraniteServiceVersion20100801.${op}`,
  ),
];

/** Values shaped like the real members, mixed with junk, so checks past the first member are reached. */
const member = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    'svc',
    'svc-v2',
    'svc-5xx',
    'svc-ic',
    'svc-v1-model',
    'COPY_COUNT',
    'AllTraffic',
    'ALARM',
    'CANARY',
    'INSTANCE_COUNT',
    -1,
    0,
    4,
    3601,
  ),
);
const body = fc.record(
  {
    EndpointName: member,
    EndpointConfigName: member,
    InferenceComponentName: member,
    Specification: fc.oneof(member, fc.dictionary(fc.constantFrom('ModelName', 'Container'), member)),
    RuntimeConfig: fc.oneof(member, fc.dictionary(fc.constantFrom('CopyCount'), member)),
    ModelName: member,
    AlarmName: member,
    AlarmNames: fc.oneof(member, fc.array(member)),
    StateValue: member,
    StateReason: member,
    ProductionVariants: fc.oneof(
      member,
      fc.array(
        fc.dictionary(
          fc.constantFrom('VariantName', 'ModelName', 'InitialInstanceCount', 'InitialVariantWeight'),
          member,
        ),
      ),
    ),
    DeploymentConfig: fc.oneof(
      member,
      fc.record(
        {
          BlueGreenUpdatePolicy: fc.oneof(
            member,
            fc.record(
              {
                TrafficRoutingConfiguration: fc.dictionary(
                  fc.constantFrom('Type', 'WaitIntervalInSeconds', 'CanarySize', 'LinearStepSize'),
                  member,
                ),
              },
              { requiredKeys: [] },
            ),
          ),
          RollingUpdatePolicy: member,
          AutoRollbackConfiguration: fc.oneof(
            member,
            fc.record({ Alarms: fc.oneof(member, fc.array(member)) }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    MaxResults: member,
    NextToken: member,
    SortBy: member,
  },
  { requiredKeys: [] },
);

test('random AWS JSON bodies to every operation get 2xx or 4xx', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), body, async (target, input) => {
      const response = await fetch(sandbox.url, {
        method: 'POST',
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(input),
      });
      const text = await response.text();
      assert.ok(response.status < 500, `${target} ${JSON.stringify(input)} → ${response.status} ${text}`);
      JSON.parse(text);
    }),
    { numRuns: 400 },
  );
});

test('random Vertex AI requests get 2xx or 4xx', async () => {
  const path = fc.constantFrom(
    'projects/p/locations/l/endpoints/1',
    'projects/p/locations/l/endpoints/1:deployModel',
    'projects/p/locations/l/endpoints/1:undeployModel',
    'projects/p/locations/l/endpoints/2:deployModel',
    'projects/p/locations/l/models/m@2',
    'projects/p/locations/l/endpoints/1/operations/9',
    'nothing/here',
  );
  const vertexBody = fc.record(
    {
      deployedModel: fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            model: fc.oneof(fc.jsonValue(), fc.constant('projects/p/locations/l/models/m@2')),
            rolloutOptions: fc.oneof(
              fc.jsonValue(),
              fc.dictionary(
                fc.constantFrom('previousDeployedModel', 'maxSurgeReplicas', 'maxUnavailablePercentage'),
                fc.oneof(fc.jsonValue(), fc.constantFrom('1', 1, 0, 150)),
              ),
            ),
            dedicatedResources: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      ),
      trafficSplit: fc.oneof(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom('0', '1', '2'),
          fc.oneof(fc.jsonValue(), fc.integer({ min: -5, max: 105 })),
        ),
      ),
      deployedModelId: fc.oneof(fc.jsonValue(), fc.constant('1')),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(path, fc.constantFrom('GET', 'POST'), vertexBody, async (p, method, input) => {
      const response = await fetch(`${sandbox.url}/v1beta1/${p}`, {
        method,
        ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
      });
      const text = await response.text();
      assert.ok(
        response.status < 500,
        `${method} ${p} ${JSON.stringify(input)} → ${response.status} ${text}`,
      );
      await sandbox.clock.advance(30_000);
    }),
    { numRuns: 300 },
  );
});
