import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Diagnostic, validateRollout } from '../src/index.js';
import { flowNestingBeyond } from '../src/parse/syntax.js';
import { runRules } from '../src/validate.js';
import { canaryText as valid } from './support/examples.js';

// Hostile inputs: each must produce diagnostics, never an exception, and finish (the runner's timeout bounds it).
function codes(diagnostics: readonly Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => d.code))];
}

function insideDocument(text: string, diagnostics: readonly Diagnostic[]) {
  for (const d of diagnostics) {
    assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length, d.code);
  }
}

test('an alias bomb ("billion laughs") is cut off at the alias limit', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  const text = `${levels.join('\n')}\n${valid}`;
  const { diagnostics } = validateRollout(text);
  assert.ok(codes(diagnostics).includes('alias-limit'));
  insideDocument(text, diagnostics);
});

test('an alias inside its own anchor does not recurse forever', () => {
  const { diagnostics } = validateRollout(`a: &a [1, *a]\n${valid}`);
  assert.ok(diagnostics.length > 0);
});

test('a file over 5 MiB is refused before parsing', () => {
  const text = `${valid}# ${'x'.repeat(5 * 1024 * 1024)}\n`;
  const { diagnostics, value } = validateRollout(text);
  assert.deepEqual(codes(diagnostics), ['file-too-large']);
  assert.equal(value, undefined);
  insideDocument(text, diagnostics);
});

test('a file just under 5 MiB is read in full', () => {
  const alarms = Array.from({ length: 200_000 }, (_, i) => `    - alarm-${i}`).join('\n');
  const text = `${valid.replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '  alarms:\n')}${alarms}\n`;
  assert.ok(text.length < 5 * 1024 * 1024);
  const { diagnostics } = validateRollout(text);
  assert.deepEqual(codes(diagnostics), ['alarm-count']);
});

