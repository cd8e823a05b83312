// An analysis given the one of the document's previous version reuses the parses of the blocks that did not
// change, and answers exactly what a fresh analysis answers: a table of edits, one version after another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Analysis, analyze, diagnostics, documentSymbols } from '../src/index.js';
import { canary60 } from './documents.js';

const uri = 'file:///w/fraud.rollout.yaml';

/** Each row edits the text the row before left: [what it does, from, to]. */
const edits: [string, string, string][] = [
  ['a value inside one block', 'size: 60%', 'size: 25%'],
  ['a new top-level key', 'timeout: 1h\n', 'timeout: 1h\nname: fraud\n'],
  ['a duplicate of an earlier top-level key', 'name: fraud\n', 'name: fraud\nversion: 2\n'],
  ['a syntax error', 'bake: 10m', 'bake: "10m'],
  ['the error fixed', 'bake: "10m', 'bake: 10m'],
  ['an alias (read whole)', 'endpoint: fraud-detector-prod', 'endpoint: &e fraud-detector-prod\nalias: *e'],
];

test('an analysis with the previous one = a fresh analysis, edit after edit', () => {
  let text = canary60;
  let previous: Analysis = analyze(uri, text);
  for (const [name, from, to] of edits) {
    assert.ok(text.includes(from), `${name}: the fixture has no '${from}'`);
    text = text.replace(from, to);
    const reused = analyze(uri, text, { previous, capacity: 4 });
    const fresh = analyze(uri, text, { capacity: 4 });
    assert.deepEqual(diagnostics(reused), diagnostics(fresh), `${name}: diagnostics differ`);
    assert.deepEqual(reused.validation.value, fresh.validation.value, `${name}: the typed value differs`);
    assert.deepEqual(documentSymbols(reused), documentSymbols(fresh), `${name}: symbols differ`);
    assert.deepEqual(reused.plan(), fresh.plan(), `${name}: the plan differs`);
    assert.equal(reused.parseCache, previous.parseCache, `${name}: the cache is not handed on`);
    previous = reused;
  }
});
