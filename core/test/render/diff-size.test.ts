import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeWords, diffPlans } from '../../src/index.js';
import { exampleText as example } from '../support/examples.js';
import { planOf } from '../support/plan-of.js';

// A size is named by its own strategy's word on each side: when the strategy changes, the base's linear step is
// not called a canary. Each row diffs two examples and reads the size's words.
const rows: { base: string; head: string; words: string }[] = [
  { base: 'sagemaker-linear', head: 'sagemaker-canary', words: 'size step 20% → canary 25%' },
  { base: 'sagemaker-canary', head: 'sagemaker-linear', words: 'size canary 25% → step 20%' },
  { base: 'sagemaker-canary', head: 'sagemaker-rolling', words: 'size canary 25% → batch 25%' },
  { base: 'sagemaker-all-at-once', head: 'sagemaker-canary', words: 'size canary 25% (new)' },
  { base: 'sagemaker-canary', head: 'sagemaker-all-at-once', words: 'size removed (was canary 25%)' },
];

for (const row of rows)
  test(`diff size: ${row.base} → ${row.head}`, () => {
    const plans = [row.base, row.head].map((f) => planOf(example(`${f}.rollout.yaml`)));
    const words = diffPlans(plans[0], plans[1]!).changes.map(changeWords);
    assert.ok(words.includes(row.words), words.join('; '));
  });

test('diff size: the same strategy keeps its one word', () => {
  const text = example('sagemaker-canary.rollout.yaml');
  const words = diffPlans(planOf(text), planOf(text.replace('size: 25%', 'size: 10%'))).changes.map(
    changeWords,
  );
  assert.deepEqual(words.slice(0, 1), ['canary 25% → 10%']);
});
