import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Diagnostic, type Fix, validateRollout } from '../src/index.js';
import { jsonForms } from './support/json-forms.js';

// Every fix of the rule corpus (core/testdata/rules), applied as an editor applies it, to each file as written and
// to each YAML file written as pretty-printed and compact JSON: the finding it fixes goes, and no syntax finding
// comes (a fix that leaves a trailing comma turns a JSON file into one that is no longer JSON).
const folder = new URL('../testdata/rules/', import.meta.url);
const inputs = readdirSync(folder).filter((f) => /\.rollout\.(yaml|yml|json)$/.test(f));
/** The findings that say the file no longer reads as it should. */
const syntaxCodes = new Set(['yaml-syntax', 'json-syntax', 'duplicate-key', 'internal', 'schema']);

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

const count = (found: readonly Diagnostic[], keep: (d: Diagnostic) => boolean) => found.filter(keep).length;

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
