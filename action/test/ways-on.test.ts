// The engine's reasons name the CLI's next command with FILE; the action words each as the workflow's mode for the
// file, in the log, the ::error annotation and (as markdown) the job summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown } from '@shiftwise/core';
import { actionWays, actionWaysMarkdown } from '../src/deploy/ways-on.js';

const path = "dir with space/it's_1.rollout.yaml";

// [engine reason, in the log, in the job summary]
const cases: [reason: string, log: string, markdown: string][] = [
  [
    'the file changed since rollout r started on e (now at step 3, paused): restore the file to go on, or run shiftwise abort FILE',
    "the file changed since rollout r started on e (now at step 3, paused): restore the file to go on, or run the workflow with mode: abort (files: dir with space/it's_1.rollout.yaml)",
    "the file changed since rollout r started on e \\(now at step 3, paused\\): restore the file to go on, or run the workflow with `mode: abort` (files: dir with space/it's\\_1.rollout.yaml)",
  ],
  [
    'paused at step 3 of 5 (a manual gate); run shiftwise promote FILE to continue, shiftwise abort FILE to roll back',
    "paused at step 3 of 5 (a manual gate); run the workflow with mode: promote (files: dir with space/it's_1.rollout.yaml) to continue, run it with mode: abort to roll back",
    "paused at step 3 of 5 \\(a manual gate\\); run the workflow with `mode: promote` (files: dir with space/it's\\_1.rollout.yaml) to continue, run it with `mode: abort` to roll back",
  ],
  [
    'the update failed: x. run shiftwise deploy FILE again to retry, or shiftwise abort FILE to roll back',
    "the update failed: x. run the workflow with mode: deploy (files: dir with space/it's_1.rollout.yaml) again to retry, or run it with mode: abort to roll back",
    "the update failed: x. run the workflow with `mode: deploy` (files: dir with space/it's\\_1.rollout.yaml) again to retry, or run it with `mode: abort` to roll back",
  ],
  [
    'see shiftwise status FILE',
    "see shiftwise status dir with space/it's_1.rollout.yaml",
    "see shiftwise status dir with space/it's\\_1.rollout.yaml",
  ],
  [
    'Alarm a went into ALARM during step 1',
    'Alarm a went into ALARM during step 1',
    'Alarm a went into ALARM during step 1',
  ],
];

for (const [reason, log, markdown] of cases)
  test(`the action's way on: ${reason.slice(0, 60)}`, () => {
    assert.equal(actionWays(reason, path), log);
    assert.equal(actionWaysMarkdown(escapeMarkdown(reason), path), markdown);
  });
