import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { DeployEvent, DeployReport, Observation } from '@shiftwise/core/engine';
import { canaryText } from '../../core/test/support/examples.js';
import { planOf } from '../../core/test/support/plan-of.js';
import type { CliIo } from '../src/io.js';
import type { UnderWay } from '../src/progress/report-json.js';
import { reporter } from '../src/progress/reporter.js';

// The deploy progress on a terminal: one bar redrawn in place, which must fit the terminal's width (a wrapped bar
// leaves a copy of itself on the row above at every redraw) and be cleared before any other line.

const baking = (step: number, traffic: number): DeployEvent => ({
  type: 'progress',
  observation: { kind: 'progress', phase: 'baking', trafficPercent: traffic, bakeEndsAt: 600_000 },
  step,
  steps: 5,
  stepNoun: 'step',
  elapsedSeconds: 60,
});
const copies: DeployEvent = {
  type: 'progress',
  observation: { kind: 'progress', phase: 'updating', message: '10 copies running, 8 desired' },
  step: 0,
  steps: 4,
  stepNoun: 'batch',
  elapsedSeconds: 60,
};
const finished: DeployEvent = {
  type: 'finished',
  report: { outcome: 'succeeded', phase: 'watch', reason: 'done', noop: false } as unknown as DeployReport,
};
const retry: DeployEvent = { type: 'retry', attempt: 1, delayMs: 1000, error: 'ECONNRESET' };

/** Everything the reporter writes to a terminal `columns` wide for `events`, then the closing line deploy writes. */
function terminal(columns: number | undefined, events: DeployEvent[]): string {
  let written = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns },
  );
  const io = { stdout, stderr: stdout, env: {}, cwd: '/', signal: new AbortController().signal } as CliIo;
  const show = reporter(io, () => 0);
  for (const event of events) show(event);
  stdout.write('✔ succeeded\n');
  return written;
}

const rows: [name: string, columns: number | undefined, events: DeployEvent[], expected: string][] = [
  [
    'a wide terminal: the full bar, cleared before the closing line',
    100,
    [baking(2, 25), finished],
    '\r\x1b[2K[██████░░░░░░░░░░░░░░░░░░] step 2/5 · 25% · baking 10 min left\r\x1b[2K✔ succeeded\n',
  ],
  [
    'no width known (not a real terminal): the full bar',
    undefined,
    [baking(2, 25), finished],
    '\r\x1b[2K[██████░░░░░░░░░░░░░░░░░░] step 2/5 · 25% · baking 10 min left\r\x1b[2K✔ succeeded\n',
  ],
  [
    '50 columns: the gauge narrows so the words fit in 49',
    50,
    [baking(2, 25), finished],
    '\r\x1b[2K[███░░░░░░░░] step 2/5 · 25% · baking 10 min left\r\x1b[2K✔ succeeded\n',
  ],
  [
    '30 columns: the gauge at its 8 cells, the words cut to 29 columns',
    30,
    [baking(2, 25), finished],
    '\r\x1b[2K[██░░░░░░] step 2/5 · 25% · …\r\x1b[2K✔ succeeded\n',
  ],
  [
    'an inference component on 45 columns: its copies stay in view',
    45,
    [copies, finished],
    '\r\x1b[2K[░░░░░░░░] updating · 10 copies running, 8 …\r\x1b[2K✔ succeeded\n',
  ],
  [
    'a retry line after the bar: the bar is cleared, the line printed whole',
    40,
    [baking(1, 5), retry],
    '\r\x1b[2K[░░░░░░░░] step 1/5 · 5% · baking 10 m…\r\x1b[2Kretrying in 1 s (attempt 1): ECONNRESET\n✔ succeeded\n',
  ],
];

for (const [name, columns, events, expected] of rows)
  test(`progress on a terminal: ${name}`, () => {
    assert.equal(terminal(columns, events), expected);
  });

