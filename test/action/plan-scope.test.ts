import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type PullFile, startGitHubDouble } from '../support/github-double.js';
import { baseSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode on which files a pull request brings into view, and which it takes out of it.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');

const moves: { name: string; files: string; from: string; to: string; listed: RegExp }[] = [
  {
    name: 'to a folder outside the files input',
    files: 'rollouts/',
    from: 'rollouts/fraud.rollout.yaml',
    to: 'archive/fraud.rollout.yaml',
    listed: /^- rollouts\/fraud\.rollout\.yaml → archive\/fraud\.rollout\.yaml$/m,
  },
  {
    name: 'to a name that is no rollout file',
    files: '**/*.rollout.{yaml,yml,json}',
    from: 'rollouts/fraud.rollout.yaml',
    to: 'rollouts/fraud.rollout.yaml.bak',
    listed: /^- rollouts\/fraud\.rollout\.yaml → rollouts\/fraud\.rollout\.yaml\.bak$/m,
  },
];

for (const row of moves)
  test(`a rollout file renamed ${row.name} is listed as gone from the files checked`, async () => {
    const github = await startGitHubDouble({
      files: [{ filename: row.to, status: 'renamed', previous_filename: row.from }],
      contents: { [baseSha]: { [row.from]: canary } },
    });
    try {
      const run = await runAction({
        inputs: { mode: 'plan', 'github-token': 'ghs_test', files: row.files },
        workspace: { [row.to]: canary },
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: github.url },
      });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(github.comments.length, 1, 'a comment says so, as for a deleted file');
      const body = github.comments[0]?.body ?? '';
      assert.match(body, /🗑️ 1 removed/);
      assert.match(body, row.listed);
    } finally {
      await github.stop();
    }
  });

test('a pull request over the 3,000 files GitHub lists: a warning and a note that not every file was checked', async () => {
  const files: PullFile[] = [
    { filename: 'rollouts/fraud.rollout.yaml', status: 'added' },
    ...Array.from({ length: 2999 }, (_, i) => ({ filename: `vendor/lib/${i}.js` })),
  ];
  const github = await startGitHubDouble({ files });
  const event = pullRequestEvent(7) as { pull_request: Record<string, unknown> };
  event.pull_request.changed_files = 3200;
  try {
    const run = await runAction({
      inputs: { mode: 'plan', 'github-token': 'ghs_test' },
      workspace: { 'rollouts/fraud.rollout.yaml': canary },
      event,
      env: { GITHUB_API_URL: github.url },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^::warning::This pull request changes 3,200 files and GitHub lists only the first 3,000: rollout files among the rest were not checked\./m,
    );
    const note =
      /⚠️ \*\*Not every file was checked:\*\* GitHub lists the first 3,000 files of a pull request, and rollout files among the other 200 files were not checked\./;
    assert.match(github.comments[0]?.body ?? '', note);
    assert.ok((github.comments[0]?.body.length ?? 0) <= 65_536);
    assert.match(run.summary, note);
  } finally {
    await github.stop();
  }
});
