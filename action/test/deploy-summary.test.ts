import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Plan, plan, validateRollout } from '@shiftwise/core';
import type { CheckVerdict, DeployReport } from '@shiftwise/core/engine';
import { pausedWords } from '../src/deploy/paused.js';
import type { RunStart } from '../src/deploy/step-table.js';
import { analysisTable, renderDeploySummary, stepTable } from '../src/deploy/summary.js';

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

const example = (file: string) => {
  const value = validateRollout(
    readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'),
  ).value;
  assert.ok(value);
  return plan(value);
};
// steps 5% (0 s), 25% (10 min), a gate (40 min), 50% (40 min), 100% (1 h 10 min)
const steps = example('sagemaker-steps.rollout.yaml');
// 4 waves of 25%, no planned time: an estimate of 5 min a wave
const waves = example('vertex-rolling.rollout.yaml');

// [name, plan, report, how the run came to the rollout, expected rows]
const resumed: [string, Plan, Parameters<typeof stepTable>[1], RunStart, string[]][] = [
  [
    'deploy paused at the gate: the gate is reached, the steps after it not seen',
    steps,
    {
      outcome: 'paused',
      steps: [
        { step: 1, atSeconds: 0 },
        { step: 2, atSeconds: 626 },
      ],
    },
    { mode: 'deploy' },
    [
      '| 1 | 5% | 0 s | 0 s | 0 s |',
      '| 2 | 25% | 10 min | 10 min 26 s | +26 s |',
      '| 3 | 25% | 40 min | gate reached: paused here | — |',
      '| 4 | 50% | 40 min | not seen | — |',
      '| 5 | 100% | 1 h 10 min | not seen | — |',
    ],
  ],
  [
    'promote from the gate: earlier steps done before this run, times from step 4',
    steps,
    {
      outcome: 'succeeded',
      steps: [
        { step: 4, atSeconds: 0 },
        { step: 5, atSeconds: 1955 },
      ],
    },
    { mode: 'promote' },
    [
      '| 1 | 5% | — | done before this run | — |',
      '| 2 | 25% | — | done before this run | — |',
      '| 3 | 25% | — | gate: promoted by this run | — |',
      '| 4 | 50% | 0 s | 0 s | 0 s |',
      '| 5 | 100% | 30 min | 32 min 35 s | +2 min 35 s |',
    ],
  ],
  [
    'promote picked up while step 4 baked (an earlier run was interrupted): step 4 began before this run, nothing compared',
    steps,
    {
      outcome: 'succeeded',
      steps: [
        { step: 4, atSeconds: 0 },
        { step: 5, atSeconds: 700 },
      ],
    },
    { mode: 'promote', attached: true, underWay: true },
    [
      '| 1 | 5% | — | done before this run | — |',
      '| 2 | 25% | — | done before this run | — |',
      '| 3 | 25% | — | done before this run | — |',
      '| 4 | 50% | 0 s | running when this run attached | — |',
      '| 5 | 100% | 30 min | 11 min 40 s after the attach | — |',
    ],
  ],
  [
    'a fresh deploy that first saw step 2: step 1 not seen, times from step 2',
    steps,
    { outcome: 'rolled-back', steps: [{ step: 2, atSeconds: 0 }] },
    {},
    [
      '| 1 | 5% | — | not seen | — |',
      '| 2 | 25% | 0 s | 0 s | 0 s |',
      '| 3 | 25% | 30 min | not seen | — |',
      '| 4 | 50% | 30 min | not seen | — |',
      '| 5 | 100% | 1 h | not seen | — |',
    ],
  ],
  [
    'Vertex AI waves: the estimate, said to be one',
    waves,
    {
      outcome: 'succeeded',
      steps: [
        { step: 1, atSeconds: 0 },
        { step: 2, atSeconds: 60 },
        { step: 3, atSeconds: 700 },
      ],
    },
    {},
    [
      '| 1 | 25% | 0 s | 0 s | 0 s |',
      '| 2 | 50% | about 5 min | 1 min | −4 min |',
      '| 3 | 75% | about 10 min | 11 min 40 s | +1 min 40 s |',
      '| 4 | 100% | about 15 min | not seen | — |',
    ],
  ],
];

for (const [name, planned, report, run, expected] of resumed)
  test(`step table: ${name}`, () => {
    const table = stepTable(planned, report, run);
    assert.deepEqual(table.slice(2, 2 + expected.length), expected);
  });

