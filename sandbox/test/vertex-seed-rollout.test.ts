import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { parseRollout } from '@shiftwise/core';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { exampleText } from '../../core/test/support/examples.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ clock: 'virtual' });
});
afterEach(() => sandbox.stop());

interface Endpoint {
  deployedModels: { id: string; model: string; dedicatedResources: { minReplicaCount: number } }[];
  trafficSplit: Record<string, number>;
}

const steps = exampleText('vertex-steps.rollout.yaml');

const cases: [
  name: string,
  text: string,
  models: [id: string, replicas: number][],
  split: Record<string, number>,
][] = [
  ['the example canary', steps, [['1', 2]], { '1': 100 }],
  [
    'a previous DeployedModel and a capacity',
    steps.replace('capacity: 2', 'capacity: 3\npreviousDeployedModel: "42"'),
    [['42', 3]],
    { '42': 100 },
  ],
  [
    'otherDeployedModels beside it',
    steps.replace('capacity: 2', 'capacity: 2\npreviousDeployedModel: "42"\notherDeployedModels: ["7", "8"]'),
    [
      ['42', 2],
      ['7', 1],
      ['8', 1],
    ],
    { '42': 100, '7': 0, '8': 0 },
  ],
];

for (const [name, text, models, split] of cases) {
  test(`seedRollout, a Vertex AI canary by traffic split: ${name}`, async () => {
    const { value: rollout, diagnostics } = parseRollout(text, { fileName: 'canary.rollout.yaml' });
    assert.ok(rollout, JSON.stringify(diagnostics));
    assert.equal(rollout.provider, 'vertex-ai');
    const { summary } = seedRollout(sandbox.control, rollout);
    assert.match(
      summary,
      /^Vertex AI endpoint 1234567890 \(DeployedModel \d+, \d replicas, 100% of the traffic/,
    );
    const url = `${sandbox.url}/v1/projects/acme-ml/locations/us-central1/endpoints/1234567890`;
    const endpoint = (await (await fetch(url)).json()) as Endpoint;
    assert.deepEqual(
      endpoint.deployedModels.map((m) => [m.id, m.dedicatedResources.minReplicaCount]),
      models,
    );
    assert.deepEqual(endpoint.trafficSplit, split);
    assert.equal(
      endpoint.deployedModels[0]?.model,
      'projects/acme-ml/locations/us-central1/models/sentiment@1',
    );
    const model = await fetch(`${sandbox.url}/v1/projects/acme-ml/locations/us-central1/models/sentiment@7`);
    assert.equal(model.status, 200);
  });
}
