import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeWords, diffPlans, renderPlanDiffMarkdown } from '../../src/index.js';
import { exampleText as example } from '../support/examples.js';
import { planOf } from '../support/plan-of.js';

// A rollout Shiftwise runs (`steps`) is as risky as its schedule and its checks: a heavier first step, a gate that
// moved past the risky half or a check that no longer rolls back must show in the diff, never as "No change".
// Each row edits one thing of an example and reads the diff's words (markdown; text and JSON use changeWords).

const rows: { name: string; file: string; edit: (t: string) => string; words: string }[] = [
  {
    name: 'a step carries more traffic',
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) => t.replace('traffic: 5%', 'traffic: 10%').replace('traffic: 25%', 'traffic: 20%'),
    words: '**Changes:** step 1 5% for 10 min → 10% for 10 min; step 2 25% for 30 min → 20% for 30 min.',
  },
  {
    name: 'a Vertex AI step carries more traffic',
    file: 'vertex-steps.rollout.yaml',
    edit: (t) => t.replace('traffic: 10%', 'traffic: 40%'),
    words: '**Changes:** step 1 10% for 15 min → 40% for 15 min.',
  },
  {
    name: 'the gate moved after the risky half',
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) =>
      t
        .replace('    - pause: manual\n', '')
        .replace(
          '      bake: 30m\n    - traffic: 100%',
          '      bake: 30m\n    - pause: manual\n    - traffic: 100%',
        ),
    words: '**Changes:** step 3 gate → 50% for 30 min; step 4 50% for 30 min → gate.',
  },
  {
    name: 'a bake is shorter (the total says so too)',
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) => t.replace('traffic: 5%\n      bake: 10m', 'traffic: 5%\n      bake: 1m'),
    words:
      '**Changes:** total 1 h 20 min \\+ a manual gate → 1 h 11 min \\+ a manual gate; step 1 5% for 10 min → 5% for 1 min.',
  },
  {
    name: 'a timed pause instead of the gate',
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) => t.replace('pause: manual', 'pause: 10m'),
    words: '**Changes:** total 1 h 20 min \\+ a manual gate → 1 h 30 min; step 3 gate → pause 10 min.',
  },
  {
    name: 'a check breaches later, another no longer dry-runs',
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) => t.replace('max: 0', 'max: 50').replace('dryRun: true', 'dryRun: false'),
    words:
      '**Changes:** check new-5xx breach above 0 → above 50; check error-rate-vs-old dry run → rolls back.',
  },
  {
    name: "a check's failureLimit and missingData",
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) => t.replace('failureLimit: 2', 'failureLimit: 5\n    missingData: breach'),
    words:
      '**Changes:** check error-rate-vs-old failureLimit 2 → 5; check error-rate-vs-old missingData ignore → breach.',
  },
  {
    name: "a check's metric lag",
    file: 'sagemaker-steps.rollout.yaml',
    edit: (t) => t.replace('lag: 2m', 'lag: 10m'),
    words: '**Changes:** check new-5xx lag 2 min → 10 min.',
  },
  {
    name: 'a check given the default lag it had says nothing',
    file: 'vertex-steps.rollout.yaml',
    edit: (t) => t.replace('name: new-errors', 'name: new-errors\n    lag: 4m'),
    words: '**No change** to the plan compared with the base branch.',
  },
  {
    name: 'a check renamed is one removed and one added',
    file: 'vertex-steps.rollout.yaml',
    edit: (t) => t.replace('name: new-errors', 'name: new_errors'),
    words: '**Changes:** analysis check new\\_errors added; analysis check new-errors removed.',
  },
];

for (const row of rows)
  test(`diff sees the steps and the checks: ${row.name}`, () => {
    const text = example(row.file);
    const edited = row.edit(text);
    assert.notEqual(edited, text, 'the edit applies');
    assert.equal(renderPlanDiffMarkdown(diffPlans(planOf(text), planOf(edited))), row.words);
  });

test('a check added or removed reads as the alarms do, in text and JSON', () => {
  const text = example('vertex-steps.rollout.yaml');
  const diff = diffPlans(planOf(text.replace(/analysis:[\s\S]*$/, '')), planOf(text));
  assert.deepEqual(diff.changes.map(changeWords), ['analysis check new-errors added']);
});
