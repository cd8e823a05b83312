import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { baseSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode end to end on what a pull request can throw at the comment: hostile text and many files.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const hostile = '</details><img src=x onerror=alert(1)> @octocat';

function planRun(apiUrl: string, workspace: Record<string, string>) {
  return runAction({
    inputs: { mode: 'plan', 'github-token': 'ghs_test' },
    workspace,
    event: pullRequestEvent(7),
    env: { GITHUB_API_URL: apiUrl },
  });
}

test('a hostile alarm name appears harmless in the comment', async () => {
  const path = 'rollouts/fraud.rollout.yaml';
  const text = canary.replace('[fraud-5xx, fraud-latency-p99]', `["${hostile}", fraud-5xx]`);
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: { [baseSha]: { [path]: canary } },
  });
  try {
    const run = await planRun(github.url, { [path]: text });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const body = github.comments[0]?.body ?? '';
    assert.match(body, /### ✅ rollouts\/fraud\.rollout\.yaml/);
    assert.doesNotMatch(body, /<img/i);
    assert.doesNotMatch(body, /@octocat/);
    assert.equal(
      body.split('<details>').length,
      body.split('</details>').length,
      'every <details> is ours and closed',
    );
    assert.match(
      body,
      /\*\*Changes:\*\* alarm &lt;\/details&gt;&lt;img src=x onerror=alert\\\(1\\\)&gt; @\u200boctocat/,
    );
    assert.doesNotMatch(run.summary, /<img/i);
  } finally {
    await github.stop();
  }
});

test('sixty changed rollout files: one comment under 65,536 characters, the cut noted', async () => {
  const files = Array.from({ length: 60 }, (_, i) => `rollouts/r${String(i).padStart(2, '0')}.rollout.yaml`);
  const workspace = Object.fromEntries(
    files.map((f, i) => [f, canary.replace('fraud-detector-prod', `fraud-${i}`)]),
  );
  const github = await startGitHubDouble({ files: files.map((filename) => ({ filename })), maxPerPage: 25 });
  try {
    const run = await planRun(github.url, workspace);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments.length, 1);
    const body = github.comments[0]?.body ?? '';
    assert.ok(body.length <= 65_536, `${body.length} characters`);
    assert.equal(body.split('\n### ').length - 1, 60, 'every file keeps its headline');
    assert.match(
      body,
      /Cut to fit GitHub's 65,536-character comment limit:\*\* the full plans of \d+ files left out/,
    );
    assert.match(
      body,
      /\[this run's job summary\]\(https:\/\/github\.com\/owner\/repo\/actions\/runs\/4242\)/,
    );
    assert.equal(run.summary.split('<summary>Plan:').length - 1, 60, 'the job summary has every plan');
    assert.equal(JSON.parse(run.outputs.plan ?? '[]').length, 60);
    const pages = github.requests
      .filter((r) => r.path.endsWith('/pulls/7/files'))
      .map((r) => r.query.page ?? '1');
    assert.deepEqual(pages, ['1', '2', '3'], 'the file list is read page by page');
  } finally {
    await github.stop();
  }
});

test('a job summary over 1 MiB in UTF-8 is cut to it, with a note', async () => {
  const name = '漢'.repeat(390_000); // 390,000 characters, 1,170,000 bytes
  const run = await runAction({
    inputs: { mode: 'plan' },
    workspace: { 'rollouts/cjk.rollout.yaml': canary.replace('name: fraud-detector', `name: ${name}`) },
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: 'abc' },
  });
  assert.equal(run.code, 0, run.stdout.slice(0, 2000) + run.stderr);
  const bytes = Buffer.byteLength(run.summary, 'utf8');
  assert.ok(bytes <= 1_048_576, `${bytes} bytes`);
  assert.match(run.summary, /Cut to fit GitHub's 1,048,576-byte job summary limit/);
  assert.equal(JSON.parse(run.outputs.plan ?? '[]').length, 1, 'the plan output keeps the plan');
});
