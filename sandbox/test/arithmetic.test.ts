import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  type CapacitySize,
  type DeploymentConfig,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness, seen } from './harness.js';

// The rows mirror the worked examples in the doc comments of the sandbox's update arithmetic
// (SageMaker steps and batches, Vertex AI waves), observed the way a client sees them: DescribeEndpoint
// while an update bakes, and the control API's Vertex AI transitions.

const pct = (Value: number): CapacitySize => ({ Type: 'CAPACITY_PERCENT', Value });
const count = (Value: number): CapacitySize => ({ Type: 'INSTANCE_COUNT', Value });
const blueGreen = (Type: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR', size?: CapacitySize): DeploymentConfig => ({
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type,
      WaitIntervalInSeconds: 2,
      ...(Type === 'CANARY' ? { CanarySize: size } : Type === 'LINEAR' ? { LinearStepSize: size } : {}),
    },
    TerminationWaitInSeconds: 2,
  },
});
const rolling = (batch: CapacitySize): DeploymentConfig => ({
  RollingUpdatePolicy: { MaximumBatchSize: batch, WaitIntervalInSeconds: 2 },
});

let h: Harness;
let endpoints = 0;
before(async () => {
  h = await harness();
  h.sandbox.control.setTimings({ provisionSeconds: 1, shiftSeconds: 1, terminateSeconds: 1 });
});
after(() => h.stop());

/** New instances carrying traffic in each bake of an update of `capacity` instances, second by second. */
async function bakedSteps(config: DeploymentConfig, capacity: number): Promise<number[]> {
  const name = `app-${++endpoints}`;
  h.sandbox.control.seedEndpoint({ name, config: `${name}-v1`, instances: capacity });
  h.sandbox.control.seedEndpointConfig({ name: `${name}-v2`, instances: capacity });
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: name,
      EndpointConfigName: `${name}-v2`,
      DeploymentConfig: config,
    }),
  );
  const steps: number[] = [];
  for (let second = 0; second < 600; second++) {
    const now = seen(await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: name })));
    if (now.status === 'InService') return steps;
    if (now.variantStatus === 'Baking' && steps.at(-1) !== now.green) steps.push(now.green ?? 0);
    await h.advance(1);
  }
  throw new Error(`${name} still updating after 600 s`);
}

test('a percent of capacity rounds down, minimum one instance; a count is itself', async () => {
  const rows: [string, CapacitySize, number, number][] = [
    ['25% of 4', pct(25), 4, 1],
    ['30% of 3', pct(30), 3, 1],
    ['50% of 5', pct(50), 5, 2],
    ['count 3 of 10', count(3), 10, 3],
  ];
  for (const [name, size, capacity, expected] of rows)
    assert.equal((await bakedSteps(blueGreen('CANARY', size), capacity))[0], expected, name);
});

test('blue/green steps: new instances carrying traffic in each bake', async () => {
  const rows: [string, DeploymentConfig, number, number[]][] = [
    ['all-at-once, 4', blueGreen('ALL_AT_ONCE'), 4, [4]],
    ['canary 25% of 4', blueGreen('CANARY', pct(25)), 4, [1, 4]],
    ['linear 2 of 5', blueGreen('LINEAR', count(2)), 5, [2, 4, 5]],
    ['linear 20% of 5', blueGreen('LINEAR', pct(20)), 5, [1, 2, 3, 4, 5]],
  ];
  for (const [name, config, capacity, expected] of rows)
    assert.deepEqual(await bakedSteps(config, capacity), expected, name);
});

test('rolling batches: new instances in each bake', async () => {
  assert.deepEqual(await bakedSteps(rolling(count(2)), 5), [2, 4, 5], 'batch 2 of 5');
  assert.deepEqual(await bakedSteps(rolling(pct(25)), 4), [1, 2, 3, 4], 'batch 25% of 4');
});

interface RolloutOptions {
  maxSurgeReplicas?: number;
  maxSurgePercentage?: number;
  maxUnavailableReplicas?: number;
  maxUnavailablePercentage?: number;
}

/** One wave of a Vertex AI rollout as the transitions show it: ready replicas at its start, what it changes. */
interface Wave {
  old: number;
  ready: number;
  retired: number;
  launched: number;
}

/** A Vertex AI rolling deployment of `replicas` replicas over as many old ones, run to its end, wave by wave. */
async function waves(replicas: number, options: RolloutOptions): Promise<Wave[]> {
  const id = String(++endpoints);
  const model = 'projects/acme/locations/us-central1/models/ranker';
  const { name } = h.sandbox.control.vertex.seedEndpoint({
    project: 'acme',
    location: 'us-central1',
    id,
    deployedModels: [{ id: '1', model: `${model}@1`, replicas }],
  });
  const response = await fetch(`${h.sandbox.url}/v1beta1/${name}:deployModel`, {
    method: 'POST',
    headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
    body: JSON.stringify({
      deployedModel: { model: `${model}@2`, rolloutOptions: { previousDeployedModel: '1', ...options } },
    }),
  });
  assert.equal(response.status, 200, await response.text());
  await h.advance(24 * 3600);
  // Each transition but the last opens a wave: old replicas already retired, new ones launching until the next.
  const transitions = h.sandbox.control.vertex.transitions({ endpoint: id });
  const found = transitions.slice(0, -1).map((t, i) => ({
    old: t.oldReplicas,
    ready: t.readyReplicas,
    retired: (transitions[i - 1]?.oldReplicas ?? replicas) - t.oldReplicas,
    launched: transitions[i + 1]!.readyReplicas - t.readyReplicas,
  }));
  assert.ok(found.length > 0, `a rollout of ${replicas} replicas with ${JSON.stringify(options)} has waves`);
  return found;
}

