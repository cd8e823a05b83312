import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRollout } from '../src/index.js';

// A canary of one instance on a large fleet: SageMaker takes a count of at least 1 (docs/rules.md, canary-size),
// and the rounding warning that suggests it must not contradict itself.

const canary = (size: string) =>
  `version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\ncapacity: 150\nstrategy:\n  type: canary\n  size: ${size}\n  bake: 10m\nterminationWait: 10m\ntimeout: 1h\nrollback:\n  alarms: [a]\n`;

test('a 1% canary of 150 warns that 1 instance carries 0.67%, and the 1 it suggests is accepted', () => {
  const [warning, ...more] = validateRollout(canary('1%')).diagnostics;
  assert.deepEqual(more, []);
  assert.equal(warning?.code, 'rounding');
  assert.match(warning?.message ?? '', /carrying 0\.67% of traffic, not 1%; write 1 to say what happens$/);
  assert.deepEqual(validateRollout(canary('1')).diagnostics, []);
});
