import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FleetOf, fleetCount, fleetUnit } from '../../src/index.js';

// [fleet, count, words] — the unit every rendering of a plan uses (headline, tables, preview, PR body).
const rows: [FleetOf, number, string][] = [
  [{ provider: 'sagemaker' }, 10, '10 instances'],
  [{ provider: 'sagemaker' }, 1, '1 instance'],
  [{ provider: 'sagemaker', target: 'endpoint' }, 0, '0 instances'],
  [{ provider: 'sagemaker', target: 'inference-component' }, 2, '2 copies'],
  [{ provider: 'sagemaker', target: 'inference-component' }, 1, '1 copy'],
  [{ provider: 'vertex-ai' }, 5, '5 replicas'],
  [{ provider: 'vertex-ai' }, 1, '1 replica'],
];

for (const [fleet, count, words] of rows)
  test(`fleetCount(${JSON.stringify(fleet)}, ${count}) is ${words}`, () => {
    assert.equal(fleetCount(fleet, count), words);
    assert.equal(fleetUnit(fleet, count), words.replace(/^\d+ /, ''));
  });

test('without a count the unit is plural', () => {
  assert.equal(fleetUnit({ provider: 'vertex-ai' }), 'replicas');
});
