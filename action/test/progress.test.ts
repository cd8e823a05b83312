// The action's deploy log: one line per change, and while nothing changes a heartbeat (core's heartbeatLine, as the
// CLI's): a line a minute of rollout time that says how long it has been so, so a long wait for instances shows the
// watch alive in the job's log; in a bake whose end is known, what is left and when it ends, less and less often.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeployEvent, Observation } from '@shiftwise/core/engine';
import { canaryText } from '../../core/test/support/examples.js';
import { planOf } from '../../core/test/support/plan-of.js';
import { progressLogger } from '../src/deploy/progress.js';

const waiting: Observation & { kind: 'progress' } = {
  kind: 'progress',
  phase: 'provisioning',
  trafficPercent: 0,
  message: 'Launching 4 instance(s).',
};
const baking: Observation & { kind: 'progress' } = {
  kind: 'progress',
  phase: 'shifting',
  trafficPercent: 25,
};
const at = (seconds: number, step: number, observation: Observation & { kind: 'progress' }) =>
  [seconds, { type: 'progress', observation, step, steps: 2, stepNoun: 'step', elapsedSeconds: seconds }] as [
    number,
    DeployEvent,
  ];

/** The lines `progressLogger` writes for `events`, each at its time (seconds) in the rollout's clock. */
function logged(
  events: readonly (readonly [number, DeployEvent])[],
  { wallClock }: { wallClock?: boolean } = {},
): string[] {
  let now = 0;
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    lines.push(String(chunk).trimEnd());
    return true;
  }) as typeof process.stdout.write;
  try {
    const log = progressLogger(() => now, {
      path: 'r/s.rollout.yaml',
      ...(wallClock !== undefined && { wallClock }),
    });
    for (const [seconds, event] of events) {
      now = seconds * 1000;
      log(event);
    }
  } finally {
    process.stdout.write = write;
  }
  return lines;
}

test("the outcome line names the workflow's modes for the file where the engine wrote the CLI's FILE", () => {
  const report = {
    outcome: 'paused',
    phase: 'watch',
    reason:
      'paused at step 3 of 5 (a manual gate); run shiftwise promote FILE to continue, shiftwise abort FILE to roll back',
    noop: false,
    durationSeconds: 60,
    calls: 9,
    steps: [],
  } as const;
  assert.deepEqual(
    logged([[60, { type: 'finished', report }]]).filter((l) => l.startsWith('Outcome')),
    [
      'Outcome: paused — paused at step 3 of 5 (a manual gate); run the workflow with mode: promote (files: ' +
        'r/s.rollout.yaml) to continue, run it with mode: abort to roll back',
    ],
  );
});

// [name, attached event, the line]
const attaches: [string, DeployEvent & { type: 'attached' }, string][] = [
  [
    "a provider's update in flight",
    { type: 'attached', detail: 'update to fraud-v43 in flight (Updating)' },
    'Attached to the update in flight: update to fraud-v43 in flight (Updating)',
  ],
  [
    'a Shiftwise-run rollout at its gate: nothing is in flight',
    {
      type: 'attached',
      detail: 'rollout r stands at step 3 of 5 (paused): going on from there',
      resumed: {},
    },
    'rollout r stands at step 3 of 5 (paused): going on from there',
  ],
  [
    'a Shiftwise-run rollout mid-bake: its own words too',
    {
      type: 'attached',
      detail: 'rollout r stands at step 2 of 5 (baking): going on from there',
      resumed: { stepUnderWay: 2 },
    },
    'rollout r stands at step 2 of 5 (baking): going on from there',
  ],
];

for (const [name, event, line] of attaches)
  test(`attached: ${name}`, () => {
    assert.deepEqual(
      logged([[0, event]]).filter((l) => !l.startsWith('::')),
      [line],
    );
  });

