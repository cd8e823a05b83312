import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRollout } from '../../core/src/index.js';
import { limits } from '../../core/src/parse/limits.js';
import { readRolloutFile } from '../src/files.js';
import { scratch } from './support/run.js';

// How much of a rollout file the CLI reads: the whole of a file within the parser's file-too-large limit (5 MiB of
// UTF-8, core's limits.maxFileBytes), and of a larger one its first 5 MiB and one byte with its real size. It
// read up to 15 MiB, from when the limit counted characters.
const max = limits.maxFileBytes;

/** `[bytes of text read, fileSize]` of a file of `bytes` ASCII bytes. */
function readOf(bytes: number): [number, number | undefined] {
  const dir = scratch({ 'x.rollout.yaml': `${'#'.repeat(bytes - 1)}\n` });
  const { text, fileSize } = readRolloutFile(`${dir}/x.rollout.yaml`);
  return [Buffer.byteLength(text), fileSize];
}

const rows: [what: string, bytes: number, expected: [number, number | undefined]][] = [
  ['a file at the limit is read whole', max, [max, undefined]],
  ['a byte over: read whole, with its size', max + 1, [max + 1, max + 1]],
  [
    '20 MiB: its first 5 MiB and a byte, with its size',
    20 * 1024 * 1024 + 1,
    [max + 1, 20 * 1024 * 1024 + 1],
  ],
];

for (const [what, bytes, expected] of rows)
  test(`readRolloutFile: ${what}`, () => assert.deepEqual(readOf(bytes), expected));

test('a file read in part is refused as too large, with the size fstat gave', () => {
  const dir = scratch({ 'x.rollout.yaml': `${'#'.repeat(20 * 1024 * 1024)}\n` });
  const read = readRolloutFile(`${dir}/x.rollout.yaml`);
  const found = validateRollout(read.text, {
    fileName: 'x.rollout.yaml',
    fileSize: read.fileSize,
  }).diagnostics;
  assert.deepEqual(
    found.map((d) => d.code),
    ['file-too-large'],
  );
  assert.match(found[0]?.message ?? '', /^the file is 20\.1 MiB \(20,971,521 bytes\);/);
});
