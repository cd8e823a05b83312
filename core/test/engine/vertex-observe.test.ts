import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Observation,
  observeVertexEndpoint,
  operationEnded,
  type VertexEndpointView,
  type VertexOperation,
  type VertexWatch,
} from '../../src/engine/index.js';

// Vertex AI answers → observations (docs/engine.md, "Vertex AI"): the endpoint with its traffic split, and the
// long-running operation. Tables.

const previous = { id: '1', model: 'm@1' };
const watch = (watching: VertexWatch['watching']): VertexWatch => ({
  model: 'm@2',
  endpoint: '7',
  previous,
  watching,
});
const endpoint = (
  split: Record<string, number>,
  extra: Partial<VertexEndpointView> = {},
): VertexEndpointView => ({
  deployedModels: Object.keys(split).map((id) => ({
    id,
    model: id === '1' ? 'm@1' : id === '3' ? 'm@1' : 'm@2',
  })),
  trafficSplit: split,
  ...extra,
});

const endpointRows: [string, VertexEndpointView, VertexWatch['watching'], Observation][] = [
  [
    'our rollout, new replicas not ready: provisioning',
    endpoint({ '1': 100, '2': 0 }),
    'rollout',
    { kind: 'progress', phase: 'provisioning', trafficPercent: 0 },
  ],
  [
    "our rollout, traffic moving: shifting, with the wave's message",
    {
      deployedModels: [previous, { id: '2', model: 'm@2', status: { message: 'wave 2 of 4' } }],
      trafficSplit: { '1': 60, '2': 40 },
    },
    'rollout',
    { kind: 'progress', phase: 'shifting', trafficPercent: 40, message: 'wave 2 of 4' },
  ],
  [
    'our rollout at 100% alone: still progress, the operation decides the end',
    endpoint({ '2': 100 }),
    'rollout',
    { kind: 'progress', phase: 'shifting', trafficPercent: 100 },
  ],
  [
    'attached, new model alone at 100%: succeeded',
    endpoint({ '2': 100 }),
    'attached',
    { kind: 'succeeded', message: 'm@2 serves all traffic' },
  ],
  [
    'attached, new model at 100% beside the old: not done yet',
    endpoint({ '1': 0, '2': 100 }),
    'attached',
    { kind: 'progress', phase: 'shifting', trafficPercent: 100 },
  ],
  [
    'attached, new model gone: rolled back',
    endpoint({ '1': 100 }),
    'attached',
    { kind: 'rolled-back', reason: 'm@2 is no longer deployed on the endpoint' },
  ],
  [
    'our revert running: rolling back, with what the new model still takes',
    endpoint({ '2': 70, '3': 30 }),
    'revert',
    { kind: 'progress', phase: 'rolling-back', trafficPercent: 70 },
  ],
  [
    'revert whose answer was lost, previous model back alone: rolled back',
    endpoint({ '3': 100 }),
    'revert-unseen',
    { kind: 'rolled-back', reason: 'reverted to m@1' },
  ],
  [
    'revert whose answer was lost, still moving: rolling back',
    endpoint({ '2': 50, '3': 50 }),
    'revert-unseen',
    { kind: 'progress', phase: 'rolling-back', trafficPercent: 50 },
  ],
];

for (const [name, view, watching, expected] of endpointRows)
  test(`vertex endpoint: ${name}`, () => {
    assert.deepEqual(observeVertexEndpoint(view, watch(watching)), expected);
  });

const operation = (done: boolean, error?: VertexOperation['error']): VertexOperation => ({
  name: 'operations/9',
  done,
  ...(error && { error }),
});

const operationRows: [string, VertexOperation, VertexWatch['watching'], Observation | undefined][] = [
  ['running: the endpoint says how far', operation(false), 'rollout', undefined],
  [
    'rollout done: succeeded',
    operation(true),
    'rollout',
    { kind: 'succeeded', message: 'm@2 serves all traffic on endpoint 7' },
  ],
  [
    'rollout done with an error: Vertex AI kept the previous model',
    operation(true, { code: 9, message: 'replicas never became ready' }),
    'rollout',
    {
      kind: 'rolled-back',
      reason: 'Vertex AI stopped the rollout and kept the previous model: replicas never became ready',
    },
  ],
  ['revert done: rolled back', operation(true), 'revert', { kind: 'rolled-back', reason: 'reverted to m@1' }],
  [
    'revert done with an error, no message: failed, naming the code',
    operation(true, { code: 13 }),
    'revert',
    { kind: 'failed', reason: 'the revert failed: code 13' },
  ],
];

for (const [name, op, watching, expected] of operationRows)
  test(`vertex operation: ${name}`, () => {
    assert.deepEqual(operationEnded(op, watch(watching)), expected);
  });
