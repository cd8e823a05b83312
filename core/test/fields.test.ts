import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeValue, fieldDocs, keysFor, pathAt, validateRollout } from '../src/index.js';
import { canaryText as canary } from './support/examples.js';

test('field docs name the API field for the provider and strategy', () => {
  const context = { provider: 'sagemaker', strategy: 'canary' } as const;
  assert.equal(
    fieldDocs('strategy.bake', context)?.apiField,
    'TrafficRoutingConfiguration.WaitIntervalInSeconds',
  );
  assert.equal(
    fieldDocs('strategy.bake', { provider: 'sagemaker', strategy: 'rolling' })?.apiField,
    'RollingUpdatePolicy.WaitIntervalInSeconds',
  );
  assert.equal(fieldDocs('endpoint', { provider: 'vertex-ai' })?.title, 'Endpoint ID');
  assert.equal(fieldDocs('rollback.alarms.3', context)?.path, 'rollback.alarms');
  assert.deepEqual(fieldDocs('strategy.type', { provider: 'vertex-ai' })?.values, ['rolling', 'steps']);
  assert.equal(fieldDocs('nope'), undefined);
});

test('completion keys follow the provider and strategy', () => {
  const keys = (parent: string, context: Parameters<typeof keysFor>[1]) =>
    keysFor(parent, context).map((f) => f.path.split('.').pop());
  assert.deepEqual(keys('strategy', { provider: 'sagemaker', strategy: 'canary' }), ['type', 'size', 'bake']);
  assert.deepEqual(keys('strategy', { provider: 'vertex-ai', strategy: 'rolling' }), [
    'type',
    'maxSurge',
    'maxUnavailable',
  ]);
  assert.ok(!keys('', { provider: 'sagemaker', strategy: 'rolling' }).includes('terminationWait'));
  assert.ok(keys('', { provider: 'vertex-ai' }).includes('project'));
  assert.deepEqual(keys('rollback', { provider: 'sagemaker', strategy: 'rolling' }), ['alarms', 'batch']);
});

test('values described in words: seconds and whole instances', () => {
  const { value } = validateRollout(canary);
  assert.ok(value);
  assert.equal(describeValue('strategy.bake', value), '600 s (10m)');
  assert.equal(describeValue('strategy.size', value), '1 instance of 4 (25% of traffic)');
  assert.equal(describeValue('strategy.size', value, 10), '2 instances of 10 (20% of traffic)');
  assert.equal(describeValue('rollback.alarms', value), '2 alarms');
  assert.equal(describeValue('endpoint', value), undefined);
});

test('pathAt finds the key or value under an offset', () => {
  const { source } = validateRollout(canary);
  assert.deepEqual(pathAt(source, canary.indexOf('bake:') + 1), { path: 'strategy.bake', on: 'key' });
  assert.deepEqual(pathAt(source, canary.indexOf('size: 25%') + 7), { path: 'strategy.size', on: 'value' });
  assert.deepEqual(pathAt(source, canary.indexOf('fraud-5xx') + 2), {
    path: 'rollback.alarms.0',
    on: 'value',
  });
});

test('describeValue: a Vertex AI surge above the capacity is said as the capacity it can start', () => {
  const text = readFileSync(new URL('../../examples/vertex-rolling.rollout.yaml', import.meta.url), 'utf8');
  const value = validateRollout(text.replace(/maxSurge: .*/, 'maxSurge: 10')).value;
  assert.ok(value);
  assert.equal(
    describeValue('strategy.maxSurge', value, 4),
    '4 replicas of 4 (10 replicas asked; no more than capacity)',
  );
  assert.equal(describeValue('strategy.maxSurge', value, 20), '10 replicas of 20');
});