test('deep nesting in flow and block style is reported, not overflowed', () => {
  const flow = `${valid}x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
  assert.ok(codes(validateRollout(flow).diagnostics).includes('too-deep'));
  const block = `${valid}${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;
  const deep = validateRollout(block).diagnostics;
  assert.ok(codes(deep).includes('too-deep'), codes(deep).join());
  insideDocument(block, deep);
});

test('a file too large is flagged on its first line, whether its lines end in LF, CRLF or a lone CR', () => {
  for (const end of ['\n', '\r\n', '\r']) {
    const text = `# first${end}${'x: 1'.padEnd(1023)}${end}`.repeat(6 * 1024);
    const [found] = validateRollout(text).diagnostics;
    assert.equal(found?.code, 'file-too-large');
    assert.deepEqual(found?.range, { start: 0, end: '# first'.length }, JSON.stringify(end));
  }
});

test('the scan ahead of the parser ends a comment at a lone CR too, so deep nesting after one is still caught cheaply', () => {
  // It once ran a comment to the next LF only: after '# note\r' it saw no brackets, and 2.6 M of them reached the
  // parser (16 s, 2.9 GB) instead of a too-deep finding.
  const cases: [text: string, found: number | undefined][] = [
    ['# note\ra: [[[1]]]', 12],
    ['# note\r\na: [[[1]]]', 13],
    ['# note [[[[\na: 1', undefined],
    ['# note [[[[\ra: 1', undefined],
  ];
  for (const [text, found] of cases) assert.equal(flowNestingBeyond(text, 2), found, JSON.stringify(text));
});

test('__proto__, constructor and prototype keys anywhere change no prototype', () => {
  const text = `__proto__: { polluted: true }
constructor: { prototype: { polluted: true } }
${valid.replace('strategy:\n', 'strategy:\n  __proto__: { polluted: true }\n')}`;
  const { diagnostics, value } = validateRollout(text);
  assert.deepEqual(codes(diagnostics), ['unknown-key']);
  assert.equal(diagnostics.length, 3);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  const json = validateRollout('{"__proto__": {"polluted": true}, "version": 1}', {
    fileName: 'x.rollout.json',
  });
  assert.ok(codes(json.diagnostics).includes('unknown-key'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('tabs, duplicate keys and several documents each get their own code', () => {
  assert.deepEqual(codes(validateRollout(valid.replace('  size', '\tsize')).diagnostics), ['yaml-syntax']);
  assert.deepEqual(codes(validateRollout(`${valid}capacity: 5\n`).diagnostics), ['duplicate-key']);
  assert.deepEqual(codes(validateRollout(`${valid}---\n${valid}`).diagnostics), ['multi-document']);
});

test('a rule that throws becomes an internal diagnostic; the other rules still run', () => {
  const { value, source } = validateRollout(valid);
  assert.ok(value);
  const found = runRules(
    [
      () => {
        throw new Error('boom');
      },
      () => [{ code: 'no-alarms', severity: 'warning', message: 'still here', range: { start: 0, end: 1 } }],
    ],
    { rollout: value, source, text: valid, capacity: 4 },
  );
  assert.deepEqual(
    found.map((d) => d.code),
    ['internal', 'no-alarms'],
  );
  assert.match(found[0]?.message ?? '', /boom/);
});

test('odd but legal inputs: BOM, CRLF, comments only, a lone scalar, null', () => {
  assert.deepEqual(validateRollout(`\uFEFF${valid}`).diagnostics, []);
  assert.deepEqual(validateRollout(valid.replaceAll('\n', '\r\n')).diagnostics, []);
  assert.deepEqual(codes(validateRollout('# just a comment\n').diagnostics), ['required']);
  assert.deepEqual(codes(validateRollout('42').diagnostics), ['wrong-type']);
  assert.deepEqual(codes(validateRollout('~').diagnostics), ['wrong-type']);
});

test('a lone CR ends a line, as in YAML 1.2, JSON and every editor: CR line ends read like LF ones', () => {
  // The yaml package read a lone CR as part of the line: the whole file was its first comment ('the file is
  // empty'), JSON with CR line ends was refused, and a line after '# note\r' was hidden from Shiftwise alone.
  assert.deepEqual(validateRollout(valid.replaceAll('\n', '\r')).diagnostics, []);
  const json = JSON.stringify(
    { version: 1, provider: 'sagemaker', endpoint: 'a', endpointConfig: 'b', strategy: { type: 'retain' } },
    null,
    2,
  );
  assert.deepEqual(
    validateRollout(json.replaceAll('\n', '\r'), { fileName: 'x.rollout.json' }).diagnostics,
    [],
  );
  const hidden = valid.replace(
    'endpoint: fraud-detector-prod\n',
    'endpoint: fraud-detector-prod # was\rendpoint: x\n',
  );
  const { diagnostics } = validateRollout(hidden);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start]),
    [['duplicate-key', hidden.indexOf('\rendpoint: x') + 1]],
  );
});

/** A binary file: one syntax error at its first NUL byte, saying so, whatever the bytes around it look like. */
const binaries: [what: string, text: string, fileName: string, code: string, at: number][] = [
  ['a PNG header', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'x.rollout.yaml', 'yaml-syntax', 8],
  ['UTF-16 read as UTF-8', 'v\u0000e\u0000r\u0000', 'x.rollout.yaml', 'yaml-syntax', 1],
  [
    'a NUL in a valid file',
    valid.replace('fraud-detector', 'fraud\u0000detector'),
    'x.rollout.yaml',
    'yaml-syntax',
    valid.indexOf('fraud-detector') + 5,
  ],
  ['a gzip under a JSON name', '\u001f\u008b\b\u0000\u0000\u0000', 'x.rollout.json', 'json-syntax', 3],
];
for (const [what, text, fileName, code, at] of binaries)
  test(`a binary file (${what}) is one ${code} at its first NUL, saying it is binary`, () => {
    const { diagnostics, value } = validateRollout(text, { fileName });
    assert.equal(value, undefined);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start]),
      [[code, at]],
    );
    assert.match(diagnostics[0]?.message ?? '', /NUL byte: this is a binary file/);
  });
