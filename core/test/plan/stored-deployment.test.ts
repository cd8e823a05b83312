// `retain` at deploy time: the deployment config stored on the endpoint (DescribeEndpoint's LastDeploymentConfig)
// read as the strategy a file would state, and the plan made from it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { plan, planSummary, renderPlanText, validateRollout } from '../../src/index.js';
import type { DeploymentConfig } from '../../src/plan/sagemaker-api.js';
import { storedDeployment, storedDeploymentWords } from '../../src/plan/stored-deployment.js';

const routing = (r: Record<string, unknown>, wait?: number): DeploymentConfig =>
  ({
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: r,
      ...(wait !== undefined && { TerminationWaitInSeconds: wait }),
    },
  }) as unknown as DeploymentConfig;

const rows: { name: string; config: DeploymentConfig | undefined; words?: string }[] = [
  { name: 'none stored', config: undefined },
  {
    name: 'all at once',
    config: routing({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 }, 600),
    words: 'all-at-once, termination wait 10 min',
  },
  {
    name: 'canary of one instance',
    config: routing(
      { Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 }, WaitIntervalInSeconds: 300 },
      300,
    ),
    words: 'canary of 1 instance, bake 5 min, termination wait 5 min',
  },
  {
    name: 'linear steps of a percent, no termination wait',
    config: routing({
      Type: 'LINEAR',
      LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 20 },
      WaitIntervalInSeconds: 600,
    }),
    words: 'linear steps of 20%, bake 10 min',
  },
  {
    name: 'rolling batches',
    config: {
      RollingUpdatePolicy: {
        MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
        WaitIntervalInSeconds: 60,
      },
    },
    words: 'rolling batches of 25%, bake 1 min',
  },
  { name: 'a canary without its size', config: routing({ Type: 'CANARY', WaitIntervalInSeconds: 300 }) },
  {
    name: 'a size of 0',
    config: routing({
      Type: 'LINEAR',
      LinearStepSize: { Type: 'INSTANCE_COUNT', Value: 0 },
      WaitIntervalInSeconds: 1,
    }),
  },
  {
    name: 'a percent over 100',
    config: {
      RollingUpdatePolicy: {
        MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 150 },
        WaitIntervalInSeconds: 60,
      },
    },
  },
  {
    name: 'a routing type SageMaker does not have',
    config: routing({ Type: 'SHADOW', WaitIntervalInSeconds: 1 }),
  },
  {
    name: 'a negative wait',
    config: routing({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 }, -5),
  },
];

for (const row of rows)
  test(`stored deployment config: ${row.name}`, () => {
    const stored = storedDeployment(row.config);
    assert.equal(stored && storedDeploymentWords(stored), row.words);
  });

const retain = () => {
  const text = readFileSync(
    new URL('../../../examples/sagemaker-retain.rollout.yaml', import.meta.url),
    'utf8',
  );
  const { value } = validateRollout(text);
  assert.ok(value);
  return value;
};

test('retain planned with the stored config: its steps, time and peak, and words that say where they come from', () => {
  const stored = storedDeployment(rows[2]!.config)!;
  const planned = plan(retain(), { capacity: 4, found: { provider: 'sagemaker', storedDeployment: stored } });
  assert.equal(planned.strategy, 'retain');
  assert.equal(planned.retained, 'canary');
  assert.equal(planSummary(planned), '2 steps · 10 min · peak 8 instances');
  const text = renderPlanText(planned);
  assert.match(text, /stored deployment config, which this update runs again, is canary of 1 instance/);
  assert.match(text, /blast radius: 25% of traffic on the new model for 5 min/);
  assert.doesNotMatch(text, /unknown/);
  assert.ok(planned.request.operation === 'UpdateEndpoint' && planned.request.input.RetainDeploymentConfig);
});

test('retain planned without the stored config (before a deploy) says the steps, time and peak are unknown', () => {
  assert.equal(planSummary(plan(retain())), 'steps of the stored config · time unknown · peak unknown');
});