const shape = (found: Wave[]) => found.map((w) => [w.retired, w.launched]);

test('Vertex AI waves: surge rounds up, unavailable rounds down, availability floor and surge ceiling hold', async () => {
  assert.equal((await waves(10, { maxSurgePercentage: 25 }))[0]?.launched, 3, 'surge 25% of 10 launches 3');
  assert.equal((await waves(10, { maxUnavailablePercentage: 25 }))[0]?.retired, 2, 'unavailable 25% of 10');
  assert.equal(
    (await waves(10, { maxSurgeReplicas: 1, maxUnavailablePercentage: 5 }))[0]?.retired,
    0,
    'unavailable 5% of 10 retires none',
  );
  assert.equal(
    (await waves(10, { maxUnavailablePercentage: 5 }))[0]?.retired,
    1,
    'surge 0 and unavailable 5% of 10 both round to 0: one replica may be unavailable, as in Kubernetes',
  );
  assert.deepEqual(
    shape(await waves(4, { maxSurgeReplicas: 1 })),
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
    shape(await waves(4, { maxUnavailableReplicas: 2 })),
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
    const options = { maxSurgeReplicas: surge, maxUnavailableReplicas: unavailable };
    for (const w of await waves(replicas, options)) {
      const name = `${replicas}/${surge}/${unavailable}`;
      assert.ok(w.old + w.ready >= replicas - unavailable, `availability floor ${name}`);
      assert.ok(w.old + w.ready + w.launched <= replicas + surge, `surge ceiling ${name}`);
    }
  }
});

/** A multi-variant config's instance counts per variant during each bake: `[green per variant, blue per variant]`. */
async function variantCounts(config: DeploymentConfig, sizes: number[]): Promise<[number[], number[]][]> {
  const name = `multi-${++endpoints}`;
  const variants = sizes.map((n, i) => ({
    VariantName: `v${i}`,
    ModelName: `${name}-m${i}`,
    InitialInstanceCount: n,
  }));
  h.sandbox.control.seedEndpointConfig({ name: `${name}-v1`, variants });
  h.sandbox.control.seedEndpoint({ name, config: `${name}-v1` });
  h.sandbox.control.seedEndpointConfig({ name: `${name}-v2`, variants });
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: name,
      EndpointConfigName: `${name}-v2`,
      DeploymentConfig: config,
    }),
  );
  const bakes: [number[], number[]][] = [];
  for (let second = 0; second < 600; second++) {
    const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    if (d.EndpointStatus === 'InService') return bakes;
    const green =
      d.PendingDeploymentSummary?.ProductionVariants?.map((v) => v.CurrentInstanceCount ?? 0) ?? [];
    const blue = d.ProductionVariants?.map((v) => v.CurrentInstanceCount ?? 0) ?? [];
    const status = d.PendingDeploymentSummary?.ProductionVariants?.[0]?.VariantStatus?.[0]?.Status;
    if (status === 'Baking' && JSON.stringify(bakes.at(-1)) !== JSON.stringify([green, blue]))
      bakes.push([green, blue]);
    await h.advance(1);
  }
  throw new Error(`${name} still updating after 600 s`);
}

test('a multi-variant fleet is shared among its variants by the largest remainder: the counts add up to the fleet', async () => {
  const rows: [string, DeploymentConfig, number[], [number[], number[]][]][] = [
    [
      'canary 25% of 2+2',
      blueGreen('CANARY', pct(25)),
      [2, 2],
      [
        [
          [1, 0],
          [2, 1],
        ],
        [
          [2, 2],
          [0, 0],
        ],
      ],
    ],
    [
      'linear 3 of 3+3+2',
      blueGreen('LINEAR', count(3)),
      [3, 3, 2],
      [
        [
          [1, 1, 1],
          [2, 2, 1],
        ],
        [
          [2, 2, 2],
          [1, 1, 0],
        ],
        [
          [3, 3, 2],
          [0, 0, 0],
        ],
      ],
    ],
    [
      'canary 1 of 1+2',
      blueGreen('CANARY', count(1)),
      [1, 2],
      [
        [
          [0, 1],
          [1, 1],
        ],
        [
          [1, 2],
          [0, 0],
        ],
      ],
    ],
  ];
  for (const [name, config, sizes, expected] of rows) {
    const bakes = await variantCounts(config, sizes);
    assert.deepEqual(bakes, expected, name);
    const fleet = sizes.reduce((n, s) => n + s, 0);
    for (const [green, blue] of bakes)
      assert.equal(
        [...green, ...blue].reduce((n, c) => n + c, 0),
        fleet,
        `${name}: instances serving`,
      );
  }
});
