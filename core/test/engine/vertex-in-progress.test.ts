// Vertex AI preflight: a rollout or revert in progress on the endpoint that a deploy of this file must not cross
// (vertex/in-progress.ts). Its words say what runs and to wait, not to name a `previousDeployedModel`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ListedModel } from '../../src/engine/vertex/client.js';
import { rolloutInProgress } from '../../src/engine/vertex/in-progress.js';
import type { VertexRollout } from '../../src/model.js';

const m = (version: string) => `projects/acme-ml-prod/locations/us-central1/models/${version}`;
const rollout = {
  provider: 'vertex-ai',
  project: 'acme-ml-prod',
  location: 'us-central1',
  endpoint: '1234',
  model: m('sentiment@2'),
} as VertexRollout;
const listed = (id: string, model: string, replaces?: string): ListedModel => ({
  id,
  model,
  ...(replaces !== undefined && { rolloutOptions: { previousDeployedModel: replaces } }),
});

const rows: [
  name: string,
  models: ListedModel[],
  expected: RegExp | undefined,
  file?: Partial<VertexRollout>,
][] = [
  [
    'the revert of the file model, the old DeployedModel still there',
    [listed('1', m('sentiment@1')), listed('7', m('sentiment@2'), '1'), listed('9', m('sentiment@1'), '7')],
    /^a rolling deployment on endpoint 1234 is replacing DeployedModel 7 \(projects\/.*\/sentiment@2, this file's model\) with DeployedModel 9 \(projects\/.*\/sentiment@1\): a revert .* or another rollout is in progress\. Nothing was sent\. Wait for it to end \(`gcloud ai endpoints describe 1234 --region us-central1 --project acme-ml-prod` shows .*\), then run shiftwise deploy FILE again if .*sentiment@2 should still roll out$/,
  ],
  [
    'the revert of the file model, two models where one is the file model',
    [listed('7', m('sentiment@2')), listed('9', m('sentiment@1'), '7')],
    /^a rolling deployment on endpoint 1234 is replacing DeployedModel 7 /,
  ],
  [
    'the revert, though the file names the model to replace',
    [listed('1', m('sentiment@1')), listed('7', m('sentiment@2'), '1'), listed('9', m('sentiment@1'), '7')],
    /is replacing DeployedModel 7 /,
    { previousDeployedModel: '1' },
  ],
  [
    'the file model beside two others, no rolloutOptions to tell',
    [listed('1', m('sentiment@1')), listed('7', m('sentiment@2')), listed('9', m('sentiment@1'))],
    /^on endpoint 1234, .*sentiment@2 is deployed beside 2 other models: a rollout or revert is probably in progress .*; if nothing is in progress, name the DeployedModel to replace in `previousDeployedModel`$/,
  ],
  [
    "the file's own rollout in flight: attached to, not refused here",
    [listed('1', m('sentiment@1')), listed('7', m('sentiment@2'), '1')],
    undefined,
  ],
  [
    'nothing of the file deployed: nothing in progress to name',
    [listed('1', m('a@1')), listed('3', m('b@1'))],
    undefined,
  ],
  [
    'the file model beside two others, the file naming the one to replace',
    [listed('1', m('a@1')), listed('3', m('b@1')), listed('7', m('sentiment@2'))],
    undefined,
    { previousDeployedModel: '1' },
  ],
];

for (const [name, models, expected, file] of rows)
  test(`vertex preflight, in progress: ${name}`, () => {
    const words = rolloutInProgress(models, { ...rollout, ...file });
    if (expected === undefined) assert.equal(words, undefined);
    else assert.match(words ?? '', expected);
  });
