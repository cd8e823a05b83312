// describeValue on the items of lists (steps, analysis checks) and on a partial model: rows of path, file, words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeValue, validateRollout } from '../src/index.js';

const steps = readFileSync(new URL('../../examples/sagemaker-steps.rollout.yaml', import.meta.url), 'utf8');
const vertex = readFileSync(new URL('../../examples/vertex-steps.rollout.yaml', import.meta.url), 'utf8');

test('describeValue: the steps and analysis checks of a Shiftwise-run rollout', () => {
  const rows: [path: string, text: string, capacity: number | undefined, expected: string | undefined][] = [
    ['strategy.steps.0.traffic', steps, undefined, '1 instance of 4 (5% of traffic)'],
    ['strategy.steps.0.traffic', steps, 40, '2 instances of 40 (5% of traffic)'],
    ['strategy.steps.0.bake', steps, undefined, '600 s (10m)'],
    ['strategy.steps.2.pause', steps, undefined, 'until shiftwise promote'],
    ['strategy.steps.2.pause', steps.replace('pause: manual', 'pause: 1h'), undefined, '3600 s (1h)'],
    // A pause has no traffic of its own; a step past the end is not described.
    ['strategy.steps.2.traffic', steps, undefined, undefined],
    ['strategy.steps.99.bake', steps, undefined, undefined],
    ['analysis.0.period', steps, undefined, '60 s (1m)'],
    ['analysis.1.failureLimit', steps, undefined, '2 breaching periods in a row: 600 s (10m)'],
    ['analysis.0.name', steps, undefined, undefined],
    ['strategy.steps.0.traffic', vertex, undefined, `${/traffic: (\d+%)/.exec(vertex)?.[1]} of traffic`],
  ];
  for (const [path, text, capacity, expected] of rows) {
    const { value } = validateRollout(text);
    assert.ok(value, path);
    assert.equal(describeValue(path, value, capacity), expected, path);
  }
});
