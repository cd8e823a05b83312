import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { run, scratch } from './support/run.js';

// `shiftwise validate` on variants of examples/sagemaker-inference-component.rollout.yaml: each faulty value is
// flagged at its own line and column with its rule, and the bounds themselves are accepted. The rules' own corpus
// (core/testdata/rules/component-*) covers the rules; this is what a user sees.

const example = readFileSync(
  new URL('../../examples/sagemaker-inference-component.rollout.yaml', import.meta.url),
  'utf8',
);

/** The example with one line's value replaced, its end-of-line comment kept. */
function edit(from: string, to: string): string {
  assert.ok(example.includes(from), from);
  return example.replace(from, to);
}

// [variant, text, `file:line:col: error … [rule]` expected, in order]
const faulty: [string, string, [number, number, string][]][] = [
  ['batch 60%', edit('batch: 25%', 'batch: 60%'), [[13, 10, 'rolling-batch']]],
  ['batch of 5 copies of 8', edit('batch: 25%', 'batch: 5'), [[13, 10, 'rolling-batch']]],
  [
    'bake 3601 s',
    edit('bake: 5m', 'bake: 3601'),
    [
      [14, 9, 'bake-range'],
      [15, 10, 'timeout-budget'],
    ],
  ],
  [
    'timeout 300 s',
    edit('timeout: 2h', 'timeout: 300'),
    [
      [15, 10, 'timeout-budget'],
      [15, 10, 'timeout-range'],
    ],
  ],
  ['a canary', edit('type: rolling', 'type: canary'), [[12, 9, 'component-strategy']]],
  [
    'an endpoint config beside the component',
    edit('inferenceComponent: chat-ic', 'endpointConfig: llm-v2\ninferenceComponent: chat-ic'),
    [[8, 1, 'one-target']],
  ],
];

for (const [variant, text, expected] of faulty)
  test(`validate flags ${variant} at its line`, async () => {
    const dir = scratch({ 'chat.rollout.yaml': text });
    const { code, stdout } = await run(['validate', 'chat.rollout.yaml'], dir);
    assert.equal(code, 1);
    const found = [...stdout.matchAll(/^chat\.rollout\.yaml:(\d+):(\d+): error .* \[([a-z-]+)\]$/gm)].map(
      (m) => [Number(m[1]), Number(m[2]), m[3]],
    );
    assert.deepEqual(found, expected, stdout);
  });

// [variant, text] — at the bounds: accepted with no finding at all.
const accepted: [string, string][] = [
  ['timeout 28800 s, the most SageMaker allows', edit('timeout: 2h', 'timeout: 28800')],
  ['a batch of 1 copy of 8', edit('batch: 25%', 'batch: 1')],
];

for (const [variant, text] of accepted)
  test(`validate accepts ${variant}`, async () => {
    const dir = scratch({ 'chat.rollout.yaml': text });
    const { code, stdout } = await run(['validate', 'chat.rollout.yaml'], dir);
    assert.equal(code, 0, stdout);
    assert.equal(stdout, '1 file, 0 errors, 0 warnings\n');
  });

test("a component's timeout-budget speaks of its bakes and copies, never of terminationWait or a fleet", async () => {
  const dir = scratch({ 'chat.rollout.yaml': edit('timeout: 2h', 'timeout: 300') });
  const { stdout } = await run(['validate', 'chat.rollout.yaml'], dir);
  const budget = stdout.split('\n').find((line) => line.endsWith('[timeout-budget]')) ?? '';
  assert.match(budget, /the bakes alone take/, stdout);
  assert.doesNotMatch(budget, /terminationWait|fleet/);
});
