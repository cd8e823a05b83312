// The heartbeat of a CI log (core/src/engine/heartbeat.ts): an unchanged progress line, printed again or not. In a
// bake whose end is known, what is left of it and when it ends, at gaps of 1, 2, 4 and then 5 minutes; elsewhere a
// line a minute with how long it has been unchanged. One table for the CLI's reporter and the action's log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heartbeatGapMs, heartbeatLine, steadyEnd } from '../../src/engine/heartbeat.js';
import type { Observation } from '../../src/engine/provider.js';
import type { DeployEvent } from '../../src/engine/report.js';
import { canaryText } from '../support/examples.js';
import { planOf } from '../support/plan-of.js';

/** 2025-05-01 15:12 UTC: a 30-minute bake that begins now ends at 15:42. */
const t0 = Date.UTC(2025, 4, 1, 15, 12);
const min = 60_000;

const progress = (observation: Omit<Observation & { kind: 'progress' }, 'kind'>, step = 2) =>
  ({
    type: 'progress',
    observation: { kind: 'progress', ...observation },
    step,
    steps: 3,
    stepNoun: 'step',
    elapsedSeconds: 0,
  }) as DeployEvent & { type: 'progress' };

const bake30 = progress({
  phase: 'baking',
  trafficPercent: 50,
  bakeEndsAt: t0 + 30 * min,
  message: 'Baking …',
});
const waiting = progress(
  { phase: 'provisioning', trafficPercent: 0, message: 'Waiting for 1 new replica(s) to become ready.' },
  0,
);
/**
 * The 30-minute bake over at 15:42, the step waits for its last metrics until 15:48:10 (a 5-minute check's last
 * period ends 15:45, its 120 s lag and a look later): no bake time, a bound.
 */
const settle = progress({
  phase: 'baking',
  trafficPercent: 50,
  bakeEndsAt: t0 + 36 * min + 10_000,
  settling: 'bake',
  message: 'step 2 of 3: baking over; waiting 370 s more for the last metrics to settle',
});
const pauseSettle = { ...settle, observation: { ...settle.observation, settling: 'pause' as const } };
/** A canary whose step 1 bakes 30 minutes (`bake: 30m`) and step 2 the terminationWait of 10. */
const plan = planOf(canaryText.replace('bake: 10m', 'bake: 30m'));
const step1 = { ...bake30, step: 1 };

// [what, event, minutes: now, since, last printed, with the plan, the line or undefined (nothing printed)]
const rows: [
  string,
  DeployEvent & { type: 'progress' },
  [number, number, number],
  boolean,
  string | undefined,
][] = [
  ['a bake, first minute: nothing yet', bake30, [0.9, 0, 0], false, undefined],
  [
    'a bake, a minute after the change line: left and until, no provider message',
    bake30,
    [1, 0, 0],
    false,
    'step 2/3 · 50% traffic · baking, 29 min left, until 15:42 UTC',
  ],
  [
    'a bake, a minute after the first heartbeat: not yet (the gap is 2 min)',
    bake30,
    [2, 0, 1],
    false,
    undefined,
  ],
  [
    'a bake, 2 min after the first heartbeat',
    bake30,
    [3, 0, 1],
    false,
    'step 2/3 · 50% traffic · baking, 27 min left, until 15:42 UTC',
  ],
  ['a bake, 3 min after the heartbeat at 3: not yet (the gap is 4 min)', bake30, [6, 0, 3], false, undefined],
  [
    'a bake, 4 min after the heartbeat at 3',
    bake30,
    [7, 0, 3],
    false,
    'step 2/3 · 50% traffic · baking, 23 min left, until 15:42 UTC',
  ],
  [
    'a bake, 4 min after the heartbeat at 7: not yet (the gap is 5 min, the most)',
    bake30,
    [11, 0, 7],
    false,
    undefined,
  ],
  [
    'a bake, 5 min after the heartbeat at 7',
    bake30,
    [12, 0, 7],
    false,
    'step 2/3 · 50% traffic · baking, 18 min left, until 15:42 UTC',
  ],
  [
    'a bake, 5 min after the heartbeat at 22: never more than 5',
    bake30,
    [27, 0, 22],
    false,
    'step 2/3 · 50% traffic · baking, 3 min left, until 15:42 UTC',
  ],
  [
    "the plan's step gives the bake's length",
    step1,
    [12, 0, 7],
    true,
    'step 1/3 · 50% traffic · baking, 18 min of 30 min left, until 15:42 UTC',
  ],
  [
    "a bake longer than the plan's step (another rollout's): no length is claimed",
    { ...step1, observation: { ...step1.observation, bakeEndsAt: t0 + 50 * min } },
    [12, 0, 7],
    true,
    'step 1/3 · 50% traffic · baking, 38 min left, until 16:02 UTC',
  ],
  [
    'seconds left, rounded up; the end rounded up to the minute',
    { ...bake30, observation: { ...bake30.observation, bakeEndsAt: t0 + 29.75 * min } },
    [29, 0, 24],
    false,
    'step 2/3 · 50% traffic · baking, 45 s left, until 15:42 UTC',
  ],
  [
    'a bake that ends another day says the date',
    { ...bake30, observation: { ...bake30.observation, bakeEndsAt: t0 + 9 * 60 * min } },
    [1, 0, 0],
    false,
    'step 2/3 · 50% traffic · baking, 8 h 59 min left, until 2025-05-02 00:12 UTC',
  ],
  [
    'a bake whose end is past (the provider has not moved on): a minute, unchanged for',
    bake30,
    [31, 0, 27],
    false,
    'step 2/3 · 50% traffic · baking (unchanged for 31 min), 0 s left · Baking …',
  ],
  [
    'a bake whose end is unknown: a minute, unchanged for',
    progress({ phase: 'baking', trafficPercent: 50 }),
    [2, 0, 1],
    false,
    'step 2/3 · 50% traffic · baking (unchanged for 2 min)',
  ],
  ['the wait for the last metrics, first minute: nothing yet', settle, [30.9, 30, 30], true, undefined],
  [
    'the wait for the last metrics, a minute after its first line: said as that wait, up to, until; no bake, no message',
    settle,
    [31, 30, 30],
    true,
    'step 2/3 · 50% traffic · bake over, waiting for the last metrics (up to 6 min, until 15:49 UTC)',
  ],
  [
    "the wait for the last metrics: a bake's gaps, not a minute's (2 min after the first heartbeat)",
    settle,
    [32, 30, 31],
    true,
    undefined,
  ],
  [
    'the wait for the last metrics, 2 min after the first heartbeat',
    settle,
    [33, 30, 31],
    true,
    'step 2/3 · 50% traffic · bake over, waiting for the last metrics (up to 4 min, until 15:49 UTC)',
  ],
  [
    'the wait for the last metrics after a timed pause',
    pauseSettle,
    [33, 30, 31],
    false,
    'step 2/3 · 50% traffic · pause over, waiting for the last metrics (up to 4 min, until 15:49 UTC)',
  ],
  [
    'the wait for the last metrics, its end past (the step has not moved on): a minute, unchanged for, no bound',
    settle,
    [38, 30, 37],
    false,
    'step 2/3 · 50% traffic · bake over, waiting for the last metrics (unchanged for 8 min)',
  ],
  ['outside a bake, within the minute: nothing', waiting, [7.5, 0, 7], false, undefined],
  [
    "outside a bake: every minute, as before, with the provider's words",
    waiting,
    [8, 0, 7],
    false,
    '0% traffic · provisioning (unchanged for 8 min) · Waiting for 1 new replica(s) to become ready.',
  ],
];

