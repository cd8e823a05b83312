import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge, verdictScope, verdictWords } from '../../src/engine/steps/judge.js';
import type { AnalysisCheck } from '../../src/model.js';

// The judge over a step's window: which periods it reads, and whether the check rolls back.
const check: AnalysisCheck = {
  name: 'new-5xx',
  periodSeconds: 60,
  stat: 'Sum',
  max: 0,
  failureLimit: 1,
  dryRun: false,
  missingData: 'ignore',
  query: { kind: 'metric', metric: 'Invocation5XXErrors' },
};
const minute = 60_000;
const day = 1440 * minute;
/** An aligned minute, and a step that starts 30 s into it. */
const t0 = 1_700_000_000_000 - (1_700_000_000_000 % minute);
const start = t0 + 30_000;

/** A value for every minute from t0 until `now`: 0, except `breaching` (minutes after t0) which are 7. */
function points(now: number, breaching: number[]) {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let at = t0; at + minute <= now; at += minute) {
    timestamps.push(at);
    values.push(breaching.includes((at - t0) / minute) ? 7 : 0);
  }
  return { timestamps, values };
}

// [name, now, breaching minutes, periods judged, first period judged (minutes after t0), rolls back]
const rows: [string, number, number[], number, number, boolean][] = [
  ['three minutes, the last breaching', t0 + 3 * minute, [2], 3, 0, true],
  ['a period not yet over is not judged', t0 + 3 * minute - 1, [2], 2, 0, false],
  ['a day, the last period breaching', t0 + day, [1439], 1440, 0, true],
  ['a day and a late look: the newest period still judged', start + day + minute, [1440], 1440, 1, true],
  ['two days: the newest day only, its last breaching', t0 + 2 * day, [2879], 1440, 1440, true],
  ['two days: a breach in the first day is out of the window', t0 + 2 * day, [0], 1440, 1440, false],
];

for (const [name, now, breaching, count, first, rollsBack] of rows)
  test(`judge: ${name}`, () => {
    const v = judge(check, 1, { start, now }, points(now, breaching));
    assert.equal(v.periods.length, count);
    assert.equal(v.periods[0]?.at, t0 + first * minute);
    assert.equal(v.rollsBack, rollsBack);
  });

// What a verdict's window covered, on every face: a step of the plan (in its word), or a Vertex AI rolling
// deployment judged as a whole (step 0).
const scopes: [name: string, step: number, words: RegExp][] = [
  ['a step', 2, /^new-5xx \(step 2\): 0, 0, 7 → breached 1 in a row/],
  ['the whole rollout', 0, /^new-5xx \(whole rollout\): 0, 0, 7 → breached 1 in a row/],
];
for (const [name, step, words] of scopes)
  test(`verdict words: ${name}`, () => {
    const verdict = judge(check, step, { start: t0, now: t0 + 3 * minute }, points(t0 + 3 * minute, [2]));
    assert.match(verdictWords(verdict, check), words);
  });

test('verdict scope: the plan word for a step, or the whole rollout', () => {
  assert.deepEqual(
    [verdictScope({ step: 3 }, 'batch'), verdictScope({ step: 3 }), verdictScope({ step: 0 }, 'wave')],
    ['batch 3', 'step 3', 'whole rollout'],
  );
});
