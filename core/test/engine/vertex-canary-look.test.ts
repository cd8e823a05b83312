import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanaryClient, CanaryEndpointView } from '../../src/engine/vertex/canary-client.js';
import { vertexCanaryProvider } from '../../src/engine/vertex/canary-provider.js';
import type { VertexOperation } from '../../src/engine/vertex/client.js';
import { validateRollout } from '../../src/index.js';
import { labelValue, vertexStepsDigest, withStateLabels } from '../../src/plan/vertex-labels.js';
import type { VertexStepsRollout } from '../../src/plan/vertex-steps-request.js';
import { exampleText } from '../support/examples.js';

// What a Vertex AI canary's look makes of operations that end and begin between its reads, with a client of our
// own that scripts the endpoint: the operation the labels named (101) has ended, and by the time the endpoint is read
// again another process has recorded its next one (102). The look waits for that one; nothing is sent meanwhile.

const rollout = validateRollout(exampleText('vertex-steps.rollout.yaml')).value as VertexStepsRollout;
const at = '2026-01-01T09:00:00.000Z';

/** The endpoint of a canary that is finishing (the previous model's undeploy recorded as operation `op`). */
function endpointWith(op: string): CanaryEndpointView {
  return {
    deployedModels: [
      { id: '1', model: 'projects/acme-ml/locations/us-central1/models/sentiment@6' },
      { id: '1001', model: rollout.model },
    ],
    trafficSplit: { '1001': 100 },
    labels: withStateLabels(
      { team: 'ml' },
      {
        rollout: labelValue(rollout.name),
        digest: vertexStepsDigest(rollout),
        original: '1',
        step: 4,
        state: 'finishing',
        since: at,
        stretch: at,
        previous: '1',
        fresh: '1001',
        operation: op,
      },
    ),
    answeredAt: Date.parse(at),
  };
}

function scriptedClient() {
  const writes: string[] = [];
  let labelled = '101';
  let reads101 = 0;
  const client: CanaryClient = {
    endpoint: async () => endpointWith(labelled),
    operation: async (name): Promise<VertexOperation> => {
      const id = name.split('/').pop() ?? '';
      if (id !== '101') return { name, done: false };
      // 101 still runs at preflight, has ended at the next look; the other process records 102 at once.
      if (++reads101 === 1) return { name, done: false };
      labelled = '102';
      return { name, done: true };
    },
    deployModel: async () => {
      writes.push('deployModel');
      return { name: 'X', done: false };
    },
    undeployModel: async () => {
      writes.push('undeployModel');
      return { name: 'X', done: false };
    },
    patch: async (request) => {
      writes.push(`patch ${JSON.stringify(request)}`);
      return endpointWith(labelled);
    },
    timeSeries: async () => [],
  };
  return { client, writes };
}

test('vertex canary look: an operation that ended, then another recorded by another process: it waits for that one', async () => {
  const { client, writes } = scriptedClient();
  const provider = vertexCanaryProvider(rollout, {
    client,
    mode: 'promote',
    tokens: { describe: async () => 'test', token: async () => 't' },
  });
  const preflight = await provider.preflight();
  assert.equal(preflight.kind, 'in-flight', JSON.stringify(preflight));
  const seen = await provider.observe();
  assert.equal(seen.kind, 'progress', JSON.stringify(seen));
  assert.match(JSON.stringify(seen), /operation 102 running/);
  assert.deepEqual(writes, [], 'nothing is sent while 102 runs');
});
