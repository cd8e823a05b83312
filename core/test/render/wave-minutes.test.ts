import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPlanMarkdown, renderPlanText } from '../../src/index.js';
import { estimatedWaveMinutes } from '../../src/render/measures.js';
import { exampleText } from '../support/examples.js';
import { planOf } from '../support/plan-of.js';

// Vertex AI waves have no planned time, but their surge replicas run for the whole estimate: the extra
// replica-minutes are that estimate, said to be one, never a flat 0.
const rolling = (capacity: number, surge: string, unavailable: string) =>
  planOf(
    exampleText('vertex-rolling.rollout.yaml')
      .replace(/^capacity: .*/m, `capacity: ${capacity}`)
      .replace(/maxSurge: .*/, `maxSurge: ${surge}`)
      .replace(/maxUnavailable: .*/, `maxUnavailable: ${unavailable}`),
  );

// [name, capacity, maxSurge, maxUnavailable, replica-minutes]
const rows: [string, number, string, string, number][] = [
  ['4 replicas, surge 1: 4 waves of 1 extra for 5 min', 4, '1', '0', 20],
  ['10 replicas, surge 3: waves of 3, 3, 3, 1', 10, '3', '0', 50],
  ['4 replicas, surge 1, unavailable 1: 2 waves of 1 extra', 4, '1', '1', 10],
  ['4 replicas, surge 0, unavailable 1: nothing above capacity', 4, '0', '1', 0],
];

for (const [name, capacity, surge, unavailable, minutes] of rows)
  test(`wave replica-minutes: ${name}`, () => {
    assert.equal(estimatedWaveMinutes(rolling(capacity, surge, unavailable)), minutes);
  });

test('every rendering says the waves’ replica-minutes are an estimate', () => {
  const plan = rolling(4, '1', '0');
  assert.match(renderPlanText(plan), /^ {2}extra replica-minutes: about 20 \(estimate: 5 min a wave\)$/m);
  assert.match(
    renderPlanMarkdown(plan),
    /\*\*Extra replica-minutes:\*\* about 20 \(estimate: 5 min a wave\)\./,
  );
  assert.doesNotMatch(renderPlanText(plan), /replica-minutes: 0/);
});
