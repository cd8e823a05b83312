// The preferred quick fix (the one an editor applies on its own) is one that, applied, leaves no error where it
// wrote; of two clamps on one value, the one that trades its finding for another (an error, or a warning the other
// does not leave) is offered, not preferred.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineIndex } from '@shiftwise/core';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { analyze, codeActions } from '../src/index.js';
import { repoRoot } from './built-server.js';
import { applyEdits } from './documents.js';

const corpus = join(repoRoot, 'core/testdata/rules');
const files = readdirSync(corpus).filter((f) => /\.rollout\.(ya?ml|json)$/.test(f));
const everywhere = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** The titles of the actions over the whole file, preferred ones marked with a `*`. */
function titles(file: string): string[] {
  const text = readFileSync(join(corpus, file), 'utf8');
  return codeActions(analyze(`file:///w/${file}`, text), everywhere).map(
    (a) => `${a.isPreferred === true ? '*' : ''}${a.title}`,
  );
}

const rows: readonly { file: string; expected: readonly string[] }[] = [
  // 10000 is the largest count, but still every replica of 4: vertex-outage stays on the value.
  {
    file: 'vertex-surge-unavailable-count-above-max-fleet.rollout.yaml',
    expected: ['*Change to 3', 'Change to 10000'],
  },
  // 600 s is the timeout's minimum, but the bakes take 1200 s: timeout-budget stays on the value.
  { file: 'component-timeout-below-min.rollout.yaml', expected: ['*Change to 1800', 'Change to 600'] },
  // The only fix, and a clean one: preferred.
  { file: 'canary-size-count-above-max-fleet.rollout.yaml', expected: ['*Change to 10000'] },
  // The only fix; the rounding it leaves is a warning: still preferred.
  { file: 'bad-size-fraction.rollout.yaml', expected: ['*Change to 13%'] },
  // 1.5h written as 1h30m is still over the bake's bound: offered, not preferred.
  { file: 'bad-duration-decimal.rollout.yaml', expected: ['Change to 1h30m'] },
  // A made-up alarm name clears the warning but may name no alarm: offered, never applied on its own.
  {
    file: 'no-alarms.rollout.yaml',
    expected: ['Add rollback alarm corpus-endpoint-5xx (a placeholder: rename it to your CloudWatch alarm)'],
  },
];

for (const row of rows) {
  test(`preferred fix: ${row.file}`, () => {
    assert.deepEqual(titles(row.file), row.expected);
  });
}

const canary = readFileSync(join(repoRoot, 'examples/sagemaker-canary.rollout.yaml'), 'utf8');
// 13 alarms, the 12th a repeat: alarm-count (over 10) spans the list, before the fix and after it.
const thirteen = canary.replace(
  /alarms: \[[^\]]*\]/,
  `alarms: [${[...Array.from({ length: 11 }, (_, i) => `a${i}`), 'a0', 'a11'].join(', ')}]`,
);

test('preferred fix: a finding around the fix, there before it, does not take the preference away', () => {
  const analysis = analyze('file:///w/many.rollout.yaml', thirteen);
  const at = lineIndex(thirteen).positionAt(thirteen.lastIndexOf('a0'));
  const actions = codeActions(analysis, { start: at, end: at });
  assert.deepEqual(
    actions.map((a) => `${a.isPreferred === true ? '*' : ''}${a.title}`),
    ['*Remove duplicate a0'],
  );
});

test('preferred fix: on a document too large to try fixes on, a lone fix is preferred untried', () => {
  const padded = `${'# a comment to make the document large\n'.repeat(2_000)}${thirteen}`;
  const at = lineIndex(padded).positionAt(padded.lastIndexOf('a0'));
  const actions = codeActions(analyze('file:///w/big.rollout.yaml', padded), { start: at, end: at });
  assert.deepEqual(
    actions.map((a) => `${a.isPreferred === true ? '*' : ''}${a.title}`),
    ['*Remove duplicate a0'],
  );
});

/** Where each edit's new text stands once the edits are applied: offsets into the fixed text. */
function writtenRanges(text: string, edits: readonly TextEdit[]): { start: number; end: number }[] {
  const index = lineIndex(text);
  const sorted = edits
    .map((e) => ({
      start: index.offsetAt(e.range.start),
      end: index.offsetAt(e.range.end),
      length: e.newText.length,
    }))
    .sort((a, b) => a.start - b.start);
  let shift = 0;
  return sorted.map((e) => {
    const start = e.start + shift;
    shift += e.length - (e.end - e.start);
    return { start, end: start + e.length };
  });
}

test('every preferred fix of the rule corpus, applied, leaves no error on the text it wrote', () => {
  const failures: string[] = [];
  let preferred = 0;
  for (const file of files) {
    const text = readFileSync(join(corpus, file), 'utf8');
    const uri = `file:///w/${file}`;
    for (const action of codeActions(analyze(uri, text), everywhere)) {
      if (action.isPreferred !== true) continue;
      preferred++;
      const edits = action.edit?.changes?.[uri] ?? [];
      const fixed = analyze(uri, applyEdits(text, edits)).validation.diagnostics;
      for (const w of writtenRanges(text, edits)) {
        const left = fixed.filter(
          (d) =>
            // A removal writes nothing: a finding on it is one around the place, not the next key's.
            d.severity === 'error' &&
            (w.start === w.end
              ? d.range.start < w.start && w.start < d.range.end
              : d.range.start < w.end && w.start < d.range.end),
        );
        failures.push(...left.map((d) => `${file}: "${action.title}" → ${d.code}`));
      }
    }
  }
  assert.ok(preferred > 20, `${preferred} preferred fixes`);
  assert.deepEqual(failures, []);
});
