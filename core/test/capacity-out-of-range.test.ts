import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRollout } from '../src/index.js';

// A capacity beyond the largest fleet (10,000), past 2^53 − 1 or past the largest double is capacity-range's
// alone: a rule that computes with it (rounding's 25% of 2147483647 "carrying 25.% of traffic", 25% of 1e400
// "carrying NaN%") would only say something false. Each file below is clean but for its capacity, written in
// each form; the one finding is the range error quoting it as written.
const capacities = ['10001', '2147483647', '9007199254740993', '99999999999999999999', '1e23', '1e400'];

const files: Record<string, (capacity: string) => string> = {
  'SageMaker canary 25%': (capacity) => `version: 1
provider: sagemaker
endpoint: e
endpointConfig: c
capacity: ${capacity}
strategy:
  type: canary
  size: 25%
  bake: 5m
terminationWait: 5m
timeout: 4h
rollback:
  alarms: [a]
`,
  'inference component rolling 25%, rollback 30%': (capacity) => `version: 1
provider: sagemaker
endpoint: e
inferenceComponent: ic
model: m
copies: ${capacity}
strategy:
  type: rolling
  batch: 25%
  bake: 5m
timeout: 4h
rollback:
  alarms: [a]
  batch: 30%
`,
  'SageMaker linear, step 3 instances': (capacity) => `version: 1
provider: sagemaker
endpoint: e
endpointConfig: c
capacity: ${capacity}
strategy:
  type: linear
  step: 3
  bake: 5m
terminationWait: 5m
timeout: 8h
rollback:
  alarms: [a]
`,
  'Vertex AI rolling, maxSurge 25%': (capacity) => `version: 1
provider: vertex-ai
project: my-project
location: us-central1
endpoint: '123'
model: projects/my-project/locations/us-central1/models/m
capacity: ${capacity}
strategy:
  type: rolling
  maxSurge: 25%
  maxUnavailable: 10%
timeout: 4h
`,
};

for (const [name, file] of Object.entries(files))
  for (const capacity of capacities) {
    test(`capacity ${capacity}, ${name}: only capacity-range, quoting ${capacity}`, () => {
      const found = validateRollout(file(capacity), { fileName: 'x.rollout.yaml' }).diagnostics;
      assert.deepEqual(
        found.map((d) => d.code),
        ['capacity-range'],
        found.map((d) => d.message).join('\n'),
      );
      assert.match(found[0]?.message ?? '', new RegExp(` is ${capacity}; `));
    });
  }
