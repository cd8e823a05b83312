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

/** A value for every minute from t0 that ended by `until`: 0, except `breaching` (minutes after t0) which are 7. */
function points(until: number, breaching: number[]) {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let at = t0; at + minute <= until; at += minute) {
    timestamps.push(at);
    values.push(breaching.includes((at - t0) / minute) ? 7 : 0);
  }
  return { timestamps, values };
}

interface Row {
  readonly name: string;
  readonly now: number;
  /** The check's lag (seconds); default 0. */
  readonly lag?: number;
  /** The step's bake ends then; default none. */
  readonly end?: number;
  /** The service holds values for the minutes that ended by then; default `now`. */
  readonly published?: number;
  readonly breaching?: number[];
  readonly missingData?: 'ignore' | 'breach';
  /** Periods judged, and the first of them (minutes after t0). */
  readonly count: number;
  readonly first?: number;
  readonly rollsBack: boolean;
}

const rows: readonly Row[] = [
  {
    name: 'three minutes, the last breaching',
    now: t0 + 3 * minute,
    breaching: [2],
    count: 3,
    first: 0,
    rollsBack: true,
  },
  {
    name: 'a period not yet over is not judged',
    now: t0 + 3 * minute - 1,
    breaching: [2],
    count: 2,
    rollsBack: false,
  },
  {
    name: 'a day, the last period breaching',
    now: t0 + day,
    breaching: [1439],
    count: 1440,
    rollsBack: true,
  },
  {
    name: 'a day and a late look: the newest period still judged',
    now: start + day + minute,
    breaching: [1440],
    count: 1440,
    first: 1,
    rollsBack: true,
  },
  {
    name: 'two days: the newest day only, its last breaching',
    now: t0 + 2 * day,
    breaching: [2879],
    count: 1440,
    first: 1440,
    rollsBack: true,
  },
  {
    name: 'two days: a breach in the first day is out of the window',
    now: t0 + 2 * day,
    breaching: [0],
    count: 1440,
    rollsBack: false,
  },
  // Settling: a period is judged only once its lag has passed since it ended.
  {
    name: 'lag 120 s: the breaching period ended 1 min ago, not settled, left out',
    now: t0 + 4 * minute,
    lag: 120,
    breaching: [2],
    count: 2,
    rollsBack: false,
  },
  {
    name: 'lag 120 s: the breaching period ended 2 min ago, settled, judged',
    now: t0 + 5 * minute,
    lag: 120,
    breaching: [2],
    count: 3,
    rollsBack: true,
  },
  {
    name: 'lag 120 s: the newest day of settled periods only',
    now: t0 + 2 * day + 2 * minute,
    lag: 120,
    breaching: [2879],
    count: 1440,
    first: 1440,
    rollsBack: true,
  },
  {
    name: 'missingData breach, values not yet published, lag 0: judged no data, a false rollback',
    now: t0 + 4 * minute,
    published: t0 + 2 * minute,
    missingData: 'breach',
    count: 4,
    rollsBack: true,
  },
  {
    name: 'missingData breach, values not yet published, lag 120 s: not settled, no breach',
    now: t0 + 4 * minute,
    lag: 120,
    published: t0 + 2 * minute,
    missingData: 'breach',
    count: 2,
    rollsBack: false,
  },
  {
    name: 'missingData breach, a settled period with no value still breaches',
    now: t0 + 5 * minute,
    lag: 120,
    published: t0 + 2 * minute,
    missingData: 'breach',
    count: 3,
    rollsBack: true,
  },
  {
    name: "the step's end: a period starting after the bake ended is the next step's",
    now: t0 + 10 * minute,
    lag: 120,
    end: t0 + 2 * minute + 30_000,
    breaching: [3],
    count: 3,
    rollsBack: false,
  },
  {
    name: "the step's end: the period holding it is the step's, judged whole",
    now: t0 + 10 * minute,
    lag: 120,
    end: t0 + 2 * minute + 30_000,
    breaching: [2],
    count: 3,
    rollsBack: true,
  },
];

for (const row of rows)
  test(`judge: ${row.name}`, () => {
    const v = judge(
      { ...check, missingData: row.missingData ?? 'ignore' },
      1,
      { start, now: row.now, lagSeconds: row.lag ?? 0, ...(row.end !== undefined && { end: row.end }) },
      points(row.published ?? row.now, row.breaching ?? []),
    );
    assert.equal(v.periods.length, row.count);
    if (row.first !== undefined) assert.equal(v.periods[0]?.at, t0 + row.first * minute);
    assert.equal(v.rollsBack, row.rollsBack);
  });

// What a verdict's window covered, on every face: a step of the plan (in its word), or a Vertex AI rolling
// deployment judged as a whole (step 0).
const scopes: [name: string, step: number, words: RegExp][] = [
  ['a step', 2, /^new-5xx \(step 2\): 0, 0, 7 → breached 1 in a row/],
  ['the whole rollout', 0, /^new-5xx \(whole rollout\): 0, 0, 7 → breached 1 in a row/],
];
for (const [name, step, words] of scopes)
  test(`verdict words: ${name}`, () => {
    const verdict = judge(
      check,
      step,
      { start: t0, now: t0 + 3 * minute, lagSeconds: 0 },
      points(t0 + 3 * minute, [2]),
    );
    assert.match(verdictWords(verdict, check), words);
  });

test('verdict scope: the plan word for a step, or the whole rollout', () => {
  assert.deepEqual(
    [verdictScope({ step: 3 }, 'batch'), verdictScope({ step: 3 }), verdictScope({ step: 0 }, 'wave')],
    ['batch 3', 'step 3', 'whole rollout'],
  );
});