test('the closing line counts API calls in the singular and plural', async () => {
  const { reportLine } = await import('../src/progress/lines.js');
  const line = (calls: number) =>
    reportLine({
      outcome: 'failed',
      phase: 'preflight',
      reason: 'r',
      noop: false,
      durationSeconds: 2,
      calls,
      steps: [],
    });
  assert.match(line(1), /after 2 s, 1 API call: r$/);
  assert.match(line(2), /after 2 s, 2 API calls: r$/);
});

test("the engine's next commands name the file as given, as one shell word", async () => {
  const { withFile } = await import('../src/progress/file-words.js');
  const rows: [string, string, string][] = [
    [
      'paused at step 3 of 5 (a manual gate); run shiftwise promote FILE to continue, shiftwise abort FILE to roll back',
      'r/s.rollout.yaml',
      'paused at step 3 of 5 (a manual gate); run shiftwise promote r/s.rollout.yaml to continue, shiftwise abort r/s.rollout.yaml to roll back',
    ],
    [
      'run shiftwise deploy FILE again to retry',
      "'my $x.rollout.yaml'",
      "run shiftwise deploy 'my $x.rollout.yaml' again to retry",
    ],
    ['a FILE that is no command stays', 'a.rollout.yaml', 'a FILE that is no command stays'],
  ];
  for (const [text, file, expected] of rows) assert.equal(withFile(text, file), expected);
});

// The JSON report's step times: from the first step this run saw, whatever run it is (a deploy from step 1, a promote
// past a gate, an attach in the middle of a step), leaving out what the run could not see.

const canaryPlan = {
  name: 'c',
  strategy: 'canary',
  capacity: 4,
  totalSeconds: 1200,
  steps: [
    { index: 1, trafficPercent: 25, startsAt: 0 },
    { index: 2, trafficPercent: 100, startsAt: 600 },
  ],
};
// examples/sagemaker-steps.rollout.yaml: 5% 10 min, 25% 30 min, a gate, 50% 30 min, 100%.
const stepsPlan = {
  name: 's',
  strategy: 'steps',
  capacity: 4,
  totalSeconds: 6000,
  steps: [
    { index: 1, trafficPercent: 5, startsAt: 0 },
    { index: 2, trafficPercent: 25, startsAt: 600 },
    { index: 3, trafficPercent: 25, startsAt: 2400 },
    { index: 4, trafficPercent: 50, startsAt: 2400 },
    { index: 5, trafficPercent: 100, startsAt: 4200 },
  ],
};
const times: {
  name: string;
  plan: typeof canaryPlan;
  seen: { step: number; atSeconds: number }[];
  underWay?: UnderWay;
  expected: { observedFrom?: string; fromStep?: number; steps: unknown[] };
}[] = [
  {
    name: 'a deploy that saw every step',
    plan: canaryPlan,
    seen: [
      { step: 1, atSeconds: 0 },
      { step: 2, atSeconds: 604 },
    ],
    expected: {
      steps: [
        { step: 1, trafficPercent: 25, plannedAt: 0, observedAt: 0 },
        { step: 2, trafficPercent: 100, plannedAt: 600, observedAt: 604 },
      ],
    },
  },
  {
    name: 'an attach in step 1: no observedAt for it, the rest from the attach',
    plan: canaryPlan,
    seen: [
      { step: 1, atSeconds: 0 },
      { step: 2, atSeconds: 230 },
    ],
    underWay: 'first seen',
    expected: {
      observedFrom: 'attach',
      steps: [
        { step: 1, trafficPercent: 25, plannedAt: 0 },
        { step: 2, trafficPercent: 100, plannedAt: 600, observedAt: 230 },
      ],
    },
  },
  {
    name: 'a promote past the gate of step 3: both times from step 4, nothing for the steps before',
    plan: stepsPlan,
    seen: [
      { step: 4, atSeconds: 0 },
      { step: 5, atSeconds: 2046 },
    ],
    expected: {
      fromStep: 4,
      steps: [
        { step: 1, trafficPercent: 5 },
        { step: 2, trafficPercent: 25 },
        { step: 3, trafficPercent: 25 },
        { step: 4, trafficPercent: 50, plannedAt: 0, observedAt: 0 },
        { step: 5, trafficPercent: 100, plannedAt: 1800, observedAt: 2046 },
      ],
    },
  },
  {
    name: "a promote (or deploy again) in step 4's bake: step 4's start unseen, step 5 from the first look",
    plan: stepsPlan,
    seen: [
      { step: 4, atSeconds: 0 },
      { step: 5, atSeconds: 700 },
    ],
    underWay: 4,
    expected: {
      observedFrom: 'attach',
      fromStep: 4,
      steps: [
        { step: 1, trafficPercent: 5 },
        { step: 2, trafficPercent: 25 },
        { step: 3, trafficPercent: 25 },
        { step: 4, trafficPercent: 50, plannedAt: 0 },
        { step: 5, trafficPercent: 100, plannedAt: 1800, observedAt: 700 },
      ],
    },
  },
];

