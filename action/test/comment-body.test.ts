import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkFile } from '../src/plan/check-file.js';
import { commentLimit, commentMarker, messageMarkdown, renderReport } from '../src/plan/comment-body.js';

const canary = readFileSync(new URL('../../examples/sagemaker-canary.rollout.yaml', import.meta.url), 'utf8');
const hostile = '</details><img src=x onerror=alert(1)> @octocat';

// [message, markdown] — diagnostic messages quote file values in backticks.
const messages: [string, string][] = [
  ['alarm `fraud-5xx` is listed twice', 'alarm `fraud-5xx` is listed twice'],
  ['alarm `</details> @x` is listed twice', 'alarm &lt;/details&gt; @\u200bx is listed twice'],
  ['a `b` c` d', 'a `b` c d'],
  ['two\nlines', 'two lines'],
  ['`` empty', ' empty'],
];
for (const [message, expected] of messages)
  test(`messageMarkdown ${JSON.stringify(message)}`, () => assert.equal(messageMarkdown(message), expected));

test('a hostile alarm name reaches the body only inert', () => {
  const text = canary.replace('[fraud-5xx, fraud-latency-p99]', `["${hostile}", "${hostile}"]`);
  const body = renderReport([checkFile('r/a.rollout.yaml', text, canary)], {
    limit: commentLimit,
    marker: commentMarker,
  });
  assert.doesNotMatch(body, /<img/);
  assert.doesNotMatch(body, /@octocat/);
  assert.equal(count(body, '<details>'), count(body, '</details>'));
  assert.match(body, /listed twice|duplicate/i, 'the duplicate warning is shown');
});

test('sixty files stay under the limit, with the cut said', () => {
  const reports = Array.from({ length: 60 }, (_, i) =>
    checkFile(`rollouts/r${i}.rollout.yaml`, canary.replace('fraud-detector-prod', `e${i}`), undefined),
  );
  const body = renderReport(reports, {
    limit: commentLimit,
    marker: commentMarker,
    runUrl: 'https://x/runs/1',
  });
  assert.ok(body.length <= commentLimit, `${body.length} characters`);
  assert.equal(count(body, '\n### '), 60, 'every file keeps its headline');
  assert.match(
    body,
    /Cut to fit GitHub's 65,536-character comment limit:\*\* the full plans of \d+ files left out/,
  );
  assert.equal(count(body, '<details>'), count(body, '</details>'));
});

test('files that do not fit even as headlines are counted', () => {
  const reports = Array.from({ length: 60 }, (_, i) => checkFile(`r${i}.rollout.yaml`, canary, undefined));
  const body = renderReport(reports, { limit: 6000 });
  assert.ok(body.length <= 6000);
  assert.match(body, /the full plans of \d+ files and \d+ files entirely left out/);
});

test('no rollout files left in the pull request', () => {
  assert.match(renderReport([], { limit: commentLimit }), /no longer changes any rollout file/);
});

function count(text: string, what: string): number {
  return text.split(what).length - 1;
}
