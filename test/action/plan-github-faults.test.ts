import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { type Fault, faultyGitHub } from './faulty-github.js';
import { baseSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode when GitHub falters: a 5xx or a rate limit is waited out and tried again (Retry-After: 0 keeps the
// tests fast; without it the waits are 1, 2, 4 s), a comment's creation is never repeated blindly, and what fails
// for good names the call and leaves the outputs set.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const path = 'rollouts/fraud.rollout.yaml';
const now = () => Math.floor(Date.now() / 1000);

const rows: {
  name: string;
  faults: Fault[];
  code: number;
  comments: number;
  /** Lines of the log that must be there (`::error::…`, `::warning::…`). */
  says?: RegExp;
  never?: RegExp;
  /** The files were read and planned: outputs and job summary hold the plan whatever became of the comment. */
  planned: boolean;
}[] = [
  {
    name: 'a 502 on reading the base version is tried again',
    faults: [
      {
        path: /\/contents\//,
        times: 1,
        status: 502,
        headers: { 'retry-after': '0' },
        body: '<html>\n Unicorn!</html>',
      },
    ],
    code: 0,
    comments: 1,
    planned: true,
  },
  {
    name: 'three 500s on listing the files, then the list',
    faults: [{ path: /\/pulls\/7\/files/, times: 3, status: 500, headers: { 'retry-after': '0' } }],
    code: 0,
    comments: 1,
    planned: true,
  },
  {
    name: 'a 429 on listing the comments is waited out',
    faults: [{ path: /\/issues\/7\/comments/, times: 1, status: 429, headers: { 'retry-after': '0' } }],
    code: 0,
    comments: 1,
    planned: true,
  },
  {
    name: "a secondary rate limit's 403 on creating the comment is waited out, not taken for a read-only token",
    faults: [
      {
        method: 'POST',
        path: /\/issues\/7\/comments/,
        times: 1,
        status: 403,
        headers: { 'retry-after': '0' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
    ],
    code: 0,
    comments: 1,
    never: /read-only/,
    planned: true,
  },
  {
    name: 'a 502 after GitHub wrote the comment: read again and updated, never a second comment',
    faults: [{ method: 'POST', path: /\/issues\/7\/comments/, times: 1, status: 502, afterWrite: true }],
    code: 0,
    comments: 1,
    planned: true,
  },
  {
    name: 'a 503 that lasts fails the step naming the call, after four tries',
    faults: [
      {
        path: /\/pulls\/7\/files/,
        times: 9,
        status: 503,
        headers: { 'retry-after': '0' },
        body: '<html>\n\nUnicorn!</html>',
      },
    ],
    code: 1,
    comments: 0,
    says: /^::error::GitHub answered 503 to GET \/repos\/owner\/repo\/pulls\/7\/files after 4 tries: <html> Unicorn!<\/html>$/m,
    planned: false,
  },
  {
    name: 'a rate limit spent for 30 min fails at once, saying until when',
    faults: [
      {
        path: /\/contents\//,
        times: 9,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now() + 1800) },
        body: { message: 'API rate limit exceeded for installation ID 1.' },
      },
    ],
    code: 1,
    comments: 0,
    says: /^::error::GitHub's API rate limit refused GET \/repos\/owner\/repo\/contents\/rollouts\/fraud\.rollout\.yaml for 30 min \(until \d\d:\d\d UTC\): API rate limit exceeded for installation ID 1\. Re-run the job/m,
    planned: false,
  },
  {
    name: 'a comment that cannot be written fails the step, with the outputs set and the plan in the summary',
    faults: [{ method: 'POST', path: /\/issues\/7\/comments/, times: 2, status: 502 }],
    code: 1,
    comments: 0,
    says: /^::error::the plan comment on pull request #7 was not written, so it may show an earlier plan; this run's plan is in the job summary\. GitHub answered 502 to POST \/repos\/owner\/repo\/issues\/7\/comments: Server Error 502$/m,
    planned: true,
  },
];

for (const row of rows)
  test(`plan mode, GitHub falters: ${row.name}`, async () => {
    const github = await startGitHubDouble({
      files: [{ filename: path }],
      contents: { [baseSha]: { [path]: canary } },
    });
    const proxy = await faultyGitHub(github.url, row.faults);
    try {
      const run = await runAction({
        inputs: { mode: 'plan', 'github-token': 'ghs_test' },
        workspace: { [path]: canary.replace('size: 25%', 'size: 50%') },
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: proxy.url },
      });
      const log = `${run.stdout}${run.stderr}\n${proxy.log.join('\n')}`;
      assert.equal(run.code, row.code, log);
      assert.equal(github.comments.length, row.comments, log);
      if (row.says) assert.match(run.stdout, row.says);
      if (row.never) assert.doesNotMatch(run.stdout, row.never);
      if (row.comments === 1) assert.match(github.comments[0]?.body ?? '', /canary 25% → 50%/);
      if (row.planned) {
        assert.equal(run.outputs.outcome, 'planned', log);
        assert.match(run.summary, /canary 25% → 50%/);
      }
    } finally {
      await proxy.stop();
      await github.stop();
    }
  });
