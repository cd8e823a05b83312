import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { type ParseCache, parseBlocks } from '../src/parse/blocks.js';
import { type ParsedDocument, parseDocumentText } from '../src/parse/index.js';
import type { SourceMap } from '../src/source/source-map.js';
import { validateRollout } from '../src/validate.js';
import { canaryText as canary } from './support/examples.js';

// The differential test of the block-wise parse (src/parse/blocks.ts): for every file of examples/,
// core/testdata/rules/ and test/hostile/, a table of texts that could fool the cut, and a seeded sequence of
// random edits to each, a parse with a parse cache (as the language server keeps one per open document) gives
// exactly what a fresh parse of the whole file gives: diagnostics, typed value, source map, tree.

const repo = new URL('../../', import.meta.url);

function filesOf(folder: string): [string, string][] {
  const dir = new URL(folder, repo);
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => [`${folder}${f}`, readFileSync(new URL(f, dir), 'utf8')]);
}

const alarms = Array.from({ length: 300 }, (_, i) => `    - fraud-alarm-${i}`).join('\n');
const comments = Array.from({ length: 200 }, (_, i) => `# note ${i}`).join('\n');

/** Texts chosen to fool a cut at column-0 keys, each named for what it tries. */
const tricky: [string, string][] = [
  [
    'double-quoted scalar across a key-looking line',
    'version: 1\nname: "first\nprovider: sagemaker"\nendpoint: e\n',
  ],
  [
    'single-quoted scalar across a key-looking line',
    "version: 1\nname: 'first\nprovider: sagemaker'\nendpoint: e\n",
  ],
  ['double-quoted scalar across a plain line', 'name: "a\nb"\nversion: 1\n'],
  [
    'plain scalar continued on an indented key-looking line',
    'name: first\n  provider: sagemaker\nendpoint: e\n',
  ],
  ['plain scalar continued at column 0', 'name: first\nsecond line\nendpoint: x\n'],
  ['literal block scalar holding keys', 'description: |\n  strategy: fake\n  line\nversion: 1\n'],
  ['kept block scalar with trailing blank lines', 'description: |+\n  text\n\n\nversion: 1\n'],
  ['folded block scalar then a key', 'description: >-\n  folded\n  text\nversion: 1\nprovider: x\n'],
  ['block scalar with an indentation indicator', 'description: |2\n   indented\nversion: 1\n'],
  [
    'comments between keys',
    '# lead\nversion: 1\n# between\n\n  # indented\nprovider: sagemaker # trailing\n# tail\n',
  ],
  ['duplicate top-level keys in different blocks', `${canary}\nstrategy:\n  type: linear\nversion: 2\n`],
  ['duplicate top-level keys in one block', 'version: 1\n"version": 2\nprovider: x\n'],
  ['anchor and alias across blocks', 'rollback: &r\n  alarms: [a]\nother: *r\n'],
  ['anchor and alias in one block', 'rollback:\n  alarms: &a [a]\n  more: *a\nversion: 1\n'],
  ['JSON', '{"version": 1, "provider": "sagemaker",\n"endpoint": "e"}\n'],
  ['flow mapping across lines', '{version: 1,\nprovider: sagemaker}\n'],
  ['key-looking line inside a flow list', 'alarms: [a,\nb: c]\nversion: 1\n'],
  ['indented root then column-0 keys', '  version: 1\nprovider: x\nendpoint: e\n'],
  ['document start marker', '---\nversion: 1\nprovider: x\n'],
  ['two documents', 'version: 1\n---\nprovider: x\n'],
  ['directive', '%YAML 1.2\n---\nversion: 1\nprovider: x\n'],
  ['document end marker', 'version: 1\n...\nprovider: x\n'],
  ['tab indentation', 'strategy:\n\ttype: canary\nversion: 1\n'],
  ['carriage returns and line feeds', canary.replaceAll('\n', '\r\n')],
  ['lone carriage returns', canary.replaceAll('\n', '\r')],
  ['byte order mark', `\uFEFF${canary}`],
  ['line separator inside a value', 'name: a\u2028version: 2\nprovider: x\n'],
  ['explicit key', '? a\n: b\nversion: 1\n'],
  ['quoted first key', '"version": 1\nprovider: x\n'],
  ['space before the colon', 'version : 1\nprovider  : x\n'],
  ['value at column 0 on the next line', 'strategy:\ntype: canary\nversion: 1\n'],
  ['list at column 0 under a key', 'alarms:\n- a\n- b\nversion: 1\n'],
  ['keys without values', 'version:\nprovider:\nstrategy:\n'],
  ['tags', 'version: !!str 1\nprovider: !custom x\nendpoint: !!binary aGk=\n'],
  ['mapping as a key', '[a, b]: 1\nversion: 1\n'],
  ['deep brackets', `version: 1\nx: ${'['.repeat(70)}${']'.repeat(70)}\n`],
  ['apostrophes around deep brackets', `a: don't\nb: it's ${'['.repeat(70)}${']'.repeat(70)}\n`],
  ['empty', ''],
  ['comments only', '# nothing\n# here\n'],
  ['a scalar document', 'just text\n'],
  ['a list document', '- version: 1\n- provider: x\n'],
  ['hash inside a quoted value across lines', 'name: "a # b\nc: d"\nversion: 1\n'],
  [
    'many blocks and a long list',
    `${comments}\n${canary.replace(/ {2}alarms: .*\n/, '')}  alarms:\n${alarms}\n`,
  ],
];

