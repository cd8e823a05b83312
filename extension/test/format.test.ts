import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count, escapeHtml, formatDuration } from '../src/format.js';

const durations: [seconds: number, text: string][] = [
  [0, '0 s'],
  [45, '45 s'],
  [60, '1 min'],
  [90, '2 min'],
  [600, '10 min'],
  [3600, '1 h'],
  [5400, '1 h 30 min'],
  [28800, '8 h'],
];

for (const [seconds, text] of durations) {
  test(`formatDuration(${seconds}) is ${text}`, () => assert.equal(formatDuration(seconds), text));
}

test('count uses the singular for one', () => {
  assert.equal(count(1, 'error'), '1 error');
  assert.equal(count(0, 'error'), '0 errors');
  assert.equal(count(2, 'warning'), '2 warnings');
});

test('escapeHtml escapes markup and quotes', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
