import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepOf } from '../../src/engine/step-of.js';
import { type Plan, plan, validateRollout } from '../../src/index.js';

// Which planned step an observed traffic share is in (core/src/engine/step-of.ts), as the deploy progress and the
// job summary's planned-vs-seen table count it.

function planOf(text: string, capacity?: number): Plan {
  const { value, diagnostics } = validateRollout(text, capacity === undefined ? {} : { capacity });
  assert.ok(value, JSON.stringify(diagnostics));
  return plan(value, capacity === undefined ? {} : { capacity });
}

const canary = planOf(
  'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\ncapacity: 4\nstrategy:\n  type: canary\n  size: 25%\n  bake: 10m\nterminationWait: 10m\ntimeout: 1h\nrollback:\n  alarms: [a]\n',
);
// 700 replicas, one at a time: the plan shows waves 1–3 as 1% (never 0% while new replicas serve), but Vertex AI
// reports the split in whole percent, 0% until 4 replicas (0.57%) are ready.
const waves = planOf(
  "version: 1\nprovider: vertex-ai\nproject: p\nlocation: us-central1\nendpoint: '1'\nmodel: projects/p/locations/us-central1/models/m\ncapacity: 700\nstrategy:\n  type: rolling\n  maxSurge: 1\n  maxUnavailable: 0\ntimeout: 8h\n",
);

const rows: [name: string, plan: Plan, seen: { trafficPercent?: number; step?: number }, step: number][] = [
  ['canary, nothing moved yet', canary, { trafficPercent: 0 }, 0],
  ['canary, no share known', canary, {}, 0],
  ['canary at its 25%', canary, { trafficPercent: 25 }, 1],
  ['canary between steps', canary, { trafficPercent: 60 }, 2],
  ['canary at 100%', canary, { trafficPercent: 100 }, 2],
  ['a step the provider names', canary, { trafficPercent: 25, step: 2 }, 2],
  ['700 replicas, the first 1% split is wave 4', waves, { trafficPercent: 1 }, 4],
  ['700 replicas, 2% is wave 11 (10.5 rounds up from 1.5%)', waves, { trafficPercent: 2 }, 11],
  ['700 replicas, 100% is the last wave', waves, { trafficPercent: 100 }, 700],
];

for (const [name, p, seen, step] of rows)
  test(`stepOf: ${name}`, () => {
    assert.equal(stepOf(p, { kind: 'progress', phase: 'shifting', ...seen }), step);
  });
