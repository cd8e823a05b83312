import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NotUtf8, validateRollout } from '../../src/index.js';
import { decodeUtf8, utf8Length } from '../../src/source/utf8.js';

// A rollout file's bytes must be UTF-8: decoded leniently, a Latin-1 byte would become U+FFFD in a value that is
// deployed. Each case is the bytes, the text they decode to, and where they stop being UTF-8, if they do.

const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];
const latin1 = (text: string) => [...Buffer.from(text, 'latin1')];

const cases: { name: string; bytes: number[]; text: string; notUtf8?: NotUtf8 }[] = [
  { name: 'ASCII', bytes: utf8('name: x\n'), text: 'name: x\n' },
  { name: 'accents and emoji in UTF-8', bytes: utf8('name: café 🚀\n'), text: 'name: café 🚀\n' },
  {
    name: 'a byte order mark stays in the text',
    bytes: [0xef, 0xbb, 0xbf, ...utf8('a: 1')],
    text: '\ufeffa: 1',
  },
  { name: 'a U+FFFD written in UTF-8 is text', bytes: utf8('note: \ufffd\n'), text: 'note: \ufffd\n' },
  { name: 'an empty file', bytes: [], text: '' },
  {
    name: 'a Latin-1 é',
    bytes: latin1('name: café\n'),
    text: 'name: caf\ufffd\n',
    notUtf8: { offset: 9, byte: 0xe9 },
  },
  {
    name: 'a written U+FFFD, then a Latin-1 byte on a later line',
    bytes: [...utf8('a: \ufffd\r\nb: '), 0xe9],
    text: 'a: \ufffd\r\nb: \ufffd',
    notUtf8: { offset: 9, byte: 0xe9 },
  },
  {
    name: 'an emoji before it counts two UTF-16 units, as offsets do',
    bytes: [...utf8('a: 🚀'), 0x92],
    text: 'a: 🚀\ufffd',
    notUtf8: { offset: 5, byte: 0x92 },
  },
  {
    name: 'UTF-16 with its byte order mark',
    bytes: [0xff, 0xfe, 0x61, 0x00],
    text: '\ufffd\ufffda\u0000',
    notUtf8: { offset: 0, byte: 0xff },
  },
  {
    name: 'a character cut off at the end',
    bytes: [...utf8('a: x'), 0xe2, 0x82],
    text: 'a: x\ufffd',
    notUtf8: { offset: 4, byte: 0xe2 },
  },
];

for (const c of cases) {
  test(`decodeUtf8: ${c.name}`, () => {
    const expected = c.notUtf8 === undefined ? { text: c.text } : { text: c.text, notUtf8: c.notUtf8 };
    assert.deepEqual(decodeUtf8(Uint8Array.from(c.bytes)), expected);
  });
}

test('a text decoded from bytes that are not UTF-8 is one finding at the first such byte, and no model', () => {
  for (const [fileName, code, words] of [
    ['a.rollout.yaml', 'yaml-syntax', 'YAML files are'],
    ['a.rollout.json', 'json-syntax', 'JSON files are'],
  ] as const) {
    const { text, notUtf8 } = decodeUtf8(Uint8Array.from(latin1('version: 1\nname: café\n')));
    const { value, diagnostics } = validateRollout(text, { fileName, notUtf8 });
    assert.equal(value, undefined);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start, d.range.end]),
      [[code, 20, 21]],
    );
    assert.match(
      diagnostics[0]?.message ?? '',
      new RegExp(`^the byte 0xE9 is not UTF-8, and ${words}; .*save it as UTF-8$`),
    );
  }
});

const lengths: [string, string][] = [
  ['', ''],
  ['ascii', 'abc'],
  ['two-byte', 'é'],
  ['three-byte', '日本'],
  ['a surrogate pair', '😀'],
  ['a lone high surrogate at the end', '\ud83d'],
  ['a lone low surrogate', 'a\ude00b'],
  ['mixed', 'a é 日 😀 \ud83d!'],
];
for (const [name, text] of lengths)
  test(`utf8Length: ${name} is as many bytes as Node's encoder writes`, () => {
    assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'));
  });

test('a file past the limit is said at its size in bytes: 5.5 Mi two-byte characters are 11.0 MiB', () => {
  const [finding] = validateRollout('é'.repeat(5.5 * 1024 * 1024)).diagnostics;
  assert.equal(finding?.code, 'file-too-large');
  assert.match(
    finding?.message ?? '',
    /^the file is 11\.0 MiB \(11,534,336 bytes\); a rollout file must be at most 5 MiB \(5,242,880 bytes;/,
  );
});

test('a file one byte past the limit is said as over it, never as 5.0 MiB', () => {
  const [finding] = validateRollout('#'.repeat(5 * 1024 * 1024 + 1)).diagnostics;
  assert.match(finding?.message ?? '', /^the file is 5\.1 MiB \(5,242,881 bytes\);/);
});

// The limit is bytes, as docs/rules.md#file-too-large says: characters undercount a file of CJK text threefold.
// 5 MiB is 5,242,880 bytes: 1,747,626 three-byte characters and two bytes more.
const sized: [name: string, text: string, refused: boolean][] = [
  ['2,000,000 CJK characters (6,000,000 bytes) are refused', '日'.repeat(2_000_000), true],
  ['5 MiB of ASCII is read', '#'.repeat(5 * 1024 * 1024), false],
  ['5 MiB of bytes, mostly 3-byte characters, is read', `# ${'日'.repeat(1_747_626)}`, false],
  ['one byte more is refused', `#  ${'日'.repeat(1_747_626)}`, true],
  ['5 MiB of bytes in 2-byte characters is read', `${'#é'.repeat(1_747_626)}é`, false],
  ['a surrogate pair past the limit is refused', `${'#'.repeat(5 * 1024 * 1024 - 3)}😀`, true],
];
for (const [name, text, refused] of sized)
  test(`file size: ${name}`, () => {
    const codes = validateRollout(text).diagnostics.map((d) => d.code);
    assert.equal(codes.includes('file-too-large'), refused, codes.join());
  });

test('a file of 2,000,000 CJK characters is said at its size in bytes', () => {
  const [finding] = validateRollout(`# ${'日'.repeat(2_000_000)}\n`).diagnostics;
  assert.equal(finding?.code, 'file-too-large');
  assert.match(finding?.message ?? '', /^the file is 5\.8 MiB \(6,000,003 bytes\);/);
});

test("a caller's fileSize decides, for a text that is only the file's start", () => {
  const [finding] = validateRollout('# start', { fileSize: 6_000_468 }).diagnostics;
  assert.equal(finding?.code, 'file-too-large');
  assert.match(finding?.message ?? '', /^the file is 5\.8 MiB \(6,000,468 bytes\);/);
});
