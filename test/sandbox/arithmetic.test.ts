import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  blueGreenSteps,
  type CapacitySize,
  instancesFor,
  rollingSteps,
} from '../../sandbox/src/sagemaker/policy.js';
import {
  defaultVertexTimings,
  newShare,
  rolloutWaves,
  surgeOf,
  unavailableOf,
} from '../../sandbox/src/vertex/rollout.js';

// Rows mirror the examples in the doc comments of sandbox/src/sagemaker/policy.ts and vertex/rollout.ts.
const pct = (Value: number): CapacitySize => ({ Type: 'CAPACITY_PERCENT', Value });
const count = (Value: number): CapacitySize => ({ Type: 'INSTANCE_COUNT', Value });
const blueGreen = (routing: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR', size?: CapacitySize) => ({
  kind: 'blue-green' as const,
  routing,
  ...(size ? { size } : {}),
  waitSeconds: 0,
  terminationWaitSeconds: 0,
  timeoutSeconds: 3600,
  alarms: [],
});

test('instancesFor: percent rounds down, minimum one', () => {
  const rows: [string, CapacitySize, number, number][] = [
    ['25% of 4', pct(25), 4, 1],
    ['30% of 3', pct(30), 3, 1],
    ['50% of 5', pct(50), 5, 2],
    ['count 3', count(3), 10, 3],
  ];
  for (const [name, size, capacity, expected] of rows)
    assert.equal(instancesFor(size, capacity), expected, name);
});

test('blue/green steps: green instances carrying traffic after each step', () => {
  const rows: [string, ReturnType<typeof blueGreen>, number, number[]][] = [
    ['all-at-once, 4', blueGreen('ALL_AT_ONCE'), 4, [4]],
    ['canary 25% of 4', blueGreen('CANARY', pct(25)), 4, [1, 4]],
    ['linear 2 of 5', blueGreen('LINEAR', count(2)), 5, [2, 4, 5]],
    ['linear 20% of 5', blueGreen('LINEAR', pct(20)), 5, [1, 2, 3, 4, 5]],
  ];
  for (const [name, policy, capacity, expected] of rows)
    assert.deepEqual(blueGreenSteps(policy, capacity), expected, name);
});

test('rolling steps: new instances after each batch', () => {
  assert.deepEqual(rollingSteps(count(2), 5), [2, 4, 5], 'batch 2 of 5');
  assert.deepEqual(rollingSteps(pct(25), 4), [1, 2, 3, 4], 'batch 25% of 4');
});

test('Vertex AI waves: surge rounds up, unavailable rounds down, availability floor holds', () => {
  assert.equal(surgeOf({ maxSurgePercentage: 25 }, 10), 3, 'surge 25% of 10');
  assert.equal(unavailableOf({ maxUnavailablePercentage: 25 }, 10), 2, 'unavailable 25% of 10');
  assert.equal(unavailableOf({ maxUnavailablePercentage: 5 }, 10), 0, 'unavailable 5% of 10');
  const shape = (replicas: number, surge: number, unavailable: number) =>
    rolloutWaves(replicas, surge, unavailable, defaultVertexTimings).map((w) => [w.retired, w.launched]);
  assert.deepEqual(
    shape(4, 1, 0),
    [
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 0],
    ],
    '4 replicas, surge 1',
  );
  assert.deepEqual(
    shape(4, 0, 2),
    [
      [2, 2],
      [2, 2],
    ],
    '4 replicas, unavailable 2',
  );
  for (const [replicas, surge, unavailable] of [
    [10, 3, 2],
    [7, 1, 1],
    [5, 0, 1],
    [3, 5, 0],
  ] as const) {
    for (const w of rolloutWaves(replicas, surge, unavailable, defaultVertexTimings)) {
      assert.ok(
        w.old + w.ready >= replicas - unavailable,
        `availability floor ${replicas}/${surge}/${unavailable}`,
      );
      assert.ok(
        w.old + w.ready + w.launched <= replicas + surge,
        `surge ceiling ${replicas}/${surge}/${unavailable}`,
      );
    }
  }
  assert.equal(newShare(3, 1), 25);
  assert.equal(newShare(0, 0), 0);
});
