import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnosticsText } from '../../src/format/text.js';

// The echoed source line and its caret: whole when the line is short, a window around the flagged part when it
// is long (a minified or generated line must not be echoed whole for every finding). Each case is a line, the
// flagged part, and the two lines printed under the finding.

const finding = (start: number, end: number): Diagnostic => ({
  code: 'x',
  severity: 'error',
  message: 'm',
  range: { start, end },
});

const long = (n: number, c = 'a') => c.repeat(n);

const cases: { name: string; line: string; from: number; to: number; shown: string; caret: string }[] = [
  { name: 'a short line, whole', line: 'size: 60%', from: 6, to: 9, shown: 'size: 60%', caret: '      ^~~' },
  {
    name: 'a long line: 40 characters before, the flagged part, what fits after',
    line: `${long(1000)}FLAG${long(1000, 'b')}`,
    from: 1000,
    to: 1004,
    shown: `…${long(39)}FLAG${long(115, 'b')}…`,
    caret: `${' '.repeat(40)}^~~~`,
  },
  {
    name: 'a long flagged part is cut at 80 characters',
    line: `key: ${long(5000)}`,
    from: 5,
    to: 5005,
    shown: `key: ${long(79)}…`,
    caret: `     ^${'~'.repeat(79)}`,
  },
  {
    name: 'a long line flagged near its start keeps its start',
    line: `x: ${long(500)}`,
    from: 0,
    to: 1,
    shown: `x: ${long(156)}…`,
    caret: '^',
  },
];

for (const c of cases) {
  test(`text format echo: ${c.name}`, () => {
    const out = formatDiagnosticsText([finding(c.from, c.to)], { file: 'f.rollout.yaml', text: c.line });
    const [, shown, caret] = out.split('\n');
    assert.equal(shown, ` 1 | ${c.shown}`);
    assert.equal(caret, `   | ${c.caret}`);
    assert.ok((shown ?? '').length <= 170);
  });
}

test('text format echo: escapes are measured as shown, so the caret stays under the flagged part', () => {
  const line = `${'\u001b'.repeat(100)}FLAG${long(100)}`;
  const out = formatDiagnosticsText([finding(100, 104)], { file: 'f.rollout.yaml', text: line });
  const [, shown, caret] = out.split('\n');
  const at = (caret ?? '').indexOf('^');
  assert.equal((shown ?? '').slice(at, at + 4), 'FLAG');
  assert.ok((shown ?? '').length <= 170);
});

test('text format echo: a cut never splits a surrogate pair or a \\u{…} escape', () => {
  const lines = [
    `${'😀'.repeat(100)}FLAG${'😀'.repeat(100)}`,
    `${'a'.repeat(3)}${'😀'.repeat(100)}FLAG${'a'.repeat(1)}${'😀'.repeat(100)}`,
    `${'\u0001'.repeat(100)}FLAG${'\u0001'.repeat(100)}`,
    `${'\u0001a'.repeat(100)}FLAG${'a\u0001'.repeat(100)}`,
  ];
  for (const line of lines) {
    const from = line.indexOf('FLAG');
    const out = formatDiagnosticsText([finding(from, from + 4)], { file: 'f.rollout.yaml', text: line });
    const [, shown] = out.split('\n');
    assert.doesNotMatch(
      shown ?? '',
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
    const body = (shown ?? '').slice(' 1 | '.length).replace(/^…|…$/g, '');
    assert.doesNotMatch(body.replaceAll('\\u{1}', ''), /[\\{}]|u\{/, JSON.stringify(shown));
    assert.ok((shown ?? '').includes('FLAG'));
  }
});