for (const row of times)
  test(`deploy|promote JSON step times: ${row.name}`, async () => {
    const { reportJson } = await import('../src/progress/report-json.js');
    const report = {
      outcome: 'succeeded',
      phase: 'watch',
      reason: 'done',
      noop: false,
      durationSeconds: 300,
      calls: 9,
      plan: row.plan,
      steps: row.seen,
    } as unknown as DeployReport;
    const json = reportJson(report, 1000, row.underWay === undefined ? {} : { underWay: row.underWay });
    const { observedFrom, fromStep, steps } = json as Record<string, unknown>;
    assert.deepEqual(
      { observedFrom, fromStep, steps },
      { observedFrom: undefined, fromStep: undefined, ...row.expected },
    );
  });

// In CI and pipes: a line per change, and the same line again after a minute of the rollout's clock without one
// (a heartbeat, with how long this process has seen it unchanged: not the time in the phase, whose start a run that
// picked the rollout up did not see), so a long wait for replicas shows the watch alive.

const at = (
  seconds: number,
  step: number,
  observation: Observation,
  stepNoun = 'step',
): [number, DeployEvent] => [
  seconds,
  {
    type: 'progress',
    observation: observation as Observation & { kind: 'progress' },
    step,
    steps: 4,
    stepNoun: stepNoun as 'step',
    elapsedSeconds: seconds,
  },
];
const waiting: Observation = {
  kind: 'progress',
  phase: 'provisioning',
  trafficPercent: 0,
  message: 'Waiting for 1 new replica(s) to become ready.',
};
const shifting: Observation = { kind: 'progress', phase: 'shifting', trafficPercent: 25 };
const bakingTen = { kind: 'progress', phase: 'baking', trafficPercent: 10 } as const;
const batch = (running: number): Observation => ({
  kind: 'progress',
  phase: 'updating',
  message: `${running} copies running, 8 desired`,
});

