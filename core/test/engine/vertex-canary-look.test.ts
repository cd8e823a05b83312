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

/** A canary rolling back: the new model (1001) has no traffic left and its undeploy, operation 201, failed. */
function rollingBackWith(op: string | undefined): CanaryEndpointView {
  const finishing = endpointWith('201');
  return {
    ...finishing,
    trafficSplit: { '1': 100, '1001': 0 },
    labels: withStateLabels(
      { team: 'ml' },
      {
        rollout: labelValue(rollout.name),
        digest: vertexStepsDigest(rollout),
        original: '1',
        step: 2,
        state: 'rolling-back',
        since: at,
        stretch: at,
        previous: '1',
        fresh: '1001',
        reason: 'aborted',
        ...(op !== undefined && { operation: op }),
      },
    ),
  };
}

test('vertex canary: an undeploy of the new model that failed while rolling back ends failed, and the next run sends it again', async () => {
  let view = rollingBackWith('201');
  const writes: string[] = [];
  const client: CanaryClient = {
    endpoint: async () => view,
    operation: async (name) => ({
      name,
      done: true,
      error: { code: 9, message: 'DeployedModel 1001 is busy' },
    }),
    deployModel: async () => {
      throw new Error('no deploy while rolling back');
    },
    undeployModel: async () => {
      writes.push('undeployModel');
      return {
        name: 'projects/acme-ml/locations/us-central1/endpoints/1234567890/operations/202',
        done: false,
      };
    },
    patch: async (request) => {
      writes.push('patch labels');
      if (request.updateMask === 'labels' && request.body.labels)
        view = { ...view, labels: request.body.labels };
      return view;
    },
    timeSeries: async () => [],
  };
  const run = () =>
    vertexCanaryProvider(rollout, {
      client,
      mode: 'abort',
      tokens: { describe: async () => 'test', token: async () => 't' },
    });
  const first = run();
  assert.equal((await first.preflight()).kind, 'in-flight');
  const failed = await first.observe();
  assert.equal(failed.kind, 'failed', JSON.stringify(failed));
  assert.match(
    JSON.stringify(failed),
    /undeploying the new model \(DeployedModel 1001\) failed: DeployedModel 1001 is busy \(code 9\)\. DeployedModel 1 has its whole share back; DeployedModel 1001 is still deployed, with no traffic; run shiftwise abort FILE to try again/,
  );
  assert.deepEqual(writes, ['patch labels'], 'the failed operation is forgotten, nothing else is sent');
  assert.equal(view.labels?.['shiftwise-operation'], undefined);
  assert.equal(view.labels?.['shiftwise-state'], 'rolling-back');
  // The next run (after whatever made it fail is fixed) sends the undeploy again.
  const second = run();
  assert.equal((await second.preflight()).kind, 'in-flight');
  assert.equal((await second.observe()).kind, 'progress');
  assert.deepEqual(writes.slice(1), ['undeployModel', 'patch labels']);
});
