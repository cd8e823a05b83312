import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rollout } from '@shiftwise/core';
import {
  deploy,
  inferenceComponentProvider,
  type Outcome,
  providerFor,
  sageMakerClients,
  sageMakerProvider,
} from '@shiftwise/core/engine';
import { type SandboxControl, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example } from './support.js';

// A connection that drops AFTER the service acted (the sandbox's own `drop` fault closes it before): the call
// changed the cloud, but the engine only sees ECONNRESET and retries. The retry must not turn into a failure —
// "already exists", "in-progress endpoint" and FAILED_PRECONDITION are then our own request, seen twice.

const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

interface Row {
  readonly name: string;
  readonly file: string;
  /** SDK command (SageMaker) or `METHOD path-suffix` (Vertex AI) whose answer is lost. */
  readonly lose: string;
  /** Which call of that kind loses its answer; default the first. */
  readonly nth?: number;
  readonly setup?: (control: SandboxControl, rollout: Rollout) => void;
  readonly watchTimeoutSeconds?: number;
  readonly outcome: Outcome;
}

/** The new model's replicas never become ready (the previous model is another one): only a revert ends it. */
const stuckVertex = (c: SandboxControl, r: Rollout) => {
  if (r.provider !== 'vertex-ai') return;
  c.vertex.seedModel({ name: r.model });
  c.vertex.seedEndpoint({
    project: r.project,
    location: r.location,
    id: r.endpoint,
    deployedModels: [
      { id: '1', model: `projects/${r.project}/locations/${r.location}/models/legacy@1`, replicas: 4 },
    ],
  });
  c.vertex.replicasNeverReady({ model: r.model.split('@')[0]! });
};

const rows: Row[] = [
  {
    name: 'UpdateEndpoint',
    file: 'sagemaker-canary.rollout.yaml',
    lose: 'UpdateEndpointCommand',
    outcome: 'succeeded',
  },
  {
    name: 'CreateEndpointConfig of a model target',
    file: 'sagemaker-model.rollout.json',
    lose: 'CreateEndpointConfigCommand',
    outcome: 'succeeded',
  },
  {
    name: 'UpdateEndpoint of a model target',
    file: 'sagemaker-model.rollout.json',
    lose: 'UpdateEndpointCommand',
    outcome: 'succeeded',
  },
  {
    name: 'DescribeEndpoint',
    file: 'sagemaker-linear.rollout.yaml',
    lose: 'DescribeEndpointCommand',
    outcome: 'succeeded',
  },
  {
    name: 'UpdateInferenceComponent',
    file: 'sagemaker-inference-component.rollout.yaml',
    lose: 'UpdateInferenceComponentCommand',
    outcome: 'succeeded',
  },
  {
    name: 'DescribeInferenceComponent',
    file: 'sagemaker-inference-component.rollout.yaml',
    lose: 'DescribeInferenceComponentCommand',
    nth: 3,
    outcome: 'succeeded',
  },
  {
    name: 'Vertex AI deployModel',
    file: 'vertex-rolling.rollout.yaml',
    lose: 'POST :deployModel',
    outcome: 'succeeded',
  },
  {
    name: "Vertex AI deployModel of Shiftwise's revert",
    file: 'vertex-rolling.rollout.yaml',
    lose: 'POST :deployModel',
    nth: 2,
    setup: stuckVertex,
    watchTimeoutSeconds: 120,
    outcome: 'rolled-back',
  },
];

/** Deploys with the answer of the first call named `lose` thrown away after the sandbox handled it. */
async function deployLosing(rollout: Rollout, row: Row) {
  const { lose, nth = 1 } = row;
  const sandbox = await startSandbox({ clock: 'virtual' });
  const realFetch = globalThis.fetch;
  let lost = 0;
  try {
    (row.setup ?? seedRollout)(sandbox.control, rollout);
    let provider = providerFor(rollout, { env: sandbox.env });
    if (rollout.provider === 'sagemaker') {
      const clients = sageMakerClients(rollout.region, sandbox.env);
      clients.sagemaker.middlewareStack.add(
        (next, context) => async (args) => {
          const out = await next(args);
          if (context.commandName === lose && ++lost === nth) throw reset();
          return out;
        },
        { step: 'initialize', name: 'loseOneAnswer' },
      );
      provider =
        rollout.target.kind === 'inferenceComponent'
          ? inferenceComponentProvider(rollout, clients)
          : sageMakerProvider(rollout, clients);
    } else {
      const [method, suffix] = lose.split(' ') as [string, string];
      globalThis.fetch = async (input, init) => {
        const answer = await realFetch(input, init);
        if ((init?.method ?? 'GET') === method && String(input).endsWith(suffix) && ++lost === nth) {
          await answer.text();
          throw new TypeError('fetch failed', { cause: reset() });
        }
        return answer;
      };
    }
    const report = await deploy(rollout, provider, {
      clock: sandbox.clock,
      ...(row.watchTimeoutSeconds !== undefined && { watchTimeoutSeconds: row.watchTimeoutSeconds }),
    });
    return { report, lost };
  } finally {
    globalThis.fetch = realFetch;
    await sandbox.stop();
  }
}

for (const row of rows) {
  test(`a lost answer to ${row.name} does not change the outcome`, async () => {
    const { report, lost } = await deployLosing(example(row.file), row);
    assert.ok(lost >= (row.nth ?? 1), `${row.lose} was called ${lost} time(s)`);
    assert.equal(report.outcome, row.outcome, report.reason);
  });
}
