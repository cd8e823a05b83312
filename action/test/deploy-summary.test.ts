import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { plan, validateRollout } from '@shiftwise/core';
import type { DeployReport } from '@shiftwise/core/engine';
import { renderDeploySummary, stepTable } from '../src/deploy/summary.js';

const canary = readFileSync(new URL('../../examples/sagemaker-canary.rollout.yaml', import.meta.url), 'utf8');
const rollout = validateRollout(canary).value;
assert.ok(rollout);
const planned = plan(rollout); // canary 25% of 4: step 1 at 0 s, step 2 at 600 s

// [name, steps seen, expected rows]
const rows: [string, DeployReport['steps'], string[]][] = [
  [
    'on time',
    [
      { step: 1, atSeconds: 0 },
      { step: 2, atSeconds: 600 },
    ],
    ['| 1 | 25% | 0 s | 0 s | 0 s |', '| 2 | 100% | 10 min | 10 min | 0 s |'],
  ],
  [
    'late by a poll',
    [
      { step: 1, atSeconds: 0 },
      { step: 2, atSeconds: 620 },
    ],
    ['| 1 | 25% | 0 s | 0 s | 0 s |', '| 2 | 100% | 10 min | 10 min 20 s | +20 s |'],
  ],
  [
    'early',
    [
      { step: 1, atSeconds: 0 },
      { step: 2, atSeconds: 535 },
    ],
    ['| 1 | 25% | 0 s | 0 s | 0 s |', '| 2 | 100% | 10 min | 8 min 55 s | −1 min 5 s |'],
  ],
  [
    'rolled back in step 1',
    [{ step: 1, atSeconds: 0 }],
    ['| 1 | 25% | 0 s | 0 s | 0 s |', '| 2 | 100% | 10 min | not seen | — |'],
  ],
];

for (const [name, steps, expected] of rows)
  test(`step table: ${name}`, () => {
    assert.deepEqual(stepTable(planned, { steps }).slice(2, 4), expected);
  });

test('the summary escapes the provider reason and the alarm', () => {
  const report: DeployReport = {
    outcome: 'rolled-back',
    phase: 'watch',
    reason: 'Alarm </details><img src=x> @octocat went into ALARM',
    alarm: '</details><img src=x> @octocat',
    noop: false,
    durationSeconds: 900,
    calls: 12,
    steps: [{ step: 1, atSeconds: 0 }],
  };
  const summary = renderDeploySummary('r/a.rollout.yaml', planned, report);
  assert.match(summary, /^## fraud-detector: ↩️ rolled back$/m);
  assert.match(summary, /15 min in all · 12 provider calls/);
  assert.doesNotMatch(summary, /<img|@octocat/);
});
