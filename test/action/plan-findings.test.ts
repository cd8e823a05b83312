import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startGitHubDouble } from '../support/github-double.js';
import { pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode end to end: findings become annotations at file:line:col and fail the step per `fail-on`.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const path = 'rollouts/fraud.rollout.yaml';

function planRun(apiUrl: string, workspace: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction({
    inputs: { mode: 'plan', 'github-token': 'ghs_test', ...inputs },
    workspace,
    event: pullRequestEvent(7),
    env: { GITHUB_API_URL: apiUrl },
  });
}

test('an error: annotation at file:line:col with the rule code, comment still written, exit 1', async () => {
  const github = await startGitHubDouble({ files: [{ filename: path }] });
  try {
    const run = await planRun(github.url, { [path]: canary.replace('size: 25%', 'size: 70%') });
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^::error title=Shiftwise canary-size[^,]*,file=rollouts\/fraud\.rollout\.yaml,line=12,endLine=12,col=9,endColumn=12::.*50%.* \[canary-size\]$/m,
    );
    assert.match(run.stdout, /^::error::1 rollout file has errors: rollouts\/fraud\.rollout\.yaml/m);
    assert.equal(run.outputs.outcome, 'invalid');
    assert.match(
      github.comments[0]?.body ?? '',
      /### ❌ rollouts\/fraud\.rollout\.yaml — 1 error: not planned/,
    );
    assert.match(github.comments[0]?.body ?? '', /- \*\*error\*\* at 12:9: /);
  } finally {
    await github.stop();
  }
});

test('warnings pass under fail-on: error and fail under fail-on: warning', async () => {
  const noAlarms = canary.replace(/rollback:\n.*\n?/, '');
  const github = await startGitHubDouble({ files: [{ filename: path }] });
  try {
    const lenient = await planRun(github.url, { [path]: noAlarms });
    assert.equal(lenient.code, 0, lenient.stdout);
    assert.match(
      lenient.stdout,
      /^::warning title=Shiftwise [^:]+.*,file=rollouts\/fraud\.rollout\.yaml,line=\d+/m,
    );
    assert.equal(lenient.outputs.outcome, 'planned');
    const strict = await planRun(github.url, { [path]: noAlarms }, { 'fail-on': 'warning' });
    assert.equal(strict.code, 1);
    assert.equal(strict.outputs.outcome, 'invalid');
    assert.equal(github.comments.length, 1);
  } finally {
    await github.stop();
  }
});

test('a pull request without rollout files: no comment, no failure', async () => {
  const github = await startGitHubDouble({ files: [{ filename: 'README.md' }] });
  try {
    const run = await planRun(github.url, {});
    assert.equal(run.code, 0, run.stdout);
    assert.equal(github.comments.length, 0);
    assert.deepEqual(
      github.requests.filter((r) => r.method !== 'GET'),
      [],
    );
  } finally {
    await github.stop();
  }
});

test('a later push without rollout files updates the existing comment to say so', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: 'README.md' }],
    comments: [{ body: 'LGTM' }, { body: '<!-- shiftwise-plan -->\nold plan' }],
  });
  try {
    const run = await planRun(github.url, {});
    assert.equal(run.code, 0, run.stdout);
    assert.equal(github.comments.length, 2);
    assert.equal(github.comments[0]?.body, 'LGTM');
    assert.match(github.comments[1]?.body ?? '', /no longer changes any rollout file/);
  } finally {
    await github.stop();
  }
});

// A `files` input written from the repository root (`./rollouts/…`, `/rollouts/…`), as a folder, or as excludes
// alone still finds the broken file; one that matches none of the changed rollout files says so, in a warning and
// in the summary's headline. The warning explains how globs are written only when that may be the cause (a pattern
// from `./` or `/`, or nothing in the checkout matches), not for a workflow that covers another folder on purpose.
const filesInputs: { files: string; checked: boolean; elsewhere?: boolean; hint?: boolean }[] = [
  { files: './rollouts/*.rollout.yaml', checked: true },
  { files: '/rollouts/*.rollout.yaml', checked: true },
  { files: 'rollouts/', checked: true },
  { files: '!**/drafts/**', checked: true },
  { files: 'deploy/*.rollout.yaml', checked: false, hint: true },
  { files: 'deploy/*.rollout.yaml', checked: false, elsewhere: true, hint: false },
  { files: './deploy/*.rollout.yaml', checked: false, elsewhere: true, hint: true },
];

