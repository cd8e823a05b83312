import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoRoot, runAction } from './run-action.js';

// A repository's own `dist/` folders hold rollout files like any other folder: only dependencies (`node_modules`),
// git's folder and the action's own bundle are out of scope.

const canary = readFileSync(`${repoRoot}/examples/sagemaker-canary.rollout.yaml`, 'utf8');
const invalid = canary.replace('size: 25%', 'size: 90%');

test('plan mode off a pull request checks rollout files under a dist/ folder', async () => {
  const run = await runAction({
    inputs: { mode: 'plan' },
    workspace: { 'rollouts/ok.rollout.yaml': canary, 'services/api/dist/bad.rollout.yaml': invalid },
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: 'abc' },
  });
  assert.equal(run.code, 1, run.stdout);
  assert.match(
    run.stdout,
    /::error title=Shiftwise canary-size.*file=services\/api\/dist\/bad\.rollout\.yaml/,
  );
  assert.match(run.summary, /2 rollout files/);
});

test('deploy mode can target a rollout file under a dist/ folder', async () => {
  const run = await runAction({
    inputs: { mode: 'deploy', files: 'dist/prod.rollout.yaml' },
    workspace: { 'dist/prod.rollout.yaml': invalid },
    eventName: 'workflow_dispatch',
    event: {},
  });
  assert.equal(run.code, 1);
  assert.doesNotMatch(run.stdout, /no rollout file in the checkout matches/);
  assert.match(run.stdout, /dist\/prod\.rollout\.yaml has 1 error .*nothing was deployed/);
});