const logs: [name: string, events: [seconds: number, event: DeployEvent][], expected: string[]][] = [
  [
    'an unchanged wait for replicas: a line a minute, with how long it has been unchanged',
    [
      ...[0, 20, 40, 60, 80, 100, 125, 150].map((s) => at(s, 0, waiting)),
      at(160, 1, shifting),
      at(200, 1, shifting),
    ],
    [
      '[+00:00] 0% traffic · provisioning · Waiting for 1 new replica(s) to become ready.',
      '[+01:00] 0% traffic · provisioning (unchanged for 1 min) · Waiting for 1 new replica(s) to become ready.',
      '[+02:05] 0% traffic · provisioning (unchanged for 2 min 5 s) · Waiting for 1 new replica(s) to become ready.',
      '[+02:40] step 1/4 · 25% traffic · shifting',
    ],
  ],
  [
    'a change within the minute is its own line, and the minute counts from it',
    [at(0, 0, waiting), at(50, 1, shifting), at(100, 1, shifting), at(110, 1, shifting)],
    [
      '[+00:00] 0% traffic · provisioning · Waiting for 1 new replica(s) to become ready.',
      '[+00:50] step 1/4 · 25% traffic · shifting',
      '[+01:50] step 1/4 · 25% traffic · shifting (unchanged for 1 min)',
    ],
  ],
  [
    'picked up mid-bake, no plan: the heartbeat says what is left of the bake and when it ends, a minute after the first look',
    [
      at(2, 1, { ...bakingTen, bakeEndsAt: 472_000 }),
      at(30, 1, { ...bakingTen, bakeEndsAt: 472_000 }),
      at(64, 1, { ...bakingTen, bakeEndsAt: 472_000 }),
    ],
    [
      '[+00:02] step 1/4 · 10% traffic · baking, 7 min 50 s left',
      '[+01:04] step 1/4 · 10% traffic · baking, 7 min left, until 00:08 UTC',
    ],
  ],
  [
    'a planned 30-minute bake: its length and end, after 1, 2, 4 then every 5 minutes (8 lines, not 30)',
    [
      [0, { type: 'planned', plan: planOf(canaryText.replace('bake: 10m', 'bake: 30m')) }],
      ...Array.from({ length: 90 }, (_, i) => at(i * 20, 1, { ...bakingTen, bakeEndsAt: 1_800_000 })),
      at(1800, 2, shifting),
    ],
    [
      '[+00:00] step 1/4 · 10% traffic · baking, 30 min left',
      '[+01:00] step 1/4 · 10% traffic · baking, 29 min of 30 min left, until 00:30 UTC',
      '[+03:00] step 1/4 · 10% traffic · baking, 27 min of 30 min left, until 00:30 UTC',
      '[+07:00] step 1/4 · 10% traffic · baking, 23 min of 30 min left, until 00:30 UTC',
      '[+12:00] step 1/4 · 10% traffic · baking, 18 min of 30 min left, until 00:30 UTC',
      '[+17:00] step 1/4 · 10% traffic · baking, 13 min of 30 min left, until 00:30 UTC',
      '[+22:00] step 1/4 · 10% traffic · baking, 8 min of 30 min left, until 00:30 UTC',
      '[+27:00] step 1/4 · 10% traffic · baking, 3 min of 30 min left, until 00:30 UTC',
      '[+30:00] step 2/4 · 25% traffic · shifting',
    ],
  ],
  [
    "a bake, then the wait for its last metrics: a line of its own when it begins, said as that wait, at a bake's gaps",
    [
      ...Array.from({ length: 30 }, (_, i) => at(i * 20, 1, { ...bakingTen, bakeEndsAt: 600_000 })),
      ...Array.from({ length: 19 }, (_, i) =>
        at(600 + i * 20, 1, {
          ...bakingTen,
          bakeEndsAt: 970_000,
          settling: 'bake',
          message: 'step 1 of 4: baking over; waiting 370 s more for the last metrics to settle',
        }),
      ),
      at(980, 2, shifting),
    ],
    [
      '[+00:00] step 1/4 · 10% traffic · baking, 10 min left',
      '[+01:00] step 1/4 · 10% traffic · baking, 9 min left, until 00:10 UTC',
      '[+03:00] step 1/4 · 10% traffic · baking, 7 min left, until 00:10 UTC',
      '[+07:00] step 1/4 · 10% traffic · baking, 3 min left, until 00:10 UTC',
      '[+10:00] step 1/4 · 10% traffic · bake over, waiting for the last metrics (up to 6 min 10 s)',
      '[+11:00] step 1/4 · 10% traffic · bake over, waiting for the last metrics (up to 6 min, until 00:17 UTC)',
      '[+13:00] step 1/4 · 10% traffic · bake over, waiting for the last metrics (up to 4 min, until 00:17 UTC)',
      '[+16:20] step 2/4 · 25% traffic · shifting',
    ],
  ],
  [
    'a new traffic share in the same step and phase: unchanged counts from the share',
    [
      at(0, 1, shifting),
      at(30, 1, { ...shifting, trafficPercent: 30 }),
      at(100, 1, { ...shifting, trafficPercent: 30 }),
    ],
    [
      '[+00:00] step 1/4 · 25% traffic · shifting',
      '[+00:30] step 1/4 · 30% traffic · shifting',
      '[+01:40] step 1/4 · 30% traffic · shifting (unchanged for 1 min 10 s)',
    ],
  ],
  [
    'an inference component: the batch, when the observation names it, and a change of copies is a line',
    [
      at(0, 0, batch(8), 'batch'),
      at(15, 2, batch(10), 'batch'),
      at(45, 2, batch(10), 'batch'),
      at(90, 2, batch(10), 'batch'),
    ],
    [
      '[+00:00] updating · 8 copies running, 8 desired',
      '[+00:15] batch 2/4 · updating · 10 copies running, 8 desired',
      '[+01:30] batch 2/4 · updating (unchanged for 1 min 15 s) · 10 copies running, 8 desired',
    ],
  ],
];

