// Hover on a file whose reading stopped at a finding: it describes what did read from validation's own partial
// model (core's `Validation.partial`), with no second parse of the file, and says nothing of a hole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover } from 'vscode-languageserver';
import { type Analysis, analyze, hover } from '../src/index.js';
import { canary60, cursor } from './documents.js';

const uri = 'file:///w/fraud.rollout.yaml';
/** A file with a hole: a bake that does not read. */
const holed = canary60.replace('60%', '25%').replace('bake: 10m', 'bake: 10 min');

const words = (h: Hover | null) => (h?.contents as { value: string } | undefined)?.value;

const rows: [what: string, marked: string, here: RegExp | undefined][] = [
  [
    'a size that read, beside a bake that did not',
    holed.replace('25%', '|25%'),
    /Here: \*\*1 instance of 4 \(25% of traffic\)\*\*/,
  ],
  [
    'the alarms, beside a bake that did not read',
    holed.replace('alarms', '|alarms'),
    /Here: \*\*2 alarms\*\*/,
  ],
  ['the bake that did not read: the field, no value', holed.replace('10 min', '|10 min'), undefined],
];

for (const [what, marked, here] of rows)
  test(`hover on a file with a hole: ${what}`, () => {
    const { text, position } = cursor(marked);
    const analysis = analyze(uri, text);
    assert.equal(analysis.validation.value, undefined);
    assert.notEqual(analysis.validation.partial, undefined);
    const said = words(hover(analysis, position));
    assert.ok(said, 'hover answers');
    if (here === undefined) assert.doesNotMatch(said, /Here:/);
    else assert.match(said, here);
  });

test("hover describes validation's own partial model", () => {
  const { text, position } = cursor(holed.replace('25%', '|25%'));
  const analysis = analyze(uri, text);
  const partial = analysis.validation.partial;
  assert.ok(partial?.provider === 'sagemaker' && partial.strategy.type === 'canary');
  // The same validation with another size in its partial model: hover says that size, so it reads this model.
  const other = {
    ...partial,
    strategy: { ...partial.strategy, size: { kind: 'percent' as const, percent: 50 } },
  };
  const reused: Analysis = {
    ...analysis,
    validation: { ...analysis.validation, partial: other },
  };
  assert.match(words(hover(reused, position)) ?? '', /Here: \*\*2 instances of 4 \(50% of traffic\)\*\*/);
});
