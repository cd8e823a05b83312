import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRollout, validateRollout } from '../src/index.js';
import { canaryText as canary } from './support/examples.js';

test("the README's example reads into the typed model with ranges", () => {
  const { value, diagnostics, source } = parseRollout(canary, { fileName: 'fraud.rollout.yaml' });
  assert.deepEqual(diagnostics, []);
  assert.equal(value?.provider, 'sagemaker');
  assert.deepEqual(value?.provider === 'sagemaker' && value.strategy, {
    type: 'canary',
    size: { kind: 'percent', percent: 25 },
    bakeSeconds: 600,
  });
  const size = source.get('strategy.size');
  assert.equal(canary.slice(size?.value.start, size?.value.end), '25%');
  assert.equal(canary.slice(size?.key?.start, size?.key?.end), 'size');
  const alarm = source.get('rollback.alarms.1');
  assert.equal(canary.slice(alarm?.value.start, alarm?.value.end), 'fraud-latency-p99');
});

test('unknown keys suggest the nearest valid key, with a rename fix', () => {
  const text = canary.replace('bake: 10m', 'bak: 10m');
  const d = validateRollout(text).diagnostics.find((x) => x.code === 'unknown-key');
  assert.match(d?.message ?? '', /did you mean 'bake'/);
  assert.equal(d?.fixes?.[0]?.edits[0]?.newText, 'bake');
});

test('__proto__ and constructor keys are reported and leak nowhere', () => {
  const { diagnostics } = validateRollout(
    `__proto__: { polluted: 1 }\nconstructor: { prototype: 1 }\n${canary}`,
  );
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['unknown-key', 'unknown-key'],
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