/** The lines the reporter writes to a pipe for `events`, each seen at its time in the rollout's clock. */
function pipe(
  events: [seconds: number, event: DeployEvent][],
  { isTTY = false, heartbeat, wallClock }: { isTTY?: boolean; heartbeat?: boolean; wallClock?: boolean } = {},
): string {
  let written = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  let clock = 0;
  const io = { stdout, stderr: stdout, env: {}, cwd: '/', signal: new AbortController().signal } as CliIo;
  const show = reporter(io, () => clock, {
    ...(heartbeat !== undefined && { heartbeat }),
    ...(wallClock !== undefined && { wallClock }),
  });
  for (const [seconds, event] of events) {
    clock = seconds * 1000;
    show(event);
  }
  return written;
}

for (const [name, events, expected] of logs)
  test(`progress in a pipe: ${name}`, () => {
    // Progress lines only: the plan's line (a row that gives the reporter the plan) is not what is tested here.
    assert.deepEqual(
      pipe(events)
        .trimEnd()
        .split('\n')
        .filter((l) => l.startsWith('[')),
      expected,
    );
  });

test('progress on a terminal has no heartbeat: the one bar is redrawn, never a line', () => {
  const events = [0, 60, 120, 180].map((s) => at(s, 0, waiting));
  assert.doesNotMatch(pipe(events, { isTTY: true }), /\n|unchanged for/);
});

test('progress in a pipe without a heartbeat (the demo): repeats are dropped however long', () => {
  const events = [0, 60, 120, 180].map((s) => at(s, 0, waiting));
  assert.equal(pipe(events, { heartbeat: false }).trimEnd().split('\n').length, 1);
});

test('progress in a pipe: an end each look puts a second either side of a minute reads one minute, the first seen', () => {
  // The runner re-bases a bake's end on the provider's Date header (whole seconds) at every look.
  const events = Array.from({ length: 40 }, (_, i) =>
    at(i * 20, 1, { ...bakingTen, bakeEndsAt: i % 2 === 0 ? 899_600 : 900_400 }),
  );
  const untils = pipe(events)
    .split('\n')
    .flatMap((l) => l.match(/until \d\d:\d\d UTC/g) ?? []);
  assert.deepEqual(untils, ['until 00:15 UTC', 'until 00:15 UTC', 'until 00:15 UTC', 'until 00:15 UTC']);
});

test('progress in a pipe on a scaled clock (deploy --sandbox, SHIFTWISE_CLOCK_SPEED): no time of day', () => {
  const events = Array.from({ length: 10 }, (_, i) => at(i * 20, 1, { ...bakingTen, bakeEndsAt: 900_000 }));
  assert.deepEqual(pipe(events, { wallClock: false }).trimEnd().split('\n'), [
    '[+00:00] step 1/4 · 10% traffic · baking, 15 min left',
    '[+01:00] step 1/4 · 10% traffic · baking, 14 min left',
    '[+03:00] step 1/4 · 10% traffic · baking, 12 min left',
  ]);
});
