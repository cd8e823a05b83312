// Completion offers only what fits beside what the file already states: each row is a `|`-marked document, the
// labels offered (or those that must and must not be among them). Accepting any item must not itself make an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, completion, cursorContext } from '../src/index.js';
import { canary60, cursor } from './documents.js';

const valid = canary60.replace('60%', '25%');
const knownAlarms = ['fraud-5xx', 'fraud-latency-p99', 'payments-5xx'];

/** Labels completion offers at the `|` of `marked`, in a file named `file`. */
function labels(marked: string, file = 'fraud.rollout.yaml'): string[] {
  const { text, position } = cursor(marked);
  return completion(analyze(`file:///w/${file}`, text), position, { knownAlarms }).items.map((i) => i.label);
}

const alarmRows: readonly { name: string; marked: string; file?: string; expected: readonly string[] }[] = [
  {
    name: 'a flow list leaves out the names it has',
    marked: valid.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, |]'),
    expected: ['fraud-latency-p99', 'payments-5xx'],
  },
  {
    name: 'the item being typed is not one the list has',
    marked: valid.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, fraud|]'),
    expected: ['fraud-latency-p99', 'payments-5xx'],
  },
  {
    name: 'a block list, its names quoted',
    marked: valid.replace(
      '[fraud-5xx, fraud-latency-p99]',
      `\n    - 'fraud-5xx'\n    - "fraud-latency-p99"\n    - |`,
    ),
    expected: ['payments-5xx'],
  },
  {
    name: 'a name written with escapes is the name it reads as',
    marked: valid.replace(
      '[fraud-5xx, fraud-latency-p99]',
      `\n    - "fraud\\u002d5xx"\n    - "payments\\x2d5xx"\n    - |`,
    ),
    expected: ['fraud-latency-p99'],
  },
  {
    name: 'a JSON list',
    file: 'fraud.rollout.json',
    marked: '{"version": 1, "rollback": {"alarms": ["payments-5xx", "|"]}}',
    expected: ['fraud-5xx', 'fraud-latency-p99'],
  },
];

for (const row of alarmRows) {
  test(`alarm names: ${row.name}`, () => {
    assert.deepEqual(labels(row.marked, row.file), row.expected);
  });
}

/** The items offered at the `|` of `marked`: label and the text it inserts. */
function inserts(marked: string): [string, string][] {
  const { text, position } = cursor(marked);
  return completion(analyze('file:///w/fraud.rollout.yaml', text), position).items.map((i) => [
    i.label,
    (i.textEdit as { newText: string }).newText,
  ]);
}

