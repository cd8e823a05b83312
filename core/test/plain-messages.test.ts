import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateRollout } from '../src/index.js';

// Diagnostic messages are plain text: the Problems panel, a terminal and a SARIF viewer show them as written, so a
// backtick is shown as a backtick. Names are quoted 'like this'; markdown belongs in hovers and the preview.
// Checked over every message the rules corpus, the hostile corpus, the examples and the parse cases below give.

const corpora = ['../testdata/rules/', '../../test/hostile/', '../../examples/'].map(
  (p) => new URL(p, import.meta.url),
);

function corpusFiles(): { name: string; text: string }[] {
  return corpora.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => /\.rollout\.(yaml|yml|json)$/.test(f))
      .map((f) => ({ name: f, text: readFileSync(new URL(f, folder), 'utf8') })),
  );
}

const canary = `version: 1
provider: sagemaker
endpoint: chat
endpointConfig: chat-v2
capacity: 4
strategy:
  type: canary
  size: 25%
  bake: 10m
rollback:
  alarms: [chat-5xx]
`;

const vertex = `version: 1
provider: vertex-ai
project: my-project
location: us-central1
endpoint: '1234567890'
model: projects/my-project/locations/us-central1/models/chat
capacity: 4
strategy:
  type: rolling
  maxSurge: 1
  maxUnavailable: 0
`;

/** Files that reach the parser's messages: syntax, types, keys, requirements and misplaced fields. */
const parseCases: [string, string][] = [
  ['empty file', ''],
  ['a list', '- a\n- b\n'],
  ['YAML syntax', 'version: 1\nstrategy: [a\n'],
  ['a tab', canary.replace('  size', '\tsize')],
  ['JSON syntax', '{ "version": 1, }'],
  ['JSON comment', '{ "version": 1 // x\n}'],
  ['JSON unquoted key', '{ version: 1 }'],
  ['empty value', canary.replace('strategy:\n  type: canary\n  size: 25%\n  bake: 10m\n', 'strategy:\n')],
  ['number for a string', canary.replace('endpoint: chat', 'endpoint: 12')],
  ['string for a count', canary.replace('capacity: 4', "capacity: 'four'")],
  ['bad duration', canary.replace('bake: 10m', 'bake: 10 min')],
  ['bad size', canary.replace('size: 25%', 'size: quarter')],
  ['size as a string', canary.replace('size: 25%', "size: '1'")],
  ['unknown key', canary.replace('capacity: 4', 'capacity: 4\ntimout: 1h')],
  ['unknown nested key', canary.replace('bake: 10m', 'bak: 10m')],
  ['unknown value', canary.replace('type: canary', 'type: blue-green')],
  ['missing keys', 'version: 1\nprovider: sagemaker\nstrategy: {}\n'],
  ['two targets', canary.replace('endpointConfig: chat-v2', 'endpointConfig: chat-v2\nmodel: chat-model')],
  ['no target', canary.replace('endpointConfig: chat-v2\n', '')],
  ['Vertex AI field on SageMaker', canary.replace('capacity: 4', 'capacity: 4\nproject: p')],
  ['SageMaker field on Vertex AI', vertex.replace('maxSurge: 1', 'maxSurge: 1\n  size: 1')],
  ['region on Vertex AI', vertex.replace('location: us-central1', 'region: us-central1')],
  ['misplaced step', canary.replace('size: 25%', 'step: 25%')],
  ['alarm not a string', canary.replace('[chat-5xx]', '[chat-5xx, 3, ]')],
  ['alarms as a string', canary.replace('[chat-5xx]', 'chat-5xx')],
  ['key as a mapping', '? [a, b]\n: 1\n'],
  ['duplicate key', `${canary}timeout: 1h\ntimeout: 2h\n`],
  ['two documents', `${canary}---\n${canary}`],
  ['unsupported version', canary.replace('version: 1', 'version: 2')],
  ['retain with a size', canary.replace('type: canary', 'type: retain')],
  [
    'rolling with terminationWait',
    `${canary.replace('type: canary\n  size: 25%', 'type: rolling\n  batch: 1')}terminationWait: 5m\n`,
  ],
  ['YAML tag', canary.replace('endpoint: chat', 'endpoint: !!binary Y2hhdA==')],
];

const cases = [...corpusFiles(), ...parseCases.map(([name, text]) => ({ name, text }))];

for (const { name, text } of cases)
  test(`plain messages: ${name}`, () => {
    const fileName = name.endsWith('.json') || name.startsWith('JSON') ? 'x.rollout.json' : 'x.rollout.yaml';
    const { diagnostics } = validateRollout(text, { fileName });
    for (const d of diagnostics) {
      assert.ok(!d.message.includes('`'), `${d.code}: a backtick in ${JSON.stringify(d.message)}`);
      assert.doesNotMatch(d.message, /\(s\)|\bis no value\b|\*\*/, `${d.code}: ${JSON.stringify(d.message)}`);
    }
  });

test('plain messages: the parse cases reach the parser and the rules', () => {
  const codes = new Set(
    parseCases.flatMap(([name, text]) =>
      validateRollout(text, {
        fileName: name.startsWith('JSON') ? 'x.rollout.json' : 'x.rollout.yaml',
      }).diagnostics.map((d) => d.code),
    ),
  );
  for (const code of [
    'wrong-type',
    'required',
    'unknown-key',
    'provider-fit',
    'misplaced-field',
    'one-target',
  ])
    assert.ok(codes.has(code), `no case gives ${code}`);
});