test('an unchanged wait: a line a minute with how long it has been unchanged; a change starts over', () => {
  const lines = logged([
    at(0, 0, waiting),
    at(30, 0, waiting),
    at(60, 0, waiting),
    at(125, 0, waiting),
    at(130, 1, baking),
  ]);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('[')),
    [
      '[0 s] 0% traffic · provisioning · Launching 4 instance(s).',
      '[1 min] 0% traffic · provisioning (unchanged for 1 min) · Launching 4 instance(s).',
      '[2 min 5 s] 0% traffic · provisioning (unchanged for 2 min 5 s) · Launching 4 instance(s).',
      '[2 min 10 s] step 1/2 · 25% traffic · shifting',
    ],
  );
});

test("a bake: the CLI's heartbeat, its length and end after 1, 2, 4 then every 5 minutes, not a line a minute", () => {
  const bake = { kind: 'progress', phase: 'baking', trafficPercent: 25, bakeEndsAt: 1_800_000 } as const;
  const plan = planOf(canaryText.replace('bake: 10m', 'bake: 30m'));
  const lines = logged([
    [0, { type: 'planned', plan }],
    ...Array.from({ length: 45 }, (_, i) => at(i * 20, 1, bake)),
  ]);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('[')),
    [
      '[0 s] step 1/2 · 25% traffic · baking, 30 min left',
      '[1 min] step 1/2 · 25% traffic · baking, 29 min of 30 min left, until 00:30 UTC',
      '[3 min] step 1/2 · 25% traffic · baking, 27 min of 30 min left, until 00:30 UTC',
      '[7 min] step 1/2 · 25% traffic · baking, 23 min of 30 min left, until 00:30 UTC',
      '[12 min] step 1/2 · 25% traffic · baking, 18 min of 30 min left, until 00:30 UTC',
    ],
  );
});

test("the wait for the last metrics after a bake: its own line at once, then a bake's heartbeat, said as that wait", () => {
  const bake = { kind: 'progress', phase: 'baking', trafficPercent: 25, bakeEndsAt: 600_000 } as const;
  const settle = {
    ...bake,
    bakeEndsAt: 970_000,
    settling: 'bake',
    message: 'baking over; waiting …',
  } as const;
  const lines = logged([
    ...Array.from({ length: 30 }, (_, i) => at(i * 20, 1, bake)),
    ...Array.from({ length: 19 }, (_, i) => at(600 + i * 20, 1, settle)),
  ]);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('[10') || l.startsWith('[11') || l.startsWith('[13')),
    [
      '[10 min] step 1/2 · 25% traffic · bake over, waiting for the last metrics (up to 6 min 10 s)',
      '[11 min] step 1/2 · 25% traffic · bake over, waiting for the last metrics (up to 6 min, until 00:17 UTC)',
      '[13 min] step 1/2 · 25% traffic · bake over, waiting for the last metrics (up to 4 min, until 00:17 UTC)',
    ],
  );
  assert.equal(lines.filter((l) => l.startsWith('[')).length, 7);
});

test('a bake whose end each look puts a second either side of a minute: one minute, the first seen', () => {
  const lines = logged(
    Array.from({ length: 40 }, (_, i) =>
      at(i * 20, 1, {
        kind: 'progress',
        phase: 'baking',
        trafficPercent: 25,
        bakeEndsAt: i % 2 ? 900_400 : 899_600,
      }),
    ),
  );
  assert.deepEqual(
    lines.flatMap((l) => l.match(/until \d\d:\d\d UTC/g) ?? []),
    ['until 00:15 UTC', 'until 00:15 UTC', 'until 00:15 UTC', 'until 00:15 UTC'],
  );
});

test('a dry run on a scaled clock (SHIFTWISE_CLOCK_SPEED): the heartbeat says what is left, no time of day', () => {
  const bake = { kind: 'progress', phase: 'baking', trafficPercent: 25, bakeEndsAt: 900_000 } as const;
  const lines = logged(
    Array.from({ length: 10 }, (_, i) => at(i * 20, 1, bake)),
    { wallClock: false },
  );
  assert.deepEqual(
    lines.filter((l) => l.startsWith('[')),
    [
      '[0 s] step 1/2 · 25% traffic · baking, 15 min left',
      '[1 min] step 1/2 · 25% traffic · baking, 14 min left',
      '[3 min] step 1/2 · 25% traffic · baking, 12 min left',
    ],
  );
});
