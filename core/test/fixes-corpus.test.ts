import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Diagnostic, type Fix, validateRollout } from '../src/index.js';
import { jsonForms } from './support/json-forms.js';

// Every fix of the rule corpus (core/testdata/rules), applied as an editor applies it, to each file as written and
// to each YAML file written as pretty-printed and compact JSON: the finding it fixes goes, no syntax finding comes
// (a fix that leaves a trailing comma turns a JSON file into one that is no longer JSON), and what it writes reads
// as the field's type (failureLimit's fix wrote '1', a string: a wrong-type error) and, for a warning's fix, leaves
// no error there (rounding's 'Change to 536870911' of a 2147483647-instance fleet was a count above any fleet).
const folder = new URL('../testdata/rules/', import.meta.url);
const inputs = readdirSync(folder).filter((f) => /\.rollout\.(yaml|yml|json)$/.test(f));
/** The findings that say the file no longer reads as it should. */
const syntaxCodes = new Set(['yaml-syntax', 'json-syntax', 'duplicate-key', 'internal', 'schema']);

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

const count = (found: readonly Diagnostic[], keep: (d: Diagnostic) => boolean) => found.filter(keep).length;

/** Findings that say a value does not read as its field's type or form. */
const formCodes = new Set(['wrong-type', 'bad-size', 'bad-duration']);

/** Where the text each edit of `fix` writes stands once the fix is applied (edits sorted, not overlapping). */
function writtenRanges(fix: Fix): { start: number; end: number }[] {
  let shift = 0;
  return [...fix.edits]
    .sort((a, b) => a.range.start - b.range.start)
    .map((e) => {
      const start = e.range.start + shift;
      shift += e.newText.length - (e.range.end - e.range.start);
      return { start, end: start + e.newText.length };
    });
}

const touches = (r: { start: number; end: number }, w: { start: number; end: number }) =>
  r.start <= w.end && w.start <= r.end;

/**
 * The errors `fix` of `d` leaves on the text it wrote that it should not: one of form (the value it writes does not
 * read as the field's type: `'1'` for failureLimit), or any error from the fix of a warning (rounding's "write what
 * happens" must not write a count its size rule refuses).
 */
function errorsWritten(d: Diagnostic, fix: Fix, after: readonly Diagnostic[]): string[] {
  const written = writtenRanges(fix);
  return after
    .filter((x) => x.severity === 'error' && written.some((w) => touches(x.range, w)))
    .filter((x) => formCodes.has(x.code) || d.severity === 'warning')
    .map((x) => `wrote ${x.code}: ${x.message}`);
}

/** What is wrong with each fix of `text` (empty when every fix does its job). */
function fixFailures(text: string, fileName: string): string[] {
  const before = validateRollout(text, { fileName }).diagnostics;
  const syntaxBefore = count(before, (d) => syntaxCodes.has(d.code));
  return before.flatMap((d) =>
    (d.fixes ?? []).flatMap((fix) => {
      const fixed = apply(text, fix);
      const after = validateRollout(fixed, { fileName }).diagnostics;
      const same = (x: Diagnostic) => x.code === d.code;
      const problems = [
        ...(count(after, same) >= count(before, same) ? [`left ${d.code}`] : []),
        ...after
          .filter((x) => syntaxCodes.has(x.code))
          .slice(syntaxBefore)
          .map((x) => `${x.code}: ${x.message}`),
        ...errorsWritten(d, fix, after),
      ];
      return problems.length === 0 ? [] : [`"${fix.title}" (${d.code}): ${problems.join('; ')}\n${fixed}`];
    }),
  );
}

for (const input of inputs) {
  test(`corpus fixes: ${input}`, () => {
    const text = readFileSync(new URL(input, folder), 'utf8');
    assert.deepEqual(fixFailures(text, input), []);
    if (input.endsWith('.json')) return;
    const [pretty, compact] = jsonForms(text);
    const json = input.replace(/\.ya?ml$/, '.json');
    if (pretty !== undefined) assert.deepEqual(fixFailures(pretty, json), [], 'as pretty-printed JSON');
    if (compact !== undefined) assert.deepEqual(fixFailures(compact, json), [], 'as compact JSON');
  });
}
