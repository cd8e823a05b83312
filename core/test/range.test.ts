import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineIndex } from '../src/source/range.js';

const cases = [
  { name: 'first character', text: 'ab\ncd', offset: 0, position: { line: 0, character: 0 } },
  { name: 'after a newline', text: 'ab\ncd', offset: 3, position: { line: 1, character: 0 } },
  { name: 'crlf counts as one break', text: 'ab\r\ncd', offset: 5, position: { line: 1, character: 1 } },
  { name: 'past the end is clamped', text: 'ab', offset: 99, position: { line: 0, character: 2 } },
];

for (const c of cases) {
  test(`lineIndex: ${c.name}`, () => {
    const index = lineIndex(c.text);
    assert.deepEqual(index.positionAt(c.offset), c.position);
    assert.equal(index.offsetAt(c.position), Math.min(c.offset, c.text.length));
  });
}
