import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { plan, validateRollout } from '../../src/index.js';
import { validRolloutText } from './arbitrary.js';

// Properties of every plan of a valid rollout (issue 3).
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
