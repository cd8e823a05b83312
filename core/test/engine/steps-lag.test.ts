import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Observation } from '../../src/engine/provider.js';
import { type StepsBackend, type StepsLook, stepsDriver } from '../../src/engine/steps/driver.js';
import type { AnalysisCheck } from '../../src/model.js';
import type { StepsState } from '../../src/plan/steps-request.js';

// Metrics land late: the driver judges a period only once it has settled (its lag passed since it ended), and
// leaves a step only once every period of the step's window has settled and been judged. Each row runs one driver
// through a series of looks at step 1 (50%, bake 10 min from 14:00:30, so it ends at 14:10:30) over a metrics
// service that shows a minute's value `published` seconds after the minute ends.

const t0 = Date.parse('2026-12-05T14:00:00.000Z');
const at = (minutes: number) => t0 + minutes * 60_000;
const since = at(0.5);

const check: AnalysisCheck = {
  name: 'new-5xx',
  query: { kind: 'metric', metric: 'Invocation5XXErrors' },
  stat: 'Sum',
  periodSeconds: 60,
  max: 0,
  failureLimit: 1,
  dryRun: false,
  missingData: 'ignore',
};

interface Row {
  readonly name: string;
  readonly missingData?: 'ignore' | 'breach';
  /** The lag the backend's series says (the check's or the provider's). */
  readonly lag: number;
  /** Seconds after a minute ends until the service shows its value. */
  readonly published: number;
  /** Minutes (after 14:00) whose value breaches (7 errors). */
  readonly breaching?: readonly number[];
  /** When the driver looks, in minutes after 14:00. */
  readonly looks: readonly number[];
  /** The last observation, in words. */
  readonly seen: RegExp;
  /** What the driver asked of the backend that moves the rollout (records and shifts), in order. */
  readonly did: readonly string[];
}

const rows: readonly Row[] = [
  {
    name: "the step's last period breaches, seen only after the bake: waited for, rolled back",
    lag: 120,
    published: 90,
    breaching: [10],
    looks: [5, 10.5, 12.5, 13],
    seen: /^rolling-back: rolling back: analysis check new-5xx breached: new-5xx \(step 1\): 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 → breached 1 in a row/,
    did: ['record rolling-back 1'],
  },
  {
    name: 'at the bake’s end the last periods are not settled: the step waits, saying for how long',
    lag: 120,
    published: 90,
    breaching: [10],
    looks: [10.5],
    seen: /^baking: step 1 of 2: baking over; waiting 150 s more for the last metrics to settle$/,
    did: [],
  },
  {
    name: 'a clean step: waited for its last period, then on to step 2',
    lag: 120,
    published: 90,
    looks: [10.5, 13],
    seen: /^shifting: step 2 of 2: 100%/,
    did: ['record shifting 2', 'shift 100'],
  },
  {
    name: 'a backend that says no lag: the step ends with its last period, judged no data, the breach unseen',
    lag: 0,
    published: 90,
    breaching: [10],
    looks: [10.5, 11],
    seen: /^shifting: step 2 of 2: 100%/,
    did: ['record shifting 2', 'shift 100'],
  },
  {
    name: 'missingData breach, values not yet published: no breach before they settle, on to step 2',
    missingData: 'breach',
    lag: 120,
    published: 90,
    looks: [2, 5, 10.5, 13],
    seen: /^shifting: step 2 of 2: 100%/,
    did: ['record shifting 2', 'shift 100'],
  },
  {
    name: 'missingData breach judged without the lag: the minute just ended reads as no data, a false rollback',
    missingData: 'breach',
    lag: 0,
    published: 90,
    looks: [2],
    seen: /^rolling-back: rolling back: analysis check new-5xx breached: new-5xx \(step 1\): no data, no data → breached 2 in a row/,
    did: ['record rolling-back 1'],
  },
  {
    name: 'missingData breach, a settled minute that never gets a value still breaches',
    missingData: 'breach',
    lag: 120,
    published: 100_000,
    looks: [2, 3],
    seen: /^rolling-back: rolling back: analysis check new-5xx breached: new-5xx \(step 1\): no data → breached 1 in a row/,
    did: ['record rolling-back 1'],
  },
];

const baking: StepsState = {
  rollout: 't-steps',
  digest: 'd',
  original: 't-ep-current',
  step: 1,
  state: 'baking',
  since: new Date(since).toISOString(),
  stretch: new Date(t0).toISOString(),
};

async function run(row: Row): Promise<{ seen: Observation; did: string[] }> {
  const did: string[] = [];
  let now = 0;
  let state: StepsState = baking;
  const minute = 60_000;
  const backend: StepsBackend<StepsLook> = {
    look: async () => ({ state, now, share: { current: 50, desired: 50 } }),
    record: async (_l, s) => {
      state = s;
      did.push(`record ${s.state} ${s.step}`);
    },
    clear: async () => void did.push('clear'),
    shift: async (_l, percent) => void did.push(`shift ${percent}`),
    startFailed: () => undefined,
    started: async () => ({ kind: 'done' }),
    finished: async () => ({ kind: 'done' }),
    oldModelStays: () => true,
    reverted: async () => ({ kind: 'working', phase: 'rolling-back', message: 'back' }),
    backOnOriginal: () => false,
    firingAlarm: async () => undefined,
    // The minutes of the window the service shows by now: those that ended `published` seconds ago or more.
    series: async (_c, window) => {
      const timestamps: number[] = [];
      const values: number[] = [];
      for (let m = window.start; m + minute + row.published * 1000 <= window.now; m += minute) {
        timestamps.push(m);
        values.push(row.breaching?.includes((m - t0) / minute) ? 7 : 0);
      }
      return { timestamps, values, lagSeconds: row.lag };
    },
    succeeded: () => 'done',
    rolledBack: (_l, s) => `${s.reason}`,
  };
  const driver = stepsDriver(backend, {
    steps: [
      { kind: 'traffic', percent: 50, bakeSeconds: 600 },
      { kind: 'traffic', percent: 100, bakeSeconds: 600 },
    ],
    checks: [{ ...check, missingData: row.missingData ?? 'ignore' }],
    watched: true,
    mode: 'deploy',
  });
  let seen: Observation | undefined;
  for (const minutes of row.looks) {
    now = at(minutes);
    seen = await driver.observe();
  }
  return { seen: seen!, did };
}

const words = (seen: Observation) =>
  seen.kind === 'progress'
    ? `${seen.phase}: ${seen.message}`
    : `${seen.kind}: ${'reason' in seen ? seen.reason : seen.message}`;

for (const row of rows)
  test(`steps with metric lag: ${row.name}`, async () => {
    const { seen, did } = await run(row);
    assert.match(words(seen), row.seen);
    assert.deepEqual(
      did.filter((d) => !d.startsWith('clear')),
      row.did,
    );
  });

test('steps with metric lag: the wait ends when the last period settles, the countdown says so', async () => {
  const { seen } = await run({ ...rows[1]!, looks: [10.5] });
  assert.equal(seen.kind === 'progress' ? seen.bakeEndsAt : undefined, at(13));
});

test('steps with metric lag: the wait is marked as one (settling), the bake before it is not', async () => {
  const settling = async (looks: number[]) => {
    const { seen } = await run({ ...rows[1]!, looks });
    return seen.kind === 'progress' ? seen.settling : 'not progress';
  };
  assert.equal(await settling([5]), undefined);
  assert.equal(await settling([10.5]), 'bake');
});
