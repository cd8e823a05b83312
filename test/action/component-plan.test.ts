import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { componentExampleRequest } from '../../core/test/support/examples.js';
import { startGitHubDouble } from '../support/github-double.js';
import { baseSha, pullRequestEvent, repoRoot, runAction } from './run-action.js';

// Plan mode end to end on an inference component: the bundled action against the GitHub double, as a pull
// request's workflow runs it. The sticky comment names the component, counts copies and collapses the exact
// UpdateInferenceComponent request; against the base branch it says which model changed.

const component = readFileSync(`${repoRoot}/examples/sagemaker-inference-component.rollout.yaml`, 'utf8');
const path = 'rollouts/chat.rollout.yaml';

function planRun(apiUrl: string, workspace: Record<string, string>) {
  return runAction({
    inputs: { mode: 'plan', 'github-token': 'ghs_test' },
    workspace,
    event: pullRequestEvent(9),
    env: { GITHUB_API_URL: apiUrl },
  });
}

/** The JSON inside the comment's collapsed request, as GitHub would show it. */
function requestIn(body: string): unknown {
  const match =
    /<details><summary>UpdateInferenceComponent request<\/summary>\n\n(`{3,})json\n([\s\S]*?)\n\1\n/.exec(
      body,
    );
  assert.ok(match, 'the request is collapsed under its operation');
  return JSON.parse(match[2] ?? '');
}

test('a new inference-component file: the comment names the component, counts copies, holds the request', async () => {
  const github = await startGitHubDouble({ files: [{ filename: path, status: 'added' }] });
  try {
    const run = await planRun(github.url, { [path]: component });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments.length, 1);
    const body = github.comments[0]?.body ?? '';
    assert.match(body, /^### ✅ rollouts\/chat\.rollout\.yaml — 4 batches · 20 min · peak 10 copies$/m);
    assert.match(body, /^#### chat · sagemaker rolling · inference component chat-ic on llm-prod$/m);
    assert.match(body, /peak \*\*10 copies\*\* · capacity 8 copies/);
    assert.match(body, /\*\*Extra copy-minutes:\*\* 40\./);
    assert.match(body, /New rollout file/);
    assert.doesNotMatch(body, /instance-minutes|UpdateEndpoint request/);
    assert.deepEqual(requestIn(body), componentExampleRequest);
    const [planned] = JSON.parse(run.outputs.plan ?? '[]');
    assert.deepEqual(
      [planned.target, planned.endpoint, planned.peakInstances],
      ['inference-component', 'llm-prod', 10],
    );
    assert.match(run.summary, /inference component chat-ic on llm-prod/);
  } finally {
    await github.stop();
  }
});

test('a new model for the component: the diff names it', async () => {
  const github = await startGitHubDouble({
    files: [{ filename: path }],
    contents: { [baseSha]: { [path]: component.replace('chat-model-v8', 'chat-model-v7') } },
  });
  try {
    const run = await planRun(github.url, { [path]: component });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const body = github.comments[0]?.body ?? '';
    assert.match(body, /^\*\*Changes:\*\* model chat-model-v7 → chat-model-v8\.$/m);
  } finally {
    await github.stop();
  }
});
