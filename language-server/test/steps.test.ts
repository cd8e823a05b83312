// Shiftwise-run steps in the editor: diagnostics on their lines, hover on step and analysis fields, completion of
// the keys of a step and of the metrics an analysis check may read, and the plan with its gate.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, completion, hover, showPlan } from '../src/index.js';
import { cursor } from './documents.js';

const uri = 'file:///w/fraud-steps.rollout.yaml';
const example = readFileSync(new URL('../../examples/sagemaker-steps.rollout.yaml', import.meta.url), 'utf8');

const labels = (marked: string) => {
  const { text, position } = cursor(marked);
  return completion(analyze(uri, text), position, {}).items.map((i) => i.label);
};

const hoverText = (marked: string) => {
  const { text, position } = cursor(marked);
  const answer = hover(analyze(uri, text), position);
  return answer ? JSON.stringify(answer.contents) : '';
};

test('steps: a decreasing step and an unknown metric are diagnosed on their lines', () => {
  const text = example
    .replace('- traffic: 50%', '- traffic: 20%')
    .replace('metric: Invocation5XXErrors', 'metric: Invocation5XXError');
  const analysis = analyze(uri, text);
  const found = analysis.validation.diagnostics.map((d) => [
    d.code,
    analysis.index.positionAt(d.range.start).line + 1,
  ]);
  const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
  assert.deepEqual(found, [
    ['steps-order', line('- traffic: 20%')],
    ['analysis-metric', line('metric: Invocation5XXError')],
  ]);
});

test('steps: hover on a step bake and on an analysis field says what it is', () => {
  assert.match(hoverText(example.replace('      bake: 10m', '      ba|ke: 10m')), /Step bake/);
  assert.match(
    hoverText(example.replace('    failureLimit: 2', '    failure|Limit: 2')),
    /breaching periods in a row/,
  );
  assert.match(
    hoverText(example.replace('    - pause: manual', '    - pa|use: manual')),
    /shiftwise promote/,
  );
});

test('steps: completion offers the keys of a step and the metrics AWS/SageMaker publishes', () => {
  const step = labels(example.replace('    - pause: manual\n', '    - |\n'));
  assert.deepEqual([...step].sort(), ['bake', 'pause', 'traffic']);
  // Within an item, the keys it has are not offered again (another item's are): a second `traffic` in one step
  // is a duplicate key. The keys were once offered whatever the item held. Nor are the other kind's: a step moves
  // traffic (with its bake) or pauses.
  const head = 'version: 1\nprovider: sagemaker\nstrategy:\n  type: steps\n  steps:\n';
  const items: [marked: string, expected: string[]][] = [
    [`${head}    - traffic: 10%\n      |\n    - pause: manual\n`, ['bake']],
    [`${head}    - traffic: 10%\n    - pause: 1m\n      |\n`, []],
    [`${head}    - traffic: 10%\n      bake: 1m\n    - |\n`, ['bake', 'pause', 'traffic']],
    ['{"strategy": {"type": "steps", "steps": [{"traffic": "10%"}, {"bake": "1m", |}]}}', ['traffic']],
  ];
  for (const [marked, expected] of items) assert.deepEqual(labels(marked).sort(), expected, marked);
  const check = labels(example.replace('    failureLimit: 2\n', '    |\n'));
  assert.ok(!check.includes('name') && check.includes('failureLimit'), check.join());
  const metrics = labels(example.replace('metric: Invocation5XXErrors', 'metric: |'));
  assert.ok(metrics.includes('Invocation5XXErrors') && metrics.includes('ModelLatency'), metrics.join());
  const stats = labels(example.replace('stat: Sum', 'stat: |'));
  assert.deepEqual(stats, ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount']);
});

test('steps: the plan the editor shows has the gate and the analysis', () => {
  const answer = showPlan(analyze(uri, example));
  const json = JSON.stringify(answer);
  assert.match(json, /"bake":"gate"/);
  assert.match(json, /new-5xx/);
});

test('vertex canary: completion offers the Vertex AI metrics, and an unknown one is diagnosed', () => {
  const vertex = readFileSync(new URL('../../examples/vertex-steps.rollout.yaml', import.meta.url), 'utf8');
  const metrics = labels(vertex.replace('metric: prediction/online/error_count', 'metric: |'));
  assert.ok(
    metrics.includes('prediction/online/error_count') && !metrics.includes('Invocations'),
    metrics.join(),
  );
  const wrong = analyze(uri, vertex.replace('prediction/online/error_count', 'Invocation5XXErrors'));
  assert.deepEqual(
    wrong.validation.diagnostics.map((d) => d.code),
    ['analysis-metric'],
  );
});
