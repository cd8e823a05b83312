import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { plan, planToJson, validateRollout } from '@shiftwise/core';

// docs/plan.md is the reference of the plan JSON (`plan --format json`, the action's `plan` output): its table of
// keys and what the code emits for every example must be the same keys, in the same order.

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/plan.md'), 'utf8');

function documentedKeys(): string[] {
  const section = doc.split(/^## /m).find((s) => s.startsWith('The plan JSON')) ?? '';
  return [...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1] ?? '');
}

function emittedKeys(json: Record<string, unknown>): string[] {
  return Object.entries(json).flatMap(([key, value]) =>
    key === 'steps' && Array.isArray(value)
      ? [key, ...Object.keys(value[0] ?? {}).map((k) => `steps[].${k}`)]
      : [key],
  );
}

/** Keys the table documents that a plan may leave out. */
const optional = new Set([
  'file',
  'region',
  'retained',
  'target',
  'endpoint',
  'timeoutSeconds',
  'prepare',
  'sequence',
  'analysis',
  // Only with --base: the CLI adds it after the plan's own keys.
  'diff',
]);

const examples = readdirSync(resolve(root, 'examples')).filter((f) => /\.rollout\.(ya?ml|json)$/.test(f));

test('docs/plan.md documents a key table for the plan JSON', () => {
  assert.ok(documentedKeys().length >= 15, 'no key table under "## The plan JSON"');
});

for (const file of examples) {
  test(`docs/plan.md's keys are the plan JSON's keys, in order: examples/${file}`, () => {
    const text = readFileSync(resolve(root, 'examples', file), 'utf8');
    const rollout = validateRollout(text, { fileName: file }).value;
    assert.ok(rollout, `${file} does not validate`);
    const emitted = emittedKeys(planToJson({ ...plan(rollout), file: `examples/${file}` }));
    const documented = documentedKeys().filter((k) => emitted.includes(k) || !optional.has(k));
    assert.deepEqual(emitted, documented);
  });
}

test("docs/plan.md's keys are a retain plan's keys at deploy time, retained among them", () => {
  const file = 'sagemaker-retain.rollout.yaml';
  const rollout = validateRollout(readFileSync(resolve(root, 'examples', file), 'utf8')).value;
  assert.ok(rollout);
  const storedDeployment = {
    strategy: { type: 'canary', size: { kind: 'count', count: 1 }, bakeSeconds: 300 },
    terminationWaitSeconds: 300,
  } as const;
  const json = planToJson({
    ...plan(rollout, { capacity: 4, found: { provider: 'sagemaker', storedDeployment } }),
    file: `examples/${file}`,
  });
  const emitted = emittedKeys(json);
  assert.ok(emitted.includes('retained'));
  assert.deepEqual(
    emitted,
    documentedKeys().filter((k) => emitted.includes(k) || !optional.has(k)),
  );
});
