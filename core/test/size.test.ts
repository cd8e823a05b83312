import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Size } from '../src/model.js';
import { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from '../src/plan/size.js';

const pct = (percent: number): Size => ({ kind: 'percent', percent });
const count = (n: number): Size => ({ kind: 'count', count: n });

const rows: [string, () => number, number][] = [
  ['25% of 4 → 1', () => instancesFor(pct(25), 4), 1],
  ['30% of 3 → 1 (minimum one)', () => instancesFor(pct(30), 3), 1],
  ['50% of 5 → 2 (rounds down)', () => instancesFor(pct(50), 5), 2],
  ['count 3 → 3', () => instancesFor(count(3), 10), 3],
  ['1 of 3 carries 33%', () => effectivePercent(1, 3), 33],
  ['surge 25% of 10 → 3 (rounds up)', () => surgeReplicas(pct(25), 10), 3],
  ['unavailable 25% of 10 → 2 (rounds down)', () => unavailableReplicas(pct(25), 10), 2],
  ['unavailable 5% of 10 → 0', () => unavailableReplicas(pct(5), 10), 0],
];

for (const [name, actual, expected] of rows) test(name, () => assert.equal(actual(), expected));
