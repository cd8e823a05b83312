import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffPlans, renderPlanDiffMarkdown } from '../../src/index.js';
import { exampleText as example } from '../support/examples.js';
import { planOf } from '../support/plan-of.js';

// Retargeting is the change a reviewer must never miss: a file moved to another region, project, location or
// endpoint deploys somewhere else. Each row edits only that field of an example and reads the diff's words.

const rows: { name: string; file: string; edit: (t: string) => string; words: string }[] = [
  {
    name: 'SageMaker region',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('region: us-east-1', 'region: eu-west-1'),
    words: '**Changes:** region us-east-1 → eu-west-1.',
  },
  {
    name: 'SageMaker region removed (the environment decides)',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('region: us-east-1\n', ''),
    words: '**Changes:** region removed \\(was us-east-1\\).',
  },
  {
    name: "an inference component's region",
    file: 'sagemaker-inference-component.rollout.yaml',
    edit: (t) => t.replace('region: us-east-1', 'region: ap-south-1'),
    words: '**Changes:** region us-east-1 → ap-south-1.',
  },
  {
    name: 'SageMaker endpoint',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('endpoint: fraud-detector-prod', 'endpoint: fraud-detector-staging'),
    words: '**Changes:** endpoint fraud-detector-prod → fraud-detector-staging.',
  },
  {
    name: 'Vertex AI endpoint',
    file: 'vertex-rolling.rollout.yaml',
    edit: (t) => t.replace('endpoint: "1234567890123456789"', 'endpoint: "987"'),
    words: '**Changes:** endpoint 1234567890123456789 → 987.',
  },
  {
    name: 'Vertex AI project',
    file: 'vertex-rolling.rollout.yaml',
    edit: (t) => t.replace('project: acme-ml-prod', 'project: acme-ml-dev'),
    words: '**Changes:** project acme-ml-prod → acme-ml-dev.',
  },
  {
    name: 'Vertex AI location',
    file: 'vertex-rolling.rollout.yaml',
    edit: (t) => t.replace('location: us-central1', 'location: europe-west4'),
    words: '**Changes:** location us-central1 → europe-west4.',
  },
];

for (const row of rows)
  test(`diff names the new target: ${row.name}`, () => {
    const text = example(row.file);
    const edited = row.edit(text);
    assert.notEqual(edited, text, 'the edit applies');
    assert.equal(renderPlanDiffMarkdown(diffPlans(planOf(text), planOf(edited))), row.words);
  });
