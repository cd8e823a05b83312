// Where a run picks up a Shiftwise-run rollout: the step under way (begun by an earlier run), or none at a gate or
// before step 1, where the next step is the run's own (cli/src/progress/report-json.ts times steps from it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resumedFrom } from '../../src/engine/steps/resumed.js';

const rows: [step: number, state: string, expected: { stepUnderWay?: number }][] = [
  [4, 'baking', { stepUnderWay: 4 }],
  [2, 'shifting', { stepUnderWay: 2 }],
  [5, 'finishing', { stepUnderWay: 5 }],
  [3, 'rolling-back', { stepUnderWay: 3 }],
  [3, 'paused', {}],
  [0, 'starting', {}],
];

for (const [step, state, expected] of rows)
  test(`resumedFrom: step ${step}, ${state}`, () => {
    assert.deepEqual(resumedFrom({ step, state }), expected);
  });
