// The language service on an inference-component file: `|`-marked variants of the example, as in service.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleText } from '../../core/test/support/examples.js';
import { analyze, codeLenses, completion, diagnostics, hover, showPlan } from '../src/index.js';
import { cursor } from './documents.js';

const uri = 'file:///w/chat.rollout.yaml';
/** examples/sagemaker-inference-component.rollout.yaml: chat-ic on llm-prod, 8 copies, batch 25%, bake 5m. */
const component = exampleText('sagemaker-inference-component.rollout.yaml');

/** `text` with the first `from` replaced by `to`, checked to be there. */
function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}

function labels(marked: string): string[] {
  const { text, position } = cursor(marked);
  return completion(analyze(uri, text), position).items.map((i) => i.label);
}

function hoverText(marked: string): string {
  const { text, position } = cursor(marked);
  const h = hover(analyze(uri, text), position);
  return (h?.contents as { value: string } | undefined)?.value ?? '';
}

// [fixture, what completion must offer, what it must not]
const completions: [string, string, string[], string[]][] = [
  [
    'the root of a component file (parsed)',
    edit(edit(component, 'copies: 8 # RuntimeConfig.CopyCount\n', '|\n'), 'timeout: 2h', '#'),
    ['copies', 'timeout'],
    ['capacity', 'terminationWait', 'endpointConfig', 'inferenceComponent'],
  ],
  [
    'the root of a half-typed component file',
    'version: 1\nprovider: sagemaker\nendpoint: llm-prod\ninferenceComponent: chat-ic\n|',
    ['model', 'copies', 'strategy (rolling)'],
    ['capacity', 'terminationWait', 'endpointConfig', 'strategy (canary)', 'strategy (retain)'],
  ],
  [
    'the root of a SageMaker file that names no target yet',
    'version: 1\nprovider: sagemaker\nendpoint: llm-prod\n|',
    ['inferenceComponent', 'inferenceComponent (with model and copies)', 'endpointConfig', 'capacity'],
    [],
  ],
  [
    'the root of an endpoint file',
    edit(component.replace(/^inferenceComponent: .*\n|^copies: .*\n/gm, ''), 'timeout: 2h', '|'),
    ['capacity', 'timeout'],
    ['copies', 'inferenceComponent (with model and copies)'],
  ],
  [
    'strategy.type of a component',
    edit(component, 'type: rolling', 'type: |'),
    ['rolling'],
    ['canary', 'linear'],
  ],
];

for (const [where, marked, offered, withheld] of completions)
  test(`completion at ${where}`, () => {
    const got = labels(marked);
    for (const label of offered) assert.ok(got.includes(label), `${label} missing from ${got.join(', ')}`);
    for (const label of withheld) assert.ok(!got.includes(label), `${label} offered: ${got.join(', ')}`);
  });

test('only the rolling strategy type is offered for a component', () => {
  assert.deepEqual(labels(edit(component, 'type: rolling', 'type: |')), ['rolling']);
});

test('the inference-component snippet inserts its three keys with tab stops', () => {
  const { text, position } = cursor('version: 1\nprovider: sagemaker\nendpoint: llm-prod\n|');
  const item = completion(analyze(uri, text), position).items.find((i) =>
    i.label.startsWith('inferenceComponent ('),
  );
  assert.equal(
    (item?.textEdit as { newText: string } | undefined)?.newText,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet placeholders, not a template
    'inferenceComponent: ${1:my-component}\nmodel: ${2:my-model-v2}\ncopies: ${3:4}',
  );
});

// [key hovered, what the hover says]
const hovers: [string, RegExp[]][] = [
  [
    'batch',
    [
      /InferenceComponentRollingUpdatePolicy\.MaximumBatchSize/,
      /Here: \*\*2 copies of 8 \(25% of traffic\)\*\*/,
    ],
  ],
  ['copies', [/RuntimeConfig\.CopyCount/, /Here: \*\*8 copies\*\*/]],
  ['inferenceComponent', [/UpdateInferenceComponent\.InferenceComponentName/]],
  ['model', [/Specification\.ModelName/]],
];

for (const [key, says] of hovers)
  test(`hover on ${key} of a component`, () => {
    const text = hoverText(edit(component, `${key}:`, `|${key}:`));
    for (const words of says) assert.match(text, words);
    assert.doesNotMatch(text, /\binstances?\b/);
  });

test('a canary is flagged on its type', () => {
  const text = edit(component, 'type: rolling', 'type: canary');
  const found = diagnostics(analyze(uri, text)).filter((d) => d.severity === 1);
  assert.deepEqual(
    found.map((d) => [d.code, d.range.start.line]),
    [['component-strategy', 11]],
  );
});

test('the code lens and showPlan count copies and name the component', () => {
  const analysis = analyze(uri, component);
  assert.equal(codeLenses(analysis)[0]?.command?.title, '4 batches · 20 min · peak 10 copies');
  const result = showPlan(analysis);
  assert.equal(result.summary, '4 batches · 20 min · peak 10 copies');
  assert.match(result.markdown, /^# chat · sagemaker rolling · inference component chat-ic on llm-prod$/m);
  assert.match(result.markdown, /\*\*Extra copy-minutes:\*\* 40/);
  assert.match(result.status.tooltip, /peak 10 copies/);
  assert.match(
    result.previewHtml,
    /inference component chat-ic on llm-prod<\/span> · <span class="fact">rolling<\/span> · <span class="fact">capacity 8 copies/,
  );
  assert.equal(result.plan?.target, 'inference-component');
});

test('the capacity setting does not override the copies the file states', () => {
  assert.equal(analyze(uri, component, { capacity: 10 }).capacity, 8);
  assert.equal(analyze(uri, component.replace(/^copies: .*\n/m, ''), { capacity: 10 }).capacity, 10);
});