test('step table: a resumed run says where its times count from; waves say their start is an estimate', () => {
  const promoted = stepTable(steps, { steps: [{ step: 4, atSeconds: 0 }] }, { mode: 'promote' }).join('\n');
  assert.match(
    promoted,
    /Times count from step 4, the first traffic shift this run saw \(the steps before it ran before this run\)/,
  );
  const rolled = stepTable(waves, { steps: [{ step: 1, atSeconds: 0 }] }).join('\n');
  assert.match(rolled, /^\| wave \| traffic \| estimated start \| actual start \| vs estimate \|$/m);
  assert.match(rolled, /"estimated start" is an estimate/);
  assert.doesNotMatch(rolled, /planned start/);
});

test("a paused run's summary and notice say the action's way on: mode: promote or abort for that file", () => {
  const report: DeployReport = {
    outcome: 'paused',
    phase: 'watch',
    reason:
      'paused at step 3 of 5 (a manual gate); run shiftwise promote FILE to continue, shiftwise abort FILE to roll back',
    noop: false,
    durationSeconds: 2658,
    calls: 105,
    steps: [
      { step: 1, atSeconds: 0 },
      { step: 2, atSeconds: 626 },
    ],
  };
  assert.equal(
    pausedWords('r/s_1.rollout.yaml', steps, report),
    "paused at step 3 of 5 (a manual gate). To continue, run the workflow's promote job (mode: promote, files: " +
      'r/s_1.rollout.yaml); to roll back, run it with mode: abort (docs/action.md, "Gates: promote and abort")',
  );
  const summary = renderDeploySummary('r/s_1.rollout.yaml', steps, report);
  assert.match(
    summary,
    /^> paused at step 3 of 5 \(a manual gate\)\. To continue, run the workflow's promote job \(`mode: promote`, files: r\/s\\_1\.rollout\.yaml\); to roll back, run it with `mode: abort`/m,
  );
  assert.doesNotMatch(summary, /FILE/);
});

test('the analysis table marks a dry-run check as one, within bounds or breached', () => {
  const check = {
    name: 'rate',
    step: 1,
    periods: [{ at: 0, value: 0, breach: false }],
    breachesInARow: 0,
    rollsBack: false,
    missing: 0,
  };
  const rows = analysisTable([
    { ...check, breaches: 0, dryRun: true },
    { ...check, breaches: 1, dryRun: true },
    { ...check, breaches: 0, dryRun: false },
  ] as CheckVerdict[]);
  assert.deepEqual(rows.slice(4), [
    '| 1 | rate | 0 | ✅ within bounds (dry run) |',
    '| 1 | rate | 0 | ⚠️ breached in 1 period (dry run) |',
    '| 1 | rate | 0 | ✅ within bounds |',
  ]);
});

test('step table: a deploy that attached mid-step compares nothing, since when that step began is unknown', () => {
  const table = stepTable(
    steps,
    {
      outcome: 'paused',
      steps: [
        { step: 1, atSeconds: 0 },
        { step: 2, atSeconds: 230 },
      ],
    },
    { mode: 'deploy', attached: true },
  );
  assert.deepEqual(table.slice(2, 5), [
    '| 1 | 5% | 0 s | running when this run attached | — |',
    '| 2 | 25% | 10 min | 3 min 50 s after the attach | — |',
    '| 3 | 25% | 40 min | gate reached: paused here | — |',
  ]);
  assert.match(table.join('\n'), /This run attached to an update already in step 1/);
});

test("a failure's reason names the workflow's mode for the file, not the CLI's FILE", () => {
  const report: DeployReport = {
    outcome: 'failed',
    phase: 'preflight',
    reason:
      'the file changed since rollout fraud-detector-steps started on fraud-detector-prod (now at step 3, paused): restore the file to go on, or run shiftwise abort FILE',
    noop: false,
    durationSeconds: 2,
    calls: 3,
    steps: [],
  };
  const summary = renderDeploySummary('r/s_1.rollout.yaml', planned, report);
  assert.match(
    summary,
    /^> .*restore the file to go on, or run the workflow with `mode: abort` \(files: r\/s\\_1\.rollout\.yaml\)$/m,
  );
  assert.doesNotMatch(summary, /FILE/);
});
