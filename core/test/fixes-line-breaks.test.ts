import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Fix, validateRollout } from '../src/index.js';

// Every fix of the rule corpus (core/testdata/rules) leaves the same file whatever its line ends: applied to the file
// with CRLF (or lone CR) line ends, it gives the LF result with those line ends. A fix that adds or moves a line
// writes the file's own line break, not a bare `\n` in a CRLF file (not every editor converts it).
const folder = new URL('../testdata/rules/', import.meta.url);
const inputs = readdirSync(folder).filter((f) => /\.rollout\.(yaml|yml)$/.test(f));

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

/** Each fix of `text` by its diagnostic's code and title, applied: `required: Add bake` → the fixed text. */
function fixed(text: string, fileName: string): [string, string][] {
  return validateRollout(text, { fileName }).diagnostics.flatMap((d) =>
    (d.fixes ?? []).map((fix): [string, string] => [`${d.code}: ${fix.title}`, apply(text, fix)]),
  );
}

for (const input of inputs) {
  const text = readFileSync(new URL(input, folder), 'utf8').replaceAll('\r\n', '\n');
  const lf = fixed(text, input);
  if (lf.length === 0) continue;
  test(`corpus fixes keep the line ends: ${input}`, () => {
    for (const end of ['\r\n', '\r']) {
      const expected = lf.map(([what, t]): [string, string] => [what, t.replaceAll('\n', end)]);
      assert.deepEqual(fixed(text.replaceAll('\n', end), input), expected, JSON.stringify(end));
    }
  });
}

test('an added field in a CRLF file ends its line with CRLF', () => {
  const text =
    'version: 1\r\nprovider: sagemaker\r\nendpoint: e\r\nmodel: m\r\nstrategy:\r\n  type: canary\r\n  size: 10%\r\n';
  const found = validateRollout(text).diagnostics.find((d) => d.code === 'required');
  const fix = found?.fixes?.[0];
  assert.ok(fix, 'a required finding with a fix');
  assert.equal(fix.edits[0]?.newText, '\r\n  bake: 10m');
});

test("the empty file's skeleton starts on a line of its own after a last comment with no line break", () => {
  for (const br of ['\n', '\r\n', '\r']) {
    const text = `# a rollout, soon${br}# nothing yet`;
    const fix = validateRollout(text).diagnostics.find((d) => d.code === 'required')?.fixes?.[0];
    assert.ok(fix, 'a required finding with a fix');
    const fixed = apply(text, fix);
    assert.ok(fixed.startsWith(`${text}${br}version: 1${br}provider: sagemaker${br}`), JSON.stringify(fixed));
    assert.deepEqual(
      validateRollout(fixed).diagnostics.map((d) => d.code),
      [],
      JSON.stringify(br),
    );
  }
});
