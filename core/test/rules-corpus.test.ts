import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Diagnostic, lineIndex, ruleCatalog, validateRollout } from '../src/index.js';

// The rules corpus: core/testdata/rules/<case>.rollout.(yaml|json) and <case>.expected, one finding a line:
//   <line>:<column> <severity> <code> <the offending text, JSON-quoted>
// An empty .expected file means the case is clean. SHIFTWISE_UPDATE_CORPUS=1 rewrites the .expected files
// (review the diff: it is the specification).
const folder = new URL('../testdata/rules/', import.meta.url);
const inputs = readdirSync(folder)
  .filter((f) => /\.rollout\.(yaml|json)$/.test(f))
  .sort();

function render(text: string, diagnostics: readonly Diagnostic[]): string {
  const index = lineIndex(text);
  return diagnostics
    .map((d) => {
      const { line, character } = index.positionAt(d.range.start);
      // The first 40 characters (code points: an emoji is never cut in half) of what the finding points at.
      const snippet = JSON.stringify([...text.slice(d.range.start, d.range.end)].slice(0, 40).join(''));
      return `${line + 1}:${character + 1} ${d.severity} ${d.code} ${snippet}\n`;
    })
    .join('');
}

const seen = new Set<string>();

for (const input of inputs) {
  const name = input.replace(/\.rollout\.(yaml|json)$/, '');
  test(`corpus: ${name}`, () => {
    const text = readFileSync(new URL(input, folder), 'utf8');
    const { diagnostics } = validateRollout(text, { fileName: input });
    for (const d of diagnostics) seen.add(d.code);
    const actual = render(text, diagnostics);
    const expectedFile = new URL(`${name}.expected`, folder);
    if (process.env.SHIFTWISE_UPDATE_CORPUS === '1') writeFileSync(expectedFile, actual);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
  });
}

test('the corpus trips every rule that a file can trip (limits and the planner rule are tested elsewhere)', () => {
  const elsewhere = new Set([
    'alias-limit',
    'too-deep',
    'file-too-large',
    'too-many-findings',
    'internal',
    'not-a-file',
    'schema',
    'timeout-budget',
  ]);
  const missing = ruleCatalog.map((r) => r.code).filter((c) => !elsewhere.has(c) && !seen.has(c));
  assert.deepEqual(missing, []);
});
