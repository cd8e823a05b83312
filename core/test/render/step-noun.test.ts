import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  diffPlans,
  type Plan,
  plan,
  planSummary,
  renderPlanMarkdown,
  renderPlanText,
  renderPreviewBody,
  validateRollout,
} from '../../src/index.js';
import { exampleText } from '../support/examples.js';

// A step has one name on every face (docs/plan.md, "A step has one name"): a SageMaker rolling update moves in
// batches (of instances or of an inference component's copies), a Vertex AI rolling deployment in waves, the rest in
// steps. The headline, the text and markdown tables, the mermaid bars, the preview and a change's diff agree.

function planOf(file: string): Plan {
  const { value, diagnostics } = validateRollout(exampleText(file));
  assert.ok(value, JSON.stringify(diagnostics));
  return plan(value);
}

const cases: [file: string, one: string, many: string, count: string][] = [
  ['sagemaker-canary.rollout.yaml', 'step', 'steps', '2 steps'],
  ['sagemaker-linear.rollout.yaml', 'step', 'steps', '5 steps'],
  ['sagemaker-steps.rollout.yaml', 'step', 'steps', '5 steps'],
  ['sagemaker-rolling.rollout.yaml', 'batch', 'batches', '4 batches'],
  ['sagemaker-inference-component.rollout.yaml', 'batch', 'batches', '4 batches'],
  ['vertex-rolling.rollout.yaml', 'wave', 'waves', '4 waves'],
  ['vertex-steps.rollout.yaml', 'step', 'steps', '4 steps'],
];

for (const [file, one, many, count] of cases)
  test(`one name for a step: ${file} moves in ${many}`, () => {
    const p = planOf(file);
    const heading = one.charAt(0).toUpperCase() + one.slice(1);
    assert.match(planSummary(p), new RegExp(`^${count} · `));
    assert.match(renderPlanText(p), new RegExp(`^ {2}${one} {2}starts `, 'm'));
    const markdown = renderPlanMarkdown(p);
    assert.match(markdown, new RegExp(`^\\*\\*${count}\\*\\* · `, 'm'));
    assert.match(markdown, new RegExp(`^\\| ${one} \\| starts \\|`, 'm'));
    assert.match(markdown, new RegExp(`^ {2}${heading} 1 · `, 'm'), 'the first mermaid bar');
    const preview = renderPreviewBody({ fileName: file, plan: p, problems: { errors: 0, warnings: 0 } });
    assert.match(preview, new RegExp(`<th>${heading}</th>`));
    assert.match(preview, new RegExp(`<td>${heading} 1</td>`));
    const fewer = { ...p, steps: p.steps.slice(1) };
    assert.ok(
      diffPlans(fewer, p).changes.some((c) => c.what === many),
      `the diff counts ${many}`,
    );
  });

test('one name for a step: the timeout-budget finding counts a rolling update in batches', () => {
  const rolling = exampleText('sagemaker-rolling.rollout.yaml');
  const short = validateRollout(rolling.replace(/^timeout: .*$/m, 'timeout: 10m'));
  const over = short.diagnostics.find((d) => d.code === 'timeout-budget');
  assert.match(over?.message ?? '', /SageMaker would roll back before the last batch ends/);
  const guessed = validateRollout(
    rolling.replace(/^capacity: .*\n/m, '').replace(/^timeout: .*$/m, 'timeout: 30m'),
  );
  const guess = guessed.diagnostics.find((d) => d.code === 'timeout-budget');
  assert.match(guess?.message ?? '', /\(\d+ batches, .*\); the batch count depends on the capacity/);
});

test('one name for a step: a change of strategy that changes the word says both in the diff', () => {
  const canary = planOf('sagemaker-canary.rollout.yaml');
  const rolling = planOf('sagemaker-rolling.rollout.yaml');
  assert.deepEqual(
    diffPlans(canary, rolling).changes.find((c) => c.what === 'schedule'),
    { what: 'schedule', before: '2 steps', after: '4 batches' },
  );
});

test('one name for a step: a chart bar that groups a single wave names it in the singular', () => {
  const { value } = validateRollout(
    exampleText('vertex-rolling.rollout.yaml').replace(/^capacity: .*$/m, 'capacity: 250'),
  );
  assert.ok(value);
  const markdown = renderPlanMarkdown(plan(value));
  assert.match(markdown, /^ {2}Wave 250 · 100% · 250 new replicas/m);
  assert.match(markdown, /^ {2}Waves 1–3 · /m);
});

test('a diff counts one instance or replica in the singular', () => {
  const rolling = exampleText('sagemaker-all-at-once.rollout.yaml');
  const one = validateRollout(rolling.replace(/^capacity: .*$/m, 'capacity: 1')).value;
  const two = validateRollout(rolling.replace(/^capacity: .*$/m, 'capacity: 2')).value;
  assert.ok(one && two);
  const change = diffPlans(plan(one), plan(two)).changes.find((c) => c.what === 'capacity');
  assert.deepEqual(change, { what: 'capacity', before: '1 instance', after: '2 instances' });
});
