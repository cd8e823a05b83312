import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  githubCommentLimit,
  messageMarkdown,
  type PullRequestBodyOptions,
  renderPullRequestBody,
} from '../../src/index.js';
import { canary, reportOf } from './reports.js';

const commentMarker = '<!-- shiftwise-plan -->';
const hostile = '</details><img src=x onerror=alert(1)> @octocat';

// [message, markdown] — a plain pair of backticks is a code span; any other backtick is kept, escaped.
const messages: [string, string][] = [
  ['alarm `fraud-5xx` is listed twice', 'alarm `fraud-5xx` is listed twice'],
  ['alarm `</details> @x` is listed twice', 'alarm \\`&lt;/details&gt; @\u200bx\\` is listed twice'],
  ['a `b` c` d', 'a `b` c\\` d'],
  ['two\nlines', 'two lines'],
  ['`` empty', '\\`\\` empty'],
  // A value's own backticks are kept, escaped: the reviewer reads the key the file has.
  [
    "unknown key '@here <img src=x onerror=1> ```'; expected one of: version",
    "unknown key '@\u200bhere &lt;img src=x onerror=1&gt; \\`\\`\\`'; expected one of: version",
  ],
  ["key 'a`b`c`d'", "key 'a`b`c\\`d'"],
  [`endpoint '${'<'.repeat(300)}' is not valid`, `endpoint '${'&lt;'.repeat(200)}…' is not valid`],
  [`model \`${'m'.repeat(250)}\` twice`, `model \`${'m'.repeat(200)}…\` twice`],
  [`'${'😀'.repeat(201)}'`, `'${'😀'.repeat(200)}…'`],
];
for (const [message, expected] of messages)
  test(`messageMarkdown ${JSON.stringify(message)}`, () => assert.equal(messageMarkdown(message), expected));

test('a hostile alarm name reaches the body only inert', () => {
  const text = canary.replace('[fraud-5xx, fraud-latency-p99]', `["${hostile}", "${hostile}"]`);
  const body = renderPullRequestBody([reportOf('r/a.rollout.yaml', text, canary)], {
    limit: githubCommentLimit,
    marker: commentMarker,
  });
  assert.doesNotMatch(body, /<img/);
  assert.doesNotMatch(body, /@octocat/);
  assert.equal(count(body, '<details>'), count(body, '</details>'));
  assert.match(body, /listed twice|duplicate/i, 'the duplicate warning is shown');
});

test('sixty files stay under the limit, with the cut said', () => {
  const reports = Array.from({ length: 60 }, (_, i) =>
    reportOf(`rollouts/r${i}.rollout.yaml`, canary.replace('fraud-detector-prod', `e${i}`), undefined),
  );
  const body = renderPullRequestBody(reports, {
    limit: githubCommentLimit,
    marker: commentMarker,
    runUrl: 'https://x/runs/1',
  });
  assert.ok(body.length <= githubCommentLimit, `${body.length} characters`);
  assert.equal(count(body, '\n### '), 60, 'every file keeps its headline');
  assert.match(
    body,
    /Cut to fit GitHub's 65,536-character comment limit:\*\* the full plans of \d+ files left out/,
  );
  assert.equal(count(body, '<details>'), count(body, '</details>'));
});

test('files that do not fit even as headlines are counted', () => {
  const reports = Array.from({ length: 60 }, (_, i) => reportOf(`r${i}.rollout.yaml`, canary, undefined));
  const body = renderPullRequestBody(reports, { limit: 6000 });
  assert.ok(body.length <= 6000);
  assert.match(body, /the full plans of \d+ files and \d+ files entirely left out/);
});

