import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { type DeployEvent, type Observation, progressWords } from '@shiftwise/core/engine';
import { progressBar, stamp } from '../../cli/src/progress/lines.js';
import { reporter } from '../../cli/src/progress/reporter.js';

// The deploy progress display: one bar redrawn in place on a terminal, plain deduplicated lines in CI.

const progress = (step: number, observation: Observation & { kind: 'progress' }): DeployEvent => ({
  type: 'progress',
  observation,
  step,
  steps: 2,
  stepNoun: 'step',
  elapsedSeconds: 125,
});
const baking = progress(1, {
  kind: 'progress',
  phase: 'baking',
  trafficPercent: 25,
  bakeEndsAt: 600_000,
  message: 'Baking for 600 seconds',
});
const events: DeployEvent[] = [
  { type: 'started' },
  baking,
  baking,
  progress(2, { kind: 'progress', phase: 'shifting', trafficPercent: 100 }),
];

function printed(env: NodeJS.ProcessEnv, isTTY: boolean): string {
  let out = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  const show = reporter(
    { stdout, stderr: stdout, env, cwd: '.', signal: new AbortController().signal },
    () => 360_000,
  );
  for (const e of events) show(e);
  return out;
}

test('CI: one timestamped line per change of step or phase, repeats dropped', () => {
  assert.equal(
    printed({ CI: 'true' }, true),
    'update started\n' +
      '[+02:05] step 1/2 · 25% traffic · baking, 4 min left · Baking for 600 seconds\n' +
      '[+02:05] step 2/2 · 100% traffic · shifting\n',
  );
});

test('terminal: the bar is redrawn in place, with the bake countdown', () => {
  const out = printed({}, true);
  assert.equal(out.split('\r\x1b[2K').length - 1, 3);
  assert.match(out, /\[██████░{18}\] step 1\/2 · 25% · baking 4 min left/);
});

const bars: [string, number, string][] = [
  ['a quarter', 25, '[██████░░░░░░░░░░░░░░░░░░] step 1/2 · 25% · baking 4 min left'],
  ['all', 100, '[████████████████████████] step 1/2 · 100% · baking 4 min left'],
];
test('bar and line: the wait for the last metrics after a bake or a timed pause is no bake, and a bound', () => {
  for (const settling of ['bake', 'pause'] as const) {
    const event = progress(1, {
      kind: 'progress',
      phase: 'baking',
      trafficPercent: 25,
      bakeEndsAt: 510_000,
      settling,
      message: 'step 1 of 2: baking over; waiting 150 s more for the last metrics to settle',
    }) as DeployEvent & { type: 'progress' };
    assert.equal(
      progressBar(event, 360_000),
      `[██████░░░░░░░░░░░░░░░░░░] step 1/2 · 25% · ${settling} over, last metrics up to 2 min 30 s`,
    );
    assert.equal(
      progressWords(event, 360_000),
      `step 1/2 · 25% traffic · ${settling} over, waiting for the last metrics (up to 2 min 30 s)`,
    );
  }
});

for (const [name, traffic, expected] of bars)
  test(`bar: ${name}`, () => {
    const event = progress(1, {
      kind: 'progress',
      phase: 'baking',
      trafficPercent: traffic,
      bakeEndsAt: 600_000,
    });
    assert.equal(progressBar(event as DeployEvent & { type: 'progress' }, 360_000), expected);
  });

test('bar and line name a step as the plan does: a rolling update moves in batches, Vertex AI in waves', () => {
  const observation = { kind: 'progress', phase: 'shifting', trafficPercent: 50 } as const;
  for (const stepNoun of ['batch', 'wave'] as const) {
    const event = { ...progress(2, observation), stepNoun } as DeployEvent & { type: 'progress' };
    assert.match(progressBar(event, 0), new RegExp(`\\] ${stepNoun} 2/2 · 50% · shifting$`));
    assert.equal(progressWords(event, 0), `${stepNoun} 2/2 · 50% traffic · shifting`);
  }
});

test('stamp: minutes and seconds since the deploy began', () => {
  assert.deepEqual([stamp(0), stamp(125), stamp(3725)], ['[+00:00]', '[+02:05]', '[+62:05]']);
});
