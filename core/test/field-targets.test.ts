// A field whose meaning differs on an inference component has a row of its own there: hover and completion name
// the component's API field, copies rather than instances, and no terminationWait.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldDocs } from '../src/fields/lookup.js';

const component = { provider: 'sagemaker', strategy: 'rolling', target: 'inference-component' } as const;
const endpoint = { provider: 'sagemaker', strategy: 'rolling', target: 'endpoint' } as const;

const rows: [path: string, componentApi: RegExp, endpointApi: RegExp][] = [
  [
    'timeout',
    /^InferenceComponentRollingUpdatePolicy\.MaximumExecutionTimeoutInSeconds$/,
    /^BlueGreenUpdatePolicy/,
  ],
  [
    'rollback.batch',
    /^InferenceComponentRollingUpdatePolicy\.RollbackMaximumBatchSize/,
    /^RollingUpdatePolicy\./,
  ],
  [
    'rollback.alarms',
    /^InferenceComponentDeploymentConfig\.AutoRollbackConfiguration/,
    /^AutoRollbackConfiguration\./,
  ],
  ['strategy.batch', /^InferenceComponentRollingUpdatePolicy\.MaximumBatchSize/, /^RollingUpdatePolicy\./],
];

for (const [path, componentApi, endpointApi] of rows)
  test(`${path}: the component's own row on an inference component, the endpoint's on an endpoint`, () => {
    const ic = fieldDocs(path, component);
    assert.match(ic?.apiField ?? '', componentApi);
    assert.doesNotMatch(`${ic?.description} ${ic?.bounds}`, /instances|terminationWait/);
    assert.match(fieldDocs(path, endpoint)?.apiField ?? '', endpointApi);
  });

test("a steps file's timeout keeps its own row (up to 7 days) on an endpoint", () => {
  assert.match(
    fieldDocs('timeout', { provider: 'sagemaker', strategy: 'steps', target: 'endpoint' })?.bounds ?? '',
    /7 days/,
  );
});
