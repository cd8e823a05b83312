import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { baseSha, headSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode end to end: which file versions it compares and which comment it treats as its own.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const path = 'rollouts/fraud.rollout.yaml';
const marker = '<!-- shiftwise-plan -->';

function planRun(apiUrl: string, options: { eventName?: string; workspace?: Record<string, string> } = {}) {
  return runAction({
    inputs: { mode: 'plan', 'github-token': 'ghs_test' },
    workspace: options.workspace ?? { [path]: canary.replace('size: 25%', 'size: 50%') },
    eventName: options.eventName ?? 'pull_request',
    event: pullRequestEvent(7),
    env: { GITHUB_API_URL: apiUrl },
  });
}

test('pull_request_target: the checkout holds the base branch, so the head is read through the API', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: {
      [baseSha]: { [path]: canary },
      [headSha]: { [path]: canary.replace('size: 25%', 'size: 50%') },
    },
  });
  try {
    const run = await planRun(github.url, {
      eventName: 'pull_request_target',
      workspace: { [path]: canary },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(github.comments[0]?.body ?? '', /\*\*Changes:\*\* canary 25% → 50%/);
    const refs = github.requests.filter((r) => r.path.includes('/contents/')).map((r) => r.query.ref);
    assert.deepEqual(refs.sort(), [baseSha, headSha].sort());
  } finally {
    await github.stop();
  }
});

test("a user's comment that carries the marker is left alone: the action writes its own", async () => {
  const user = { login: 'mallory', type: 'User' };
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    comments: [{ body: `${marker}\nAll clear, nothing changes.`, user }],
  });
  try {
    const run = await planRun(github.url);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments[0]?.body, `${marker}\nAll clear, nothing changes.`);
    assert.equal(github.comments.length, 2);
    assert.equal(github.comments[1]?.user.type, 'Bot');
    assert.equal(run.outputs['comment-url'], github.comments[1]?.html_url);
    assert.ok(
      github.requests.some((r) => r.path === '/graphql'),
      'asked whose token this is',
    );
    assert.ok(!github.requests.some((r) => r.method === 'PATCH'), 'never edits a comment of someone else');
  } finally {
    await github.stop();
  }
});

test("another bot's comment that carries the marker is left alone: the action writes its own", async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    comments: [{ body: `${marker}\nAll clear.`, user: { login: 'some-other-app[bot]', type: 'Bot' } }],
  });
  try {
    const run = await planRun(github.url);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(!github.requests.some((r) => r.method === 'PATCH'), "the other bot's comment is not patched");
    assert.equal(github.comments[0]?.body, `${marker}\nAll clear.`);
    assert.equal(github.comments.length, 2);
    assert.equal(github.comments[1]?.user.login, 'github-actions[bot]');
    assert.equal(run.outputs['comment-url'], github.comments[1]?.html_url);
  } finally {
    await github.stop();
  }
});

test("a GitHub App's token updates its own bot's marked comment, not the workflow token's", async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    tokenBot: 'shiftwise-app[bot]',
    comments: [
      { body: `${marker}\nby the workflow token`, user: { login: 'github-actions[bot]', type: 'Bot' } },
      { body: `${marker}\nold plan`, user: { login: 'shiftwise-app[bot]', type: 'Bot' } },
    ],
  });
  try {
    const run = await planRun(github.url);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments.length, 2, 'never a second comment of ours');
    assert.equal(github.comments[0]?.body, `${marker}\nby the workflow token`);
    assert.match(github.comments[1]?.body ?? '', /canary 25% → 50%|New rollout file/);
  } finally {
    await github.stop();
  }
});

test('when GitHub does not say who the token is, no marked comment is adopted: a new one is written', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    graphqlRefused: true,
    comments: [{ body: `${marker}\nold plan` }],
  });
  try {
    const run = await planRun(github.url);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(!github.requests.some((r) => r.method === 'PATCH'));
    assert.equal(github.comments.length, 2);
    assert.ok(
      github.requests.some((r) => r.path === '/user'),
      'asked REST after GraphQL',
    );
  } finally {
    await github.stop();
  }
});

test('a personal access token updates the marked comment of its own user', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    tokenUser: 'release-bot-user',
    comments: [
      { body: `${marker}\nforged`, user: { login: 'mallory', type: 'User' } },
      { body: `${marker}\nold plan`, user: { login: 'release-bot-user', type: 'User' } },
    ],
  });
  try {
    const run = await planRun(github.url);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments.length, 2, 'never a second comment of ours');
    assert.equal(github.comments[0]?.body, `${marker}\nforged`);
    assert.match(github.comments[1]?.body ?? '', /canary 25% → 50%|New rollout file/);
  } finally {
    await github.stop();
  }
});

test('a renamed rollout file is compared with its old path on the base branch', async () => {
  const old = 'rollouts/fraud-old.rollout.yaml';
  const github = await startGitHubDouble({
    files: [{ filename: path, status: 'renamed', previous_filename: old }],
    contents: { [baseSha]: { [old]: canary } },
  });
  try {
    const run = await planRun(github.url);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(github.comments[0]?.body ?? '', /\*\*Changes:\*\* canary 25% → 50%/);
    const base = github.requests.find((r) => r.query.ref === baseSha);
    assert.equal(decodeURIComponent(base?.path ?? ''), `/repos/owner/repo/contents/${old}`);
  } finally {
    await github.stop();
  }
});

test('a deleted rollout file is listed, with what deleting it means', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path, status: 'removed' }, { filename: 'README.md' }],
    contents: { [baseSha]: { [path]: canary } },
  });
  try {
    const run = await planRun(github.url, { workspace: {} });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const body = github.comments[0]?.body ?? '';
    assert.match(body, /## Shiftwise rollout plan · 1 rollout file removed\n\n🗑️ 1 removed\n/);
    assert.match(body, /### 🗑️ Removed: 1 rollout file\n\nDeleting a rollout file deploys nothing/);
    assert.match(body, /^- rollouts\/fraud\.rollout\.yaml$/m);
    assert.equal(run.outputs.plan, '[]');
    assert.ok(!github.requests.some((r) => r.path.includes('/contents/')), 'a deleted file is not read');
  } finally {
    await github.stop();
  }
});
