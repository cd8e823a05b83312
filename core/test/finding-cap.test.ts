import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRollout, validateRollout } from '../src/index.js';
import { canaryText as canary } from './support/examples.js';

// A document reports at most 200 findings, sorted by position; the rest are counted in one last error. Only the
// first 20 unknown keys get a nearest-key suggestion: the edit distances of every key were what made a file of
// half a million unknown keys take minutes.

const unknownKeys = (n: number, key = (i: number) => `extra${i}`) =>
  Array.from({ length: n }, (_, i) => `${key(i)}: 1\n`).join('');

test('findings are capped at 200, then one too-many-findings error counts the rest by code', () => {
  const text = `${canary}${unknownKeys(250)}`;
  for (const { diagnostics } of [validateRollout(text), parseRollout(text)]) {
    assert.equal(diagnostics.length, 201);
    assert.deepEqual(new Set(diagnostics.slice(0, 200).map((d) => d.code)), new Set(['unknown-key']));
    const last = diagnostics[200];
    assert.equal(last?.code, 'too-many-findings');
    assert.equal(last?.severity, 'error');
    assert.match(last?.message ?? '', /^and 50 more findings \(50 unknown-key\) after the first 200/);
    // It stands where the first finding left out would have: the 201st extra key.
    assert.equal(text.slice(last?.range.start, last?.range.end), 'extra200');
  }
});

test('200 findings are all shown, with no count', () => {
  const { diagnostics } = validateRollout(`${canary}${unknownKeys(200)}`);
  assert.equal(diagnostics.length, 200);
  assert.ok(diagnostics.every((d) => d.code === 'unknown-key'));
});

test('only the first 20 unknown keys get a suggestion; the rest list the valid keys', () => {
  const text = `${canary}${unknownKeys(30, (i) => `model${i}`)}`;
  const messages = validateRollout(text).diagnostics.map((d) => d.message);
  assert.equal(messages.length, 30);
  assert.ok(messages.slice(0, 20).every((m) => m.endsWith("did you mean 'model'?")));
  assert.ok(messages.slice(20).every((m) => /expected one of: .*model/.test(m)));
});