const flowRows: readonly { name: string; marked: string; expected: readonly [string, string][] }[] = [
  {
    name: 'a key missing from a flow mapping, on one line',
    marked: valid.replace(
      'strategy:\n  type: canary\n  size: 25%\n  bake: 10m\n',
      'strategy: {type: canary, size: 25%, |}\n',
    ),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an LSP snippet placeholder, not a template
    expected: [['bake', 'bake: ${1:10m}']],
  },
  {
    name: 'a key half typed in a flow mapping',
    marked: valid.replace(
      'strategy:\n  type: canary\n  size: 25%\n  bake: 10m\n',
      'strategy: {type: canary, size: 25%, ba|}\n',
    ),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an LSP snippet placeholder, not a template
    expected: [['bake', 'bake: ${1:10m}']],
  },
  {
    name: 'a value in a flow mapping',
    marked: valid.replace(
      'strategy:\n  type: canary\n  size: 25%\n  bake: 10m\n',
      'strategy: {type: |, size: 25%, bake: 10m}\n',
    ),
    expected: ['all-at-once', 'canary', 'linear', 'rolling', 'retain', 'steps'].map((t) => [t, t]),
  },
  {
    name: 'a key of rollback written in flow style',
    marked: valid
      .replace('  type: canary\n  size: 25%\n', '  type: rolling\n  batch: 25%\n')
      .replace('terminationWait: 10m\n', '')
      .replace('rollback:\n  alarms: [fraud-5xx, fraud-latency-p99]\n', 'rollback: {alarms: [a], |}\n'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an LSP snippet placeholder, not a template
    expected: [['batch', 'batch: ${1:100%}']],
  },
];

for (const row of flowRows) {
  test(`flow mappings: ${row.name}`, () => {
    assert.deepEqual(inserts(row.marked), row.expected);
  });
}

test('cursor contexts in a flow mapping under a block key', () => {
  const cases: [marked: string, expected: ReturnType<typeof cursorContext>][] = [
    ['strategy: {type: canary, |', { kind: 'key', parent: 'strategy', from: 25, quoted: false, flow: true }],
    [
      'strategy: {type: canary, ba|',
      { kind: 'key', parent: 'strategy', from: 25, quoted: false, flow: true },
    ],
    ['strategy: {type: c|', { kind: 'value', path: 'strategy.type', from: 17, quoted: false }],
    ['a:\n  b: {c: {|', { kind: 'key', parent: 'a.b.c', from: 13, quoted: false, flow: true }],
    ['strategy: {type: canary} |', undefined],
  ];
  for (const [marked, expected] of cases) {
    const { text, offset } = cursor(marked);
    assert.deepEqual(cursorContext(text, offset), expected, marked);
  }
});

const sagemaker = 'version: 1\nprovider: sagemaker\nendpoint: fraud\n';
const keyRows: readonly {
  name: string;
  marked: string;
  offered: readonly string[];
  left: readonly string[];
}[] = [
  {
    name: 'beside endpointConfig, before any strategy: no other target, nothing of type: steps',
    marked: `${sagemaker}endpointConfig: fraud-v42\n|\n`,
    offered: ['capacity', 'strategy', 'rollback', 'strategy (canary)'],
    left: ['model', 'inferenceComponent', 'copies', 'analysis', 'strategy (steps)'],
  },
  {
    name: 'beside endpointConfig in a whole canary: no model',
    marked: valid.replace('timeout: 1h\n', '|\n'),
    offered: ['timeout'],
    left: ['model', 'inferenceComponent', 'copies', 'analysis'],
  },
  {
    name: 'beside a model alone: the component it may go onto, not its copies yet',
    marked: `${sagemaker}model: fraud-v43\n|\n`,
    offered: ['inferenceComponent', 'capacity', 'strategy (steps)'],
    left: ['endpointConfig', 'copies'],
  },
  {
    name: 'beside inferenceComponent: copies, not capacity or endpointConfig',
    marked: `${sagemaker}inferenceComponent: chat-ic\nmodel: chat-v8\n|\n`,
    offered: ['copies'],
    left: ['capacity', 'endpointConfig', 'terminationWait', 'analysis'],
  },
  {
    name: 'beside copies written before inferenceComponent: no capacity',
    marked: `${sagemaker}copies: 8\n|\n`,
    offered: ['inferenceComponent', 'model'],
    left: ['capacity', 'endpointConfig'],
  },
  {
    name: 'type: steps takes analysis',
    marked: `${sagemaker}model: fraud-v43\ncapacity: 4\nstrategy:\n  type: steps\n  steps:\n    - traffic: 100%\n      bake: 10m\n|\n`,
    offered: ['analysis'],
    left: ['endpointConfig', 'copies'],
  },
  {
    name: 'a JSON file beside endpointConfig',
    marked: '{"version": 1, "provider": "sagemaker", "endpoint": "fraud", "endpointConfig": "fraud-v42", |}',
    offered: ['capacity', 'strategy'],
    left: ['model', 'inferenceComponent', 'copies', 'analysis'],
  },
  {
    // The trial of a key before another needs its comma, or the text does not parse and nothing misfits.
    name: 'a JSON file beside endpointConfig, the cursor before another key',
    marked:
      '{"version": 1, "provider": "sagemaker", "endpoint": "fraud", "endpointConfig": "fraud-v42",\n  |\n  "timeout": "1h"}',
    offered: ['capacity', 'strategy'],
    left: ['model', 'inferenceComponent', 'copies'],
  },
];

for (const row of keyRows) {
  test(`root keys that fit: ${row.name}`, () => {
    const found = labels(row.marked, row.marked.startsWith('{') ? 'fraud.rollout.json' : undefined);
    for (const key of row.offered) assert.ok(found.includes(key), `${key} offered: ${found.join(', ')}`);
    for (const key of row.left) assert.ok(!found.includes(key), `${key} left out: ${found.join(', ')}`);
  });
}
