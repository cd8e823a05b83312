import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Fix, validateRollout } from '../src/index.js';
import { exampleText } from './support/examples.js';

// An unknown key's suggestion fits the file: a near key of another strategy, provider or target is named as such,
// and the fix is the one that key's own finding would offer (rename to the key that fits, move, or remove), never
// a rename that trades `unknown-key` for `misplaced-field`. One row per case: an example edited in one place.
const rows: {
  name: string;
  file: string;
  edit: (t: string) => string;
  message: RegExp;
  fix: string;
}[] = [
  {
    name: "a canary's rollback.batchh: batch is rolling's, so remove it",
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('rollback:\n', 'rollback:\n  batchh: 1\n'),
    message:
      /^unknown key 'batchh' in 'rollback'; the nearest key, 'batch', does not fit this file: 'rollback\.batch' is for type: rolling only; .*; remove it$/,
    fix: 'Remove batchh',
  },
  {
    name: "a canary's stepp: step is linear's, and the canary's size is there",
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('  bake: 10m\n', '  bake: 10m\n  stepp: 10%\n'),
    message:
      /^unknown key 'stepp' in 'strategy'; the nearest key, 'step', does not fit this file: type: canary takes 'size', not 'step'$/,
    fix: 'Remove stepp',
  },
  {
    name: 'an all-at-once bakee: bake moves to terminationWait',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) =>
      t
        .replace('  type: canary\n  size: 25%\n  bake: 10m\n', '  type: all-at-once\n  bakee: 10m\n')
        .replace('terminationWait: 10m\n', ''),
    message:
      /^unknown key 'bakee' in 'strategy'; the nearest key, 'bake', does not fit this file: .*'terminationWait'$/,
    fix: 'Move to terminationWait',
  },
  {
    name: "SageMaker locaton: location is Vertex AI's, so rename to region",
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('region: us-east-1', 'locaton: us-east-1'),
    message:
      /^unknown key 'locaton'; the nearest key, 'location', does not fit this file: .*SageMaker takes the AWS 'region'$/,
    fix: 'Rename to region',
  },
  {
    name: 'a near key that fits is still a rename',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('  bake: 10m', '  bak: 10m'),
    message: /^unknown key 'bak' in 'strategy'; did you mean 'bake'\?$/,
    fix: 'Rename to bake',
  },
];

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

for (const row of rows)
  test(`unknown key: ${row.name}`, () => {
    const text = row.edit(exampleText(row.file));
    assert.notEqual(text, exampleText(row.file), 'the edit applies');
    const found = validateRollout(text).diagnostics.filter((d) => d.code === 'unknown-key');
    assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
    const [d] = found;
    assert.match(d!.message, row.message);
    assert.deepEqual(
      d!.fixes?.map((f) => f.title),
      [row.fix],
    );
    const fixed = apply(text, d!.fixes![0]!);
    const errors = validateRollout(fixed).diagnostics.filter((x) => x.severity === 'error');
    assert.deepEqual(
      errors.map((x) => `${x.code}: ${x.message}`),
      [],
      fixed,
    );
  });

// A top-level key written inside a mapping keeps its value: moved to the top level, or removed when the top level
// has it already. (`terminationWait: 10m` under a canary's `strategy` was "unknown", and its fix dropped the wait.)
const topLevel: [name: string, edit: (t: string) => string, message: RegExp, fix: string][] = [
  [
    'terminationWait under strategy moves to the top level',
    (t) =>
      t
        .replace('terminationWait: 10m\n', '')
        .replace('  bake: 10m\n', '  bake: 10m\n  terminationWait: 10m\n'),
    /^'terminationWait' belongs at the top level of the file, not in 'strategy'; move it there$/,
    'Move to terminationWait',
  ],
  [
    'a second timeout under rollback, with one at the top level already, is removed',
    (t) => t.replace('rollback:\n', 'rollback:\n  timeout: 2h\n'),
    /^'timeout' belongs at the top level of the file, not in 'rollback', and is set there already; remove this one$/,
    'Remove timeout',
  ],
];
for (const [name, edit, message, fix] of topLevel)
  test(`top-level key in a mapping: ${name}`, () => {
    const base = exampleText('sagemaker-canary.rollout.yaml');
    const text = edit(base);
    assert.notEqual(text, base, 'the edit applies');
    const [d, ...more] = validateRollout(text).diagnostics;
    assert.deepEqual(more, []);
    assert.equal(d?.code, 'misplaced-field');
    assert.match(d?.message ?? '', message);
    assert.deepEqual(
      d?.fixes?.map((f) => f.title),
      [fix],
    );
    assert.deepEqual(validateRollout(apply(text, d!.fixes![0]!)).diagnostics, []);
  });
