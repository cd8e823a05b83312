import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRollout, plan, validateRollout } from '../../src/index.js';
import { maxSteps } from '../../src/plan/bounds.js';
import { exampleText } from '../support/examples.js';

// Every value that is planned is bounded: `capacity-range` refuses a fleet above 10,000 and the size rules a
// count above it, and the planner itself never lays out more than `maxSteps` steps, even for a value that
// reaches it unchecked (a file with errors, a caller's capacity).
const huge = [2147483647, 9007199254740991];

const files: readonly (readonly [name: string, text: string])[] = [
  ['vertex-ai rolling, maxSurge 1', exampleText('vertex-rolling.rollout.yaml')],
  ['sagemaker linear', exampleText('sagemaker-linear.rollout.yaml').replace(/step: .*/, 'step: 1')],
  ['sagemaker rolling', exampleText('sagemaker-rolling.rollout.yaml').replace(/batch: .*/, 'batch: 1')],
  ['sagemaker canary', exampleText('sagemaker-canary.rollout.yaml')],
  [
    'inference component',
    exampleText('sagemaker-inference-component.rollout.yaml').replace(/batch: .*/, 'batch: 1'),
  ],
];

for (const [name, example] of files) {
  for (const n of huge) {
    const text = /^(capacity|copies): /m.test(example)
      ? example.replace(/^(capacity|copies): .*/m, `$1: ${n}`)
      : `${example}capacity: ${n}\n`;
    test(`bounds: ${name} with a fleet of ${n} is a capacity-range error`, () => {
      const codes = validateRollout(text, { fileName: 'x.rollout.yaml' }).diagnostics.map((d) => d.code);
      assert.ok(codes.includes('capacity-range'), codes.join(', '));
    });
    test(`bounds: ${name} with a fleet of ${n} plans at most ${maxSteps} steps, the whole fleet on the last`, () => {
      const { value } = parseRollout(text, { fileName: 'x.rollout.yaml' });
      assert.ok(value);
      for (const planned of [plan(value), plan(value, { capacity: n })]) {
        assert.ok(planned.steps.length <= maxSteps, `${planned.steps.length} steps`);
        assert.equal(planned.steps.at(-1)?.greenActive, n);
        assert.equal(planned.steps.at(-1)?.trafficPercent, 100);
      }
    });
  }
}

test('bounds: within the bounds the planner keeps one step per slice (10,000 replicas, maxSurge 1)', () => {
  const text = exampleText('vertex-rolling.rollout.yaml').replace(/^capacity: .*/m, 'capacity: 10000');
  const { value, diagnostics } = validateRollout(text, { fileName: 'x.rollout.yaml' });
  // Valid, but 10,000 waves of an estimated 5 minutes outlast any timeout: only timeout-budget's warning.
  assert.deepEqual(
    diagnostics.map((d) => `${d.severity} ${d.code}`),
    ['warning timeout-budget'],
  );
  assert.ok(value);
  assert.equal(plan(value).steps.length, 10_000);
});