for (const row of filesInputs)
  test(`files: ${row.files}${row.elsewhere ? ' (matching deploy/ in the checkout)' : ''} ${row.checked ? 'checks' : 'warns it matches none of'} the changed rollout file`, async () => {
    const github = await startGitHubDouble({ files: [{ filename: path }] });
    try {
      const run = await planRun(
        github.url,
        {
          [path]: canary.replace('size: 25%', 'size: 95%'),
          ...(row.elsewhere && { 'deploy/other.rollout.yaml': canary }),
        },
        { files: row.files },
      );
      if (row.checked) {
        assert.equal(run.code, 1, run.stdout);
        assert.match(run.stdout, /^::error title=Shiftwise canary-size/m);
        return;
      }
      assert.equal(run.code, 0, run.stdout);
      const warning = run.stdout.split('\n').find((l) => l.startsWith('::warning::')) ?? '';
      assert.ok(
        warning.startsWith(
          `::warning::The files input (${row.files}) matches none of the rollout files this pull request changes (rollouts/fraud.rollout.yaml), so none was checked.`,
        ),
        warning,
      );
      assert.equal(/Globs are relative to the repository root/.test(warning), row.hint, warning);
      assert.match(
        run.summary,
        /This pull request changes 1 rollout file, but the files input \(\.?\/?deploy\/\\\*\.rollout\.yaml\) does not match it, so it was not checked/,
      );
      assert.doesNotMatch(run.summary, /no longer changes/);
    } finally {
      await github.stop();
    }
  });

test('on a push, a files input that matches nothing in the checkout says so in the summary', async () => {
  const run = await runAction({
    inputs: { mode: 'plan', files: 'deploy/' },
    workspace: { [path]: canary },
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: 'abc' },
  });
  assert.equal(run.code, 0, run.stdout);
  assert.match(
    run.stdout,
    /^::warning::The files input \(deploy\/\) matches no file in the checkout, so nothing was checked\. Globs are relative/m,
  );
  assert.match(
    run.summary,
    /No file in the checkout matches the files input \(deploy\/\), so nothing was checked/,
  );
  assert.doesNotMatch(run.summary, /pull request no longer/);
});

test('comment: false writes only the job summary', async () => {
  const github = await startGitHubDouble({ files: [{ filename: path }] });
  try {
    const run = await planRun(github.url, { [path]: canary }, { comment: 'false' });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(
      github.requests.map((r) => r.path).filter((p) => p.includes('comments')),
      [],
    );
    assert.match(run.summary, /### ✅ rollouts\/fraud\.rollout\.yaml/);
  } finally {
    await github.stop();
  }
});

test('a rollout file that is a symlink out of the checkout is not read: a not-a-file finding', async () => {
  const github = await startGitHubDouble({ files: [{ filename: 'leak.rollout.yaml' }] });
  try {
    const run = await runAction({
      inputs: { mode: 'plan', 'github-token': 'ghs_test' },
      symlinks: { 'leak.rollout.yaml': '/proc/self/environ' },
      event: pullRequestEvent(7),
      env: { GITHUB_API_URL: github.url, SECRET_IN_ENV: 'hunter2' },
    });
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /::error title=Shiftwise not-a-file.*file=leak\.rollout\.yaml.*symbolic link/);
    assert.doesNotMatch(run.stdout + run.summary + JSON.stringify(github.requests), /hunter2/);
  } finally {
    await github.stop();
  }
});

