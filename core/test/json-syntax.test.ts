// A .rollout.json file that ends inside an object or a list says which bracket is open, where it opened, and what
// closes every bracket still open.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRollout } from '../src/validate.js';

const rows: [text: string, message: string][] = [
  [
    '{"version": 1',
    "unexpected end of file: the '{' at line 1, column 1 is never closed; add '}' at the end",
  ],
  ['{', "unexpected end of file: the '{' at line 1, column 1 is never closed; add '}' at the end"],
  [
    '{\n  "strategy": {"type": "canary",',
    "unexpected end of file: the '{' at line 2, column 15 is never closed, nor 1 around it; add '}}' at the end",
  ],
  [
    '{"rollback": {"alarms": ["a"',
    "unexpected end of file: the '[' at line 1, column 25 is never closed, nor 2 around it; add ']}}' at the end",
  ],
];

for (const [text, message] of rows)
  test(`JSON ending inside brackets: ${JSON.stringify(text)}`, () => {
    const { diagnostics } = validateRollout(text, { fileName: 'a.rollout.json' });
    // At the end of the file, where the closing brackets go (its last character: a range is never empty).
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message, d.range.start]),
      [['json-syntax', `not valid JSON: ${message}`, text.length - 1]],
    );
  });