for (const [what, event, [now, since, lastAt], withPlan, line] of rows)
  test(`heartbeat: ${what}`, () => {
    const times = { now: t0 + now * min, since: t0 + since * min, lastAt: t0 + lastAt * min };
    assert.equal(heartbeatLine(event, times, withPlan ? { plan } : {}), line);
  });

// The end a face passes in (steadyEnd) and the clock it runs on: the line says the end it showed first, and a time
// of day only on a wall clock. [what, event, the end passed in (minutes), wall clock, the line]
const sec = 1000;
const bakeAt = (ends: number) => ({ ...bake30, observation: { ...bake30.observation, bakeEndsAt: ends } });
const ended: [string, DeployEvent & { type: 'progress' }, number | undefined, boolean, string][] = [
  [
    'an end a look put 0.8 s later, past the minute: the end passed in, the minute it said',
    bakeAt(t0 + 30 * min + 0.4 * sec),
    t0 + 30 * min - 0.4 * sec,
    true,
    'step 2/3 · 50% traffic · baking, 18 min left, until 15:42 UTC',
  ],
  [
    'the same end on its own reads the next minute (why the faces pass one in)',
    bakeAt(t0 + 30 * min + 0.4 * sec),
    undefined,
    true,
    'step 2/3 · 50% traffic · baking, 19 min left, until 15:43 UTC',
  ],
  [
    'not a wall clock (a sandbox at --speed, the demo): what is left, no time of day',
    bake30,
    undefined,
    false,
    'step 2/3 · 50% traffic · baking, 18 min left',
  ],
  [
    'the wait for the last metrics, not a wall clock: the bound, no time of day',
    { ...settle, observation: { ...settle.observation, bakeEndsAt: t0 + 16 * min + 10 * sec } },
    undefined,
    false,
    'step 2/3 · 50% traffic · bake over, waiting for the last metrics (up to 5 min)',
  ],
];
for (const [what, event, endsAt, wallClock, line] of ended)
  test(`heartbeat: ${what}`, () => {
    const times = { now: t0 + 12 * min, since: t0, lastAt: t0 + 7 * min };
    assert.equal(
      heartbeatLine(event, endsAt === undefined ? times : { ...times, endsAt }, { wallClock }),
      line,
    );
  });

test('steadyEnd: the first end seen, kept through jitter under 5 s; a larger move is a new end', () => {
  const end = t0 + 30 * min;
  // [shown, seen, kept]
  const rows: [number | undefined, number | undefined, number | undefined][] = [
    [undefined, end, end],
    [end - 0.4 * sec, end + 0.4 * sec, end - 0.4 * sec],
    [end, end - 4.9 * sec, end],
    [end, end + 5 * sec, end + 5 * sec],
    [end, end + 4 * min, end + 4 * min],
    [end, undefined, undefined],
  ];
  for (const [shown, seen, kept] of rows) assert.equal(steadyEnd(shown, seen), kept, `${shown} ${seen}`);
});

test('heartbeat gaps in a bake: 1, 2, 4, then 5 minutes; a minute elsewhere', () => {
  const gaps = (inBake: boolean) => {
    const at = [0];
    while (at.length < 7) {
      const lastAt = (at.at(-1) ?? 0) * min;
      at.push((lastAt + heartbeatGapMs(inBake, { now: lastAt, since: 0, lastAt })) / min);
    }
    return at;
  };
  assert.deepEqual(gaps(true), [0, 1, 3, 7, 12, 17, 22]);
  assert.deepEqual(gaps(false), [0, 1, 2, 3, 4, 5, 6]);
});