const texts: [string, string][] = [
  ...filesOf('examples/'),
  ...filesOf('core/testdata/rules/'),
  ...filesOf('test/hostile/'),
  ...tricky.map(([name, text]): [string, string] => [`tricky: ${name}.rollout.yaml`, text]),
  ...filesOf('examples/').map(([name, text]): [string, string] => [
    `${name} (CRLF)`,
    text.replaceAll('\n', '\r\n'),
  ]),
];

/** What a parse gives, as plain data: the source map as its paths in order with their spans. */
function observed(parsed: ParsedDocument) {
  const { source, ...rest } = parsed;
  return { ...rest, source: spans(source) };
}

function spans(source: SourceMap) {
  return source.paths().map((path) => [path, source.get(path)]);
}

/** Checks one version of a document: parsed and validated with the document's cache, and afresh. */
function check(name: string, text: string, cache: ParseCache) {
  const fileName = name.replace(/ \(CRLF\)$/, '');
  const fresh = parseDocumentText(text, { fileName });
  const reused = parseDocumentText(text, { fileName, cache });
  assert.deepEqual(observed(reused), observed(fresh), `${name}: the parse with a cache differs`);
  const validated = validateRollout(text, { fileName });
  const revalidated = validateRollout(text, { fileName, cache });
  assert.deepEqual(revalidated.diagnostics, validated.diagnostics, `${name}: validation differs`);
  assert.deepEqual(revalidated.value, validated.value, `${name}: the typed value differs`);
  assert.deepEqual(spans(revalidated.source), spans(validated.source), `${name}: the source map differs`);
}

/** Pieces an edit inserts: YAML's structure characters, keys at column 0, quotes, markers. */
const pieces = [
  '',
  ' ',
  '  ',
  '\n',
  '\n\n',
  ':',
  ': ',
  '#',
  '# note\n',
  '"',
  "'",
  '- ',
  '-',
  'x',
  '0',
  '10m',
  '25%',
  ',',
  '[',
  ']',
  '{',
  '}',
  '|\n',
  '>-\n  ',
  '\r\n',
  '\t',
  '&a ',
  '*a',
  '---\n',
  '%',
  '!!str ',
  'key: v\n',
  '\nversion: 2\n',
  '\nstrategy:\n  type: canary\n',
  '"multi\n',
  "'x\nrollback: y'",
  '\nrollback:\n',
  '? ',
  'name: "a\nb: c"\n',
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.constantFrom(...pieces),
});

const editsPerText = 12;

test(`block-wise parse with a cache = whole parse, for ${texts.length} texts and ${editsPerText} random edits of each`, () => {
  let cut = 0;
  texts.forEach(([name, original], n) => {
    const cache: ParseCache = new Map();
    if (parseBlocks(original, new Map()) !== undefined) cut++;
    check(name, original, cache);
    let text = original;
    for (const e of fc.sample(edit, { seed: 16_000 + n, numRuns: editsPerText })) {
      const at = Math.floor(e.at * text.length);
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      check(
        `${name} after replacing ${e.remove} characters at ${at} with ${JSON.stringify(e.insert)}`,
        text,
        cache,
      );
    }
  });
  // The comparison means something only if most texts take the block-wise path.
  assert.ok(cut > texts.length / 2, `only ${cut} of ${texts.length} texts were cut into blocks`);
});

test('an edit inside one block re-parses that block only', () => {
  const cache: ParseCache = new Map();
  const before = parseBlocks(canary, cache);
  const after = parseBlocks(canary.replace('size: 25%', 'size: 20%'), cache);
  assert.ok(before !== undefined && after !== undefined);
  const kept = after.filter((b, i) => b.doc === before[i]?.doc).length;
  assert.equal(kept, after.length - 1, 'every block but the edited one comes from the cache');
  assert.equal(cache.size, after.length, 'the cache holds the blocks of the last text only');
});
