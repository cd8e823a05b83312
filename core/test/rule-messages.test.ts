import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRollout } from '../src/index.js';
import { exampleText } from './support/examples.js';

// What a rule's message says for a value, beyond the corpus's codes and positions: one row per case, an example
// edited in one place, and the message of the finding with that code.
const rows: { name: string; file: string; edit: (t: string) => string; code: string; message: RegExp }[] = [
  {
    name: 'a count far under the bound is never 0% of the capacity',
    file: 'sagemaker-linear.rollout.yaml',
    edit: (t) => t.replace(/^capacity: .*/m, 'capacity: 10000').replace(/step: .*/, 'step: 1'),
    code: 'linear-step',
    message: /^'strategy\.step' 1 instance is 0\.01% of capacity 10000; /,
  },
  {
    name: 'a share just under the bound does not round onto it',
    file: 'sagemaker-linear.rollout.yaml',
    edit: (t) => t.replace(/^capacity: .*/m, 'capacity: 21').replace(/step: .*/, 'step: 2'),
    code: 'linear-step',
    message: /^'strategy\.step' 2 instances is 9\.5% of capacity 21; a linear step must be 10–50%/,
  },
  {
    name: 'a Vertex AI project with no nearest name shows an example of the form',
    file: 'vertex-rolling.rollout.yaml',
    edit: (t) => t.replace('project: acme-ml-prod', 'project: p'),
    code: 'resource-name',
    message: /^project 'p' is not a valid Vertex AI Google Cloud project: .*; for example 'acme-ml-prod'$/,
  },
  {
    name: 'a Vertex AI timeout exactly at the waves estimate leaves nothing past it (not "is 20m but estimates 20m")',
    file: 'vertex-rolling.rollout.yaml',
    edit: (t) => t.replace(/^timeout: .*/m, 'timeout: 20m'),
    code: 'timeout-budget',
    message: /^'timeout' leaves nothing past the plan's estimate of 1200 s \(20m\)/,
  },
  {
    name: 'a SageMaker name still offers its nearest valid form',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('endpoint: fraud-detector-prod', 'endpoint: fraud_detector'),
    code: 'resource-name',
    message: /; for example 'fraud-detector'$/,
  },
];

for (const row of rows)
  test(`rule message: ${row.name}`, () => {
    const text = row.edit(exampleText(row.file));
    assert.notEqual(text, exampleText(row.file), 'the edit applies');
    const found = validateRollout(text).diagnostics.filter((d) => d.code === row.code);
    assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
    assert.match(found[0]!.message, row.message);
  });
