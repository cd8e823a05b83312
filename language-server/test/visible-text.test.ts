// The file's text as the service quotes it to a client: diagnostic messages, quick-fix titles and outline names
// show control characters and bidirectional overrides as `\u{…}` (core's `visibleControls`, as the CLI prints
// them). Raw, a NUL in a quoted key made Neovim 0.7's diagnostic float, quickfix list and symbol list fail
// ("E976: using Blob as a String"), a line break split a message, and U+202E reordered what an editor shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, codeActions, diagnostics, documentSymbols } from '../src/index.js';
import { canary60 } from './documents.js';

const uri = 'file:///w/controls.rollout.yaml';
const valid = canary60.replace('60%', '25%');
/** Any character `visibleControls` shows as text: C0, DEL, C1, the bidirectional marks and overrides. */
const control = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Every string of the service's answers a user reads, for one document. */
function shownTexts(text: string): string[] {
  const analysis = analyze(uri, text);
  const found = diagnostics(analysis);
  const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
  const titles = codeActions(analysis, whole, found).map((a) => a.title);
  const names = (symbols: ReturnType<typeof documentSymbols>): string[] =>
    symbols.flatMap((s) => [s.name, s.detail ?? '', ...names(s.children ?? [])]);
  const messages = found.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
  return [...messages, ...titles, ...names(documentSymbols(analysis))];
}

test('control characters of the file reach messages, fix titles and the outline as visible text', () => {
  const cases: [name: string, text: string, shown: string][] = [
    [
      'a NUL and a line break in an unknown key',
      `${valid}"k\\0k\\nnew": 1\n`,
      "unknown key 'k\\u{0}k\\u{a}new'",
    ],
    [
      'a terminal escape in the endpoint',
      valid.replace('fraud-detector-prod', '"x\\e]0;PWNED\\a\\e[31mred"'),
      "endpoint 'x\\u{1b}]0;PWNED\\u{7}\\u{1b}[31mred'",
    ],
    ['a right-to-left override in a key', `${valid}"ab\\u202Ecd": 1\n`, "unknown key 'ab\\u{202e}cd'"],
    [
      'a duplicate alarm with a bell, in its fix title',
      valid.replace('[fraud-5xx, fraud-latency-p99]', '["a\\ab", "a\\ab"]'),
      'Remove duplicate a\\u{7}b',
    ],
    // The outline shows the value as YAML reads it (the NUL the escape stands for), made visible.
    ['a NUL in the outline of a value', valid.replace('fraud-detector-v42', '"v\\0"'), 'v\\u{0}'],
  ];
  for (const [name, text, shown] of cases) {
    const texts = shownTexts(text);
    assert.ok(
      texts.some((t) => t.includes(shown)),
      `${name}: ${shown} in none of\n${texts.join('\n')}`,
    );
    for (const t of texts) assert.doesNotMatch(t, control, `${name}: ${JSON.stringify(t)}`);
  }
});

test('an outline detail is cut before 60 characters without splitting an emoji', () => {
  for (const at of [55, 56, 57]) {
    const name = `${'a'.repeat(at)}😀${'b'.repeat(20)}`;
    const [symbol] = documentSymbols(analyze(uri, `name: ${name}\n`));
    const detail = symbol?.detail ?? '';
    assert.ok(detail.endsWith('…') && detail.length <= 58, `${at}: ${detail}`);
    assert.doesNotMatch(detail, /[\ud800-\udbff](?![\udc00-\udfff])/, `${at}: a lone high surrogate`);
  }
});
