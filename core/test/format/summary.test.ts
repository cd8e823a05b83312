import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticsToJson, type FileResult, summaryLine, type Unreadable } from '../../src/index.js';

// The text summary and the JSON summary count the same way: every file given is a file, read or not.
const warning = {
  code: 'no-alarms',
  severity: 'warning',
  message: 'm',
  range: { start: 0, end: 1 },
} as const;
const error = { ...warning, code: 'canary-size', severity: 'error' } as const;
const read = (file: string, diagnostics: FileResult['diagnostics']): FileResult => ({
  file,
  text: 'x',
  diagnostics,
});
const notRead = (file: string): Unreadable => ({
  file,
  reason: 'not a regular file (a pipe, device or socket)',
});

// [name, files read, files not read, summary line, JSON summary]
const rows: [string, FileResult[], Unreadable[], string, Record<string, number>][] = [
  [
    'one clean file',
    [read('a', [])],
    [],
    '1 file, 0 errors, 0 warnings',
    { files: 1, errors: 0, warnings: 0 },
  ],
  [
    'one read, one not',
    [read('a', [])],
    [notRead('b')],
    '2 files, 0 errors, 0 warnings, 1 unreadable',
    { files: 2, errors: 0, warnings: 0, unreadable: 1 },
  ],
  [
    'none read',
    [],
    [notRead('a'), notRead('b')],
    '2 files, 0 errors, 0 warnings, 2 unreadable',
    { files: 2, errors: 0, warnings: 0, unreadable: 2 },
  ],
  [
    'findings and one not read',
    [read('a', [error, warning]), read('b', [warning])],
    [notRead('c')],
    '3 files, 1 error, 2 warnings, 1 unreadable',
    { files: 3, errors: 1, warnings: 2, unreadable: 1 },
  ],
];

for (const [name, results, unreadable, line, summary] of rows)
  test(`summary of ${name}: "${line}" in text, the same counts in JSON`, () => {
    assert.equal(summaryLine(results, { unreadable: unreadable.length }), line);
    assert.deepEqual(diagnosticsToJson(results, { unreadable }).summary, summary);
  });
