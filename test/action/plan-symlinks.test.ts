import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { headSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// A pull request can add a rollout file that is a symbolic link to another file of the checkout. The action must
// report it as a finding at its path and show nothing of what it points to: not in annotations, not in the
// comment, not in the job summary. The links are real, in a temporary checkout; the bundle runs as a process.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const secrets = 'DATABASE_PASSWORD_KEY: hunter2\nSTRIPE_LIVE_SECRET: sk_live_123\n';
const leaked = /DATABASE_PASSWORD_KEY|STRIPE_LIVE_SECRET|hunter2|sk_live_123/;

const cases: {
  name: string;
  path: string;
  workspace: Record<string, string>;
  symlinks: Record<string, string>;
}[] = [
  {
    name: 'a rollout file linked to a file inside the checkout',
    path: 'rollouts/x.rollout.yaml',
    workspace: { 'deploy/.env.yaml': secrets, 'rollouts/ok.rollout.yaml': canary },
    symlinks: { 'rollouts/x.rollout.yaml': '../deploy/.env.yaml' },
  },
  {
    name: 'a rollout file reached through a linked folder',
    path: 'linked/env.rollout.yaml',
    workspace: { 'deploy/env.rollout.yaml': secrets },
    symlinks: { linked: 'deploy' },
  },
];

for (const row of cases)
  test(`plan mode: ${row.name} is a not-a-file finding, without its content`, async () => {
    const github = await startGitHubDouble({ files: [{ filename: row.path }] });
    try {
      const run = await runAction({
        inputs: { mode: 'plan', 'github-token': 'ghs_test' },
        workspace: row.workspace,
        symlinks: row.symlinks,
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: github.url },
      });
      assert.equal(run.code, 1, 'a finding at error fails the step');
      const body = github.comments[0]?.body ?? '';
      for (const text of [body, run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)])
        assert.doesNotMatch(text, leaked);
      assert.match(run.stdout, new RegExp(`::error title=Shiftwise not-a-file.*file=${row.path}`));
      assert.match(body, /`not-a-file`/);
      assert.ok(
        !github.requests.some((r) => r.query.ref === headSha),
        'not read through the API either (it follows links)',
      );
    } finally {
      await github.stop();
    }
  });

// On pull_request_target the checkout holds the base branch, so the head is read through the contents API, which
// follows a link to a file of the repository (answering the target under its own path) and answers any other link
// as `type: symlink`. Either is the same not-a-file finding as a link in the checkout, never a green step.
const targetCases: { name: string; links: Record<string, string>; contents: Record<string, string> }[] = [
  {
    name: 'a link to a file of the repository',
    links: { 'rollouts/x.rollout.yaml': '../deploy/.env.yaml' },
    contents: { 'deploy/.env.yaml': secrets },
  },
  {
    name: 'a link outside the repository',
    links: { 'rollouts/x.rollout.yaml': '/proc/self/environ' },
    contents: {},
  },
];

for (const row of targetCases)
  test(`pull_request_target: ${row.name} at the head commit is a not-a-file finding`, async () => {
    const github = await startGitHubDouble({
      files: [{ filename: 'rollouts/x.rollout.yaml', status: 'added' }],
      contents: { [headSha]: row.contents },
      links: { [headSha]: row.links },
    });
    try {
      const run = await runAction({
        inputs: { mode: 'plan', 'github-token': 'ghs_test' },
        workspace: {},
        eventName: 'pull_request_target',
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: github.url },
      });
      assert.equal(run.code, 1, 'a finding at error fails the step');
      assert.equal(run.outputs.outcome, 'invalid');
      assert.match(
        run.stdout,
        /::error title=Shiftwise not-a-file.*file=rollouts\/x\.rollout\.yaml,.*::.*symbolic link/,
      );
      const body = github.comments[0]?.body ?? '';
      assert.match(body, /`not-a-file`/);
      for (const text of [body, run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)])
        assert.doesNotMatch(text, leaked);
    } finally {
      await github.stop();
    }
  });

test('plan mode off a pull request: a linked rollout file in the checkout is reported, not read', async () => {
  const run = await runAction({
    inputs: { mode: 'plan', 'github-token': 'ghs_test' },
    workspace: { 'deploy/.env.yaml': secrets, 'rollouts/ok.rollout.yaml': canary },
    symlinks: { 'rollouts/x.rollout.yaml': '../deploy/.env.yaml' },
    eventName: 'push',
    event: {},
  });
  assert.equal(run.code, 1);
  for (const text of [run.stdout, run.summary]) assert.doesNotMatch(text, leaked);
  assert.match(run.stdout, /::error title=Shiftwise not-a-file.*file=rollouts\/x\.rollout\.yaml/);
  assert.equal(JSON.parse(run.outputs.plan ?? '[]').length, 1, 'the regular file is still planned');
});

test('deploy mode refuses a linked rollout file before anything is sent', async () => {
  const run = await runAction({
    inputs: { mode: 'deploy', files: 'rollouts/x.rollout.yaml' },
    workspace: { 'deploy/.env.yaml': secrets },
    symlinks: { 'rollouts/x.rollout.yaml': '../deploy/.env.yaml' },
    eventName: 'workflow_dispatch',
    event: {},
  });
  assert.equal(run.code, 1);
  assert.doesNotMatch(run.stdout + run.stderr + run.summary, leaked);
  assert.equal(run.outputs.outcome, 'failed');
  assert.match(run.stdout, /::error title=Shiftwise not-a-file,file=rollouts\/x\.rollout\.yaml::/);
});
