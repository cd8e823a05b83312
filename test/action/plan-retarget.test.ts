import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pullRequestComment, repoRoot } from './run-action.js';

// A pull request that only moves a rollout to another region, project, location or endpoint deploys somewhere
// else: the comment's diff must say so, never "No change".

const example = (name: string) => readFileSync(`${repoRoot}/examples/${name}`, 'utf8');

const rows: { name: string; file: string; from: string; to: string; words: RegExp }[] = [
  {
    name: 'SageMaker region',
    file: 'sagemaker-canary.rollout.yaml',
    from: 'region: us-east-1',
    to: 'region: eu-west-1',
    words: /\*\*Changes:\*\* region us-east-1 → eu-west-1\./,
  },
  {
    name: 'SageMaker endpoint',
    file: 'sagemaker-canary.rollout.yaml',
    from: 'endpoint: fraud-detector-prod',
    to: 'endpoint: fraud-detector-dr',
    words: /\*\*Changes:\*\* endpoint fraud-detector-prod → fraud-detector-dr\./,
  },
  {
    name: 'Vertex AI project',
    file: 'vertex-rolling.rollout.yaml',
    from: 'project: acme-ml-prod',
    to: 'project: acme-ml-other',
    words: /\*\*Changes:\*\* project acme-ml-prod → acme-ml-other\./,
  },
  {
    name: 'Vertex AI location',
    file: 'vertex-rolling.rollout.yaml',
    from: 'location: us-central1',
    to: 'location: europe-west4',
    words: /\*\*Changes:\*\* location us-central1 → europe-west4\./,
  },
  {
    name: 'Vertex AI endpoint',
    file: 'vertex-rolling.rollout.yaml',
    from: 'endpoint: "1234567890123456789"',
    to: 'endpoint: "42"',
    words: /\*\*Changes:\*\* endpoint 1234567890123456789 → 42\./,
  },
];

for (const row of rows)
  test(`plan mode: a pull request changing only the ${row.name} shows it in the comment's diff`, async () => {
    const path = `rollouts/${row.file}`;
    const base = example(row.file);
    const head = base.replace(row.from, row.to);
    assert.notEqual(head, base);
    const { body, run } = await pullRequestComment(path, base, head);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(body, /No change/);
    assert.match(body, row.words);
  });
