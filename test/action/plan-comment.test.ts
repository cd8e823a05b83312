import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { baseSha, headSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode end to end: the bundled action against the GitHub double, as a pull request's workflow runs it.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const path = 'rollouts/fraud.rollout.yaml';
const biggerCanary = canary.replace('size: 25%', 'size: 50%');

function planRun(apiUrl: string, workspace: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction({
    inputs: { mode: 'plan', 'github-token': 'ghs_test', ...inputs },
    workspace,
    event: pullRequestEvent(7),
    env: { GITHUB_API_URL: apiUrl },
  });
}

let timings: number[] = [];
before(() => {
  timings = [];
});
after(() => {
  if (timings.length > 0)
    console.log(
      `plan mode on one file, whole process: ${timings.map((t) => `${Math.round(t)} ms`).join(', ')}`,
    );
});

test('first run creates the comment, the second updates the same one', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }, { filename: 'README.md' }],
    contents: { [baseSha]: { [path]: canary } },
  });
  try {
    const first = await planRun(github.url, { [path]: biggerCanary });
    timings.push(first.millis);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(github.comments.length, 1);
    const body = github.comments[0]?.body ?? '';
    assert.match(body, /^<!-- shiftwise-plan -->\n/);
    assert.match(body, /### ✅ rollouts\/fraud\.rollout\.yaml — 2 steps/);
    assert.match(body, /\*\*Changes:\*\* canary 25% → 50%/);
    assert.match(body, /<details><summary>Plan/);
    assert.match(body, /```mermaid/);
    assert.equal(first.outputs['comment-url'], github.comments[0]?.html_url);
    assert.equal(first.outputs.outcome, 'planned');
    const plans = JSON.parse(first.outputs.plan ?? '[]');
    assert.equal(plans.length, 1);
    assert.equal(plans[0].file, path);
    assert.match(first.summary, /Shiftwise rollout plan/);
    const authorized = github.requests.every((r) => r.authorization === 'token ghs_test');
    assert.ok(authorized, 'every request carries the token');
    const base = github.requests.find((r) => decodeURIComponent(r.path).endsWith(`/contents/${path}`));
    assert.equal(base?.query.ref, baseSha);

    const second = await planRun(github.url, { [path]: canary.replace('size: 25%', 'size: 40%') });
    timings.push(second.millis);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.equal(github.comments.length, 1, 'never a second comment');
    assert.match(github.comments[0]?.body ?? '', /canary 25% → 40%/);
    // The GraphQL `viewer` query (whose comment is ours) is a POST that writes nothing.
    const writes = github.requests
      .filter((r) => r.method !== 'GET' && r.path !== '/graphql')
      .map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(writes, [
      'POST /repos/owner/repo/issues/7/comments',
      `PATCH /repos/owner/repo/issues/comments/${github.comments[0]?.id}`,
    ]);
    assert.match(github.comments[0]?.body ?? '', new RegExp(`for ${headSha.slice(0, 7)}`));
  } finally {
    await github.stop();
  }
});

test('a 403 on creating the comment: job summary, a warning, exit 0', async () => {
  const github = await startGitHubDouble({ files: [{ filename: path }], forbidWrites: true });
  try {
    const run = await planRun(github.url, { [path]: canary });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments.length, 0);
    assert.match(run.stdout, /::warning::Shiftwise cannot comment on pull request #7/);
    assert.match(run.summary, /### ✅ rollouts\/fraud\.rollout\.yaml/);
    assert.match(run.summary, /New rollout file/);
    assert.equal(run.outputs['comment-url'], undefined);
  } finally {
    await github.stop();
  }
});

test('a base version over 1 MB is read whole through its blob, not taken for an empty file', async () => {
  // GitHub's contents API leaves out the content of a file over 1 MB (encoding 'none'); the double does the same.
  const padded = (text: string) => `${text}# ${'x'.repeat(1_100_000)}\n`;
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: { [baseSha]: { [path]: padded(canary) } },
  });
  try {
    const run = await planRun(github.url, { [path]: padded(biggerCanary) });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(github.comments[0]?.body ?? '', /\*\*Changes:\*\* canary 25% → 50%/);
    const blobs = github.requests.filter((r) => /\/git\/blobs\//.test(r.path));
    assert.equal(blobs.length, 1, 'one blob read, for the base version');
  } finally {
    await github.stop();
  }
});

test('two copies of our comment (two runs created one each): the first is updated, the other points at it', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: { [baseSha]: { [path]: canary } },
    comments: [
      { body: '<!-- shiftwise-plan -->\nplan of an earlier push' },
      { body: 'Looks good', user: { login: 'octocat', type: 'User' } },
      { body: '<!-- shiftwise-plan -->\nanother plan of an earlier push' },
    ],
  });
  try {
    const run = await planRun(github.url, { [path]: biggerCanary });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const [kept, human, copy] = github.comments;
    assert.match(kept?.body ?? '', /^<!-- shiftwise-plan -->\n[\s\S]*canary 25% → 50%/);
    assert.equal(human?.body, 'Looks good');
    assert.equal(
      copy?.body,
      `<sub>An earlier copy of the Shiftwise plan comment, out of date: the plan is kept up to date [in this comment](${kept?.html_url}).</sub>\n`,
    );
    assert.equal(run.outputs['comment-url'], kept?.html_url);
  } finally {
    await github.stop();
  }
});

test('comment-id: each plan workflow keeps its own comment, and the plain marker never takes a named one', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: { [baseSha]: { [path]: canary } },
  });
  try {
    // Three workflows on one pull request: two named, one without a name; then each runs again.
    const runs: [id: string, size: string][] = [
      ['ml-models', '30%'],
      ['', '35%'],
      ['web.v2', '40%'],
      ['ml-models', '45%'],
      ['', '50%'],
    ];
    for (const [id, size] of runs) {
      const run = await planRun(
        github.url,
        { [path]: canary.replace('size: 25%', `size: ${size}`) },
        {
          'comment-id': id,
        },
      );
      assert.equal(run.code, 0, run.stdout + run.stderr);
    }
    const bodies = github.comments.map((c) => c.body ?? '');
    assert.equal(bodies.length, 3, bodies.map((b) => b.split('\n')[0]).join(' | '));
    const first = (marker: string) => bodies.filter((b) => b.startsWith(`${marker}\n`));
    assert.match(first('<!-- shiftwise-plan: ml-models -->').join(), /canary 25% → 45%/);
    assert.match(first('<!-- shiftwise-plan -->').join(), /canary 25% → 50%/);
    assert.match(first('<!-- shiftwise-plan: web.v2 -->').join(), /canary 25% → 40%/);

    const bad = await planRun(github.url, { [path]: canary }, { 'comment-id': 'ml --> <b>x</b>' });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout + bad.stderr, /input 'comment-id' is 'ml --> <b>x<\/b>': expected 1–64 letters/);
    assert.equal(github.comments.length, 3, 'a bad comment-id writes nothing');
  } finally {
    await github.stop();
  }
});

test('a base version that is no valid rollout: "No comparison", not "New rollout file"', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: { [baseSha]: { [path]: 'version: 1\nprovider: [oops\n' } },
  });
  try {
    const run = await planRun(github.url, { [path]: canary });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const body = github.comments[0]?.body ?? '';
    assert.match(
      body,
      /\*\*No comparison:\*\* the base branch's version of this file is not a valid rollout/,
    );
    assert.doesNotMatch(body, /New rollout file/);
  } finally {
    await github.stop();
  }
});
