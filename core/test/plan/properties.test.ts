import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { plan, validateRollout } from '../../src/index.js';
import { validRolloutText } from './arbitrary.js';

// Properties of every plan of a valid rollout.
const runs = { numRuns: 500 };

function planOf(text: string) {
  const { value, diagnostics } = validateRollout(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => d.message),
    [],
    `the generator made an invalid file:\n${text}`,
  );
  assert.ok(value);
  return { rollout: value, plan: plan(value) };
}

test('traffic never decreases and ends at 100%', () => {
  fc.assert(
    fc.property(validRolloutText, (text) => {
      const { steps } = planOf(text).plan;
      assert.ok(steps.length >= 1);
      steps.forEach((s, i) => {
        if (i > 0) assert.ok(s.trafficPercent >= steps[i - 1]!.trafficPercent, text);
      });
      assert.equal(steps.at(-1)!.trafficPercent, 100);
    }),
    runs,
  );
});

test('totalSeconds is the sum of the bakes, and each step starts when the bakes before it end', () => {
  fc.assert(
    fc.property(validRolloutText, (text) => {
      const p = planOf(text).plan;
      assert.equal(
        p.totalSeconds,
        p.steps.reduce((sum, s) => sum + s.bakeSeconds, 0),
      );
      let at = 0;
      for (const s of p.steps) {
        assert.equal(s.startsAt, at);
        at += s.bakeSeconds;
      }
    }),
    runs,
  );
});

test('peak is at least the capacity; the fleets always add up to it', () => {
  fc.assert(
    fc.property(validRolloutText, (text) => {
      const p = planOf(text).plan;
      assert.ok(p.peakInstances >= p.capacity);
      for (const s of p.steps) assert.equal(s.greenActive + s.blueActive, p.capacity);
    }),
    runs,
  );
});

test('planning is deterministic: the same file plans identically, request included', () => {
  fc.assert(
    fc.property(validRolloutText, (text) => {
      assert.deepEqual(planOf(text).plan, planOf(text).plan);
      assert.deepEqual(JSON.parse(JSON.stringify(planOf(text).plan.request)), planOf(text).plan.request);
    }),
    runs,
  );
});

/** A SageMaker file (not retain) with its timeout moved to within 12 minutes of its bakes, inside 600–28800 s. */
const nearTimeout = fc
  .tuple(
    validRolloutText.filter((t) => t.includes('provider: sagemaker') && t.includes('timeout: 28800')),
    fc.integer({ min: -720, max: 720 }),
  )
  .map(([text, offset]) => {
    const total = planOf(text).plan.totalSeconds;
    const timeout = Math.min(28800, Math.max(600, total + offset));
    return { text: text.replace('timeout: 28800', `timeout: ${timeout}`), timeout, total };
  });

const budget = (text: string, capacity?: number) =>
  validateRollout(text, capacity === undefined ? {} : { capacity }).diagnostics.filter(
    (d) => d.code === 'timeout-budget',
  );

test('timeout-budget agrees with the plan: error when the bakes outlast the timeout, warning under 10 minutes', () => {
  fc.assert(
    fc.property(nearTimeout, ({ text, timeout, total }) => {
      const expected = timeout <= total ? ['error'] : timeout - total < 600 ? ['warning'] : [];
      assert.deepEqual(
        budget(text).map((d) => d.severity),
        expected,
        text,
      );
    }),
    { numRuns: 300 },
  );
});

test('capacity unknown: a timeout-budget error holds at every capacity the file is otherwise valid for', () => {
  fc.assert(
    fc.property(nearTimeout, ({ text }) => {
      const unknown = text.replace(/^capacity: \d+\n/m, '');
      if (!budget(unknown).some((d) => d.severity === 'error')) return;
      for (let capacity = 1; capacity <= 100; capacity++) {
        const others = validateRollout(unknown, { capacity }).diagnostics.filter(
          (d) => d.severity === 'error' && d.code !== 'timeout-budget',
        );
        if (others.length > 0) continue;
        assert.ok(
          budget(unknown, capacity).some((d) => d.severity === 'error'),
          `no error at capacity ${capacity}:\n${unknown}`,
        );
      }
    }),
    { numRuns: 60 },
  );
});