test('on a push: every rollout file in the checkout, summary only, no token, no API call', async () => {
  const github = await startGitHubDouble();
  try {
    const run = await runAction({
      inputs: { mode: 'plan' }, // no token needed off pull requests
      workspace: { [path]: canary, 'other/b.rollout.yaml': canary, 'node_modules/x/c.rollout.yaml': canary },
      eventName: 'push',
      event: { ref: 'refs/heads/main', after: 'abc' },
      env: { GITHUB_API_URL: github.url },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(github.requests.length, 0);
    assert.match(run.summary, /2 rollout files/);
    assert.doesNotMatch(run.summary, /New rollout file|No change/, 'nothing was compared on a push');
    assert.deepEqual(
      JSON.parse(run.outputs.plan ?? '[]').map((p: { file: string }) => p.file),
      ['other/b.rollout.yaml', path],
    );
  } finally {
    await github.stop();
  }
});

test('a pull request without a token fails saying what to pass', async () => {
  const run = await runAction({ inputs: { mode: 'plan' }, event: pullRequestEvent(7) });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /::error::input 'github-token' is empty: plan mode reads a pull request's files/);
});

test('a bad input fails the step naming the valid values', async () => {
  const run = await runAction({ inputs: { mode: 'apply' }, event: pullRequestEvent(7) });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /::error::input 'mode' is 'apply': expected one of 'plan', 'deploy'/);
});

// A fleet the planner cannot hold once crashed plan mode (a Vertex AI capacity of 2^53 − 1 threw, 2^31 − 1 ran out
// of memory) and left the previous "No change" comment in place. Each is now a capacity-range finding: the comment
// the action wrote before says so, and the step fails with exit 1 (not SIGABRT).
const vertex = readFileSync(`${repoRoot}/examples/vertex-rolling.rollout.yaml`, 'utf8');
const hugeFleets: { name: string; path: string; text: string; line: number }[] = [
  {
    name: 'a Vertex AI capacity of 2^53 − 1',
    path: 'rollouts/sentiment.rollout.yaml',
    text: vertex.replace(/^capacity: \d+$/m, 'capacity: 9007199254740991'),
    line: vertex.split('\n').findIndex((l) => l.startsWith('capacity:')) + 1,
  },
  {
    name: "a SageMaker canary's capacity of 2^31 − 1",
    path,
    text: canary.replace(/^capacity: \d+$/m, 'capacity: 2147483647'),
    line: canary.split('\n').findIndex((l) => l.startsWith('capacity:')) + 1,
  },
];

for (const row of hugeFleets)
  test(`${row.name}: the action's earlier comment now shows the capacity-range error, the step fails`, async () => {
    assert.notEqual(row.line, 0, 'the example states a capacity');
    const github = await startGitHubDouble({
      files: [{ filename: row.path }],
      comments: [
        { body: '<!-- shiftwise-plan -->\n**No change** to the plan compared with the base branch' },
      ],
    });
    try {
      const run = await planRun(github.url, { [row.path]: row.text });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, new RegExp(`^::error title=Shiftwise capacity-range.*line=${row.line},`, 'm'));
      assert.equal(github.comments.length, 1, 'the earlier comment is updated, not left beside a new one');
      const body = github.comments[0]?.body ?? '';
      assert.doesNotMatch(body, /No change/);
      assert.match(
        body,
        new RegExp(`- \\*\\*error\\*\\* at ${row.line}:11: 'capacity' is \\d+;.* \`capacity-range\`$`, 'm'),
      );
      assert.ok(github.requests.some((r) => r.method === 'PATCH'));
    } finally {
      await github.stop();
    }
  });

test('a file the files input takes in that is not named like a rollout file and has errors gets a word of why', async () => {
  const k8s = 'deploy/k8s.yaml';
  const github = await startGitHubDouble({ files: [{ filename: k8s }, { filename: path }] });
  try {
    const run = await planRun(
      github.url,
      { [k8s]: 'apiVersion: apps/v1\nkind: Deployment\n', [path]: canary },
      { files: 'deploy/*.yaml, rollouts/*.yaml' },
    );
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^::warning title=Shiftwise%3A not a rollout file\?,file=deploy\/k8s\.yaml::deploy\/k8s\.yaml is not named like a rollout file .*leave it out of the action's `files` input/m,
    );
    assert.doesNotMatch(
      run.stdout,
      /file=rollouts\/fraud\.rollout\.yaml::rollouts\/fraud\.rollout\.yaml is not named/,
    );
  } finally {
    await github.stop();
  }
});
