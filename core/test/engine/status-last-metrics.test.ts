// `shiftwise status` of a rollout standing in the wait for a step's last metrics: its bake (or timed pause) is over,
// the step has not moved on, and its last periods have not all settled. The wait is a bound the status names; the
// same reckoning as the driver's (the period holding the bake's end ends, then each check's lag passes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type LastMetricsWait, lastMetricsWait } from '../../src/engine/steps/status.js';
import type { Rollout } from '../../src/model.js';
import type { StepsState } from '../../src/plan/steps-request.js';
import { validateRollout } from '../../src/validate.js';
import { exampleText } from '../support/examples.js';

const rolloutOf = (text: string): Rollout => {
  const { value } = validateRollout(text);
  assert.ok(value);
  return value;
};
// Step 1 bakes 10 min; new-5xx reads 1-minute periods (lag 2 min), error-rate-vs-old 5-minute ones (SageMaker's 120 s).
const sagemaker = exampleText('sagemaker-steps.rollout.yaml');
const steps = rolloutOf(sagemaker);
const timedPause = rolloutOf(sagemaker.replace('- pause: manual', '- pause: 5m'));
const unchecked = rolloutOf(sagemaker.replace(/\nanalysis:[\s\S]*$/, '\n'));
// Step 1 bakes 15 min; new-errors reads 1-minute periods with Vertex AI's 240 s.
const vertex = rolloutOf(exampleText('vertex-steps.rollout.yaml'));

const day = '2026-12-05T';
const at = (time: string) => Date.parse(`${day}${time}Z`);
const state = (step: number, phase: StepsState['state'] = 'baking'): StepsState => ({
  rollout: 'r',
  digest: 'd',
  original: 'c',
  step,
  state: phase,
  since: `${day}14:00:30.000Z`,
  stretch: `${day}14:00:00.000Z`,
});
const wait = (after: 'bake' | 'pause', ended: string, until: string): LastMetricsWait => ({
  after,
  ended: `${day}${ended}.000Z`,
  until: `${day}${until}.000Z`,
});

// [what, rollout, state, now, the wait or undefined]
const rows: [string, Rollout, StepsState, string, LastMetricsWait | undefined][] = [
  ['in the bake: no wait yet', steps, state(1), '14:05:00', undefined],
  [
    'the bake just over: the 5-minute period holding its end ends 14:15, settles 14:17',
    steps,
    state(1),
    '14:10:30',
    wait('bake', '14:10:30', '14:17:00'),
  ],
  ['a second before it settles', steps, state(1), '14:16:59', wait('bake', '14:10:30', '14:17:00')],
  ['settled: no wait (the next look moves on)', steps, state(1), '14:17:00', undefined],
  [
    'a timed pause of 5 min over: said as a pause',
    timedPause,
    state(3),
    '14:06:00',
    wait('pause', '14:05:30', '14:12:00'),
  ],
  ['at a manual gate: no wait (no check judges a gate)', steps, state(3, 'paused'), '14:20:00', undefined],
  ['shifting: no wait', steps, state(2, 'shifting'), '14:12:00', undefined],
  ['no analysis checks: no wait', unchecked, state(1), '14:11:00', undefined],
  [
    "Vertex AI: a 1-minute check with the provider's 240 s",
    vertex,
    state(1),
    '14:16:00',
    wait('bake', '14:15:30', '14:20:00'),
  ],
];

for (const [what, rollout, recorded, now, expected] of rows)
  test(`status, the wait for the last metrics: ${what}`, () => {
    assert.deepEqual(lastMetricsWait(rollout, recorded, at(now)), expected);
  });