test('one huge file never hides the smaller files after it', () => {
  // A 10,000-character endpoint name: its findings quote it (cut to 200 characters in the body), and a body too
  // small for its section shows its headline, and still names every other file.
  const long = 'x'.repeat(10_000);
  const huge = canary.replace('endpoint: fraud-detector-prod', `endpoint: "${long}"`);
  const reports = [
    reportOf('a.rollout.yaml', huge, undefined),
    reportOf('b.rollout.yaml', canary.replace('endpoint: fraud-detector-prod', 'endpoint: "b e"'), undefined),
    reportOf('c.rollout.yaml', canary, undefined),
  ];
  const roomy = renderPullRequestBody(reports, { limit: githubCommentLimit });
  assert.ok(!roomy.includes('x'.repeat(201)), 'a quoted value is cut to 200 characters');
  assert.match(roomy, new RegExp(`'${'x'.repeat(200)}…'`));
  for (const limit of [3_000, 1_800, 1_200]) {
    const body = renderPullRequestBody(reports, { limit });
    assert.ok(body.length <= limit, `${body.length} characters`);
    assert.match(body, /### ❌ b\.rollout\.yaml/, `b is named within ${limit}`);
    assert.match(body, /### ✅ c\.rollout\.yaml/, `c is named within ${limit}`);
  }
  assert.match(
    renderPullRequestBody(reports, { limit: 1_200 }),
    /### ❌ a\.rollout\.yaml — 1 error: not planned until the errors are fixed\n\n###/,
    'a keeps its headline alone',
  );
});

// [case, why the body is empty, its headline]
const emptyBodies: [string, PullRequestBodyOptions['empty'], string][] = [
  ['no reason given', undefined, 'This pull request no longer changes any rollout file.'],
  [
    'no rollout files left in the pull request',
    { kind: 'no-rollout-files' },
    'This pull request no longer changes any rollout file.',
  ],
  [
    'the files input matches none of the rollout files the pull request changes',
    { kind: 'files-unmatched', files: 'deploy/', changed: 2 },
    'This pull request changes 2 rollout files, but the files input (deploy/) matches none of them, so none was checked: widen the input to check them, or leave it if another workflow covers them.',
  ],
  [
    'the files input matches the one rollout file the pull request changes',
    { kind: 'files-unmatched', files: 'deploy/*.rollout.yaml', changed: 1 },
    'This pull request changes 1 rollout file, but the files input (deploy/\\*.rollout.yaml) does not match it, so it was not checked: widen the input to check it, or leave it if another workflow covers it.',
  ],
  [
    'off a pull request, the files input matches nothing in the checkout',
    { kind: 'checkout-unmatched', files: '<b>@x</b>' },
    'No file in the checkout matches the files input (&lt;b&gt;@\u200bx&lt;/b&gt;), so nothing was checked: off a pull request Shiftwise checks the files of the checkout that the input matches. Globs are relative to the repository root (`rollouts/*.rollout.yaml`).',
  ],
];
for (const [name, empty, says] of emptyBodies)
  test(`an empty body says why: ${name}`, () => {
    const body = renderPullRequestBody([], { limit: githubCommentLimit, ...(empty && { empty }) });
    assert.equal(body.split('\n\n')[1]?.split('\n')[0], says);
    if (empty?.kind !== undefined && empty.kind !== 'no-rollout-files')
      assert.doesNotMatch(body, /no longer/);
  });

function count(text: string, what: string): number {
  return text.split(what).length - 1;
}

test('a file section reads headline, findings, diff, then the collapsed plan', () => {
  const head = canary.replace('[fraud-5xx, fraud-latency-p99]', '[fraud-5xx, fraud-5xx]');
  const body = renderPullRequestBody([reportOf('r/a.rollout.yaml', head, canary)], {
    limit: githubCommentLimit,
  });
  const order = [
    /^## Shiftwise rollout plan/m,
    /^### ⚠️ r\/a\.rollout\.yaml — 2 steps · 20 min · peak 8 instances · 1 warning$/m,
    /^- \*\*warning\*\* at 17:\d+: .*listed twice/m,
    /^\*\*(Changes:|No change)\*\*/m,
    /^<details><summary>Plan/m,
    /^<sub>Shiftwise plan\.<\/sub>$/m,
  ];
  const at = order.map((part) => body.search(part));
  assert.ok(
    at.every((i, n) => i >= 0 && (n === 0 || i > (at[n - 1] ?? 0))),
    `${JSON.stringify(at)}\n${body}`,
  );
});

test('a Vertex AI file gives its waves an estimated time, said so, not 0 s', () => {
  const vertex = readFileSync(
    new URL('../../../examples/vertex-rolling.rollout.yaml', import.meta.url),
    'utf8',
  );
  const body = renderPullRequestBody([reportOf('v.rollout.yaml', vertex, undefined)], {
    limit: githubCommentLimit,
  });
  assert.match(
    body,
    /^### ✅ v\.rollout\.yaml — \d+ waves · about \d+ min \(estimate\) · peak \d+ replicas$/m,
  );
});

test('the headline counts the rollout files checked, as the log does; removed ones only as removed', () => {
  const options = { limit: githubCommentLimit, marker: commentMarker };
  const reports = [
    reportOf('r/a.rollout.yaml', canary, canary),
    reportOf('r/b.rollout.yaml', canary, canary),
  ];
  const removed = ['r/old.rollout.yaml', 'other/renamed.txt'];
  assert.match(
    renderPullRequestBody(reports, { ...options, removed }),
    /^## Shiftwise rollout plan · 2 rollout files\n\n✅ 2 planned · 🗑️ 2 removed\n/m,
  );
  assert.match(
    renderPullRequestBody([], { ...options, removed: removed.slice(0, 1) }),
    /^## Shiftwise rollout plan · 1 rollout file removed\n\n🗑️ 1 removed\n/m,
  );
});
