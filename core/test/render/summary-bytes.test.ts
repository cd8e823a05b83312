import assert from 'node:assert/strict';
import { test } from 'node:test';
import { githubSummaryLimit, renderPullRequestBody, utf8Length } from '../../src/index.js';
import { canary, reportOf } from './reports.js';

// GitHub counts a job summary in bytes of UTF-8 (1 MiB), a comment in characters: a name of 390,000 CJK characters
// is under any character budget and three times that in bytes.

const rows: [string, number][] = [
  ['abc', 3],
  ['é', 2],
  ['漢', 3],
  ['😀', 4],
  ['\ud800', 3], // a lone surrogate is written as U+FFFD
];
for (const [text, bytes] of rows)
  test(`utf8Length(${JSON.stringify(text)}) is ${bytes}`, () => {
    assert.equal(utf8Length(text), bytes);
    assert.equal(utf8Length(text), Buffer.byteLength(text, 'utf8'));
  });

test('a job summary is cut to 1 MiB in bytes, with a note saying where the rest is', () => {
  const name = '漢'.repeat(390_000);
  const report = reportOf(
    'r/a.rollout.yaml',
    canary.replace('name: fraud-detector', `name: ${name}`),
    canary,
  );
  const summary = renderPullRequestBody([report], { limit: githubSummaryLimit, unit: 'bytes' });
  assert.ok(Buffer.byteLength(summary, 'utf8') <= githubSummaryLimit, `${Buffer.byteLength(summary)} bytes`);
  assert.match(summary, /### ✅ r\/a\.rollout\.yaml/, 'the file keeps its headline');
  assert.match(
    summary,
    /Cut to fit GitHub's 1,048,576-byte job summary limit:\*\* the full plans of 1 file left out\. Every finding is in the annotations and every plan in the step's `plan` output\./,
  );
});

test('counted in characters (a comment), the same body is not cut', () => {
  const name = '漢'.repeat(390_000);
  const report = reportOf(
    'r/a.rollout.yaml',
    canary.replace('name: fraud-detector', `name: ${name}`),
    canary,
  );
  const body = renderPullRequestBody([report], { limit: githubSummaryLimit });
  assert.doesNotMatch(body, /Cut to fit/);
});
