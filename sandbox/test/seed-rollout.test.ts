import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { parseRollout } from '@shiftwise/core';
import { seedRollout } from '@shiftwise/sandbox';
import { exampleNames, exampleText } from '../../core/test/support/examples.js';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.stop());

for (const file of exampleNames) {
  test(`seedRollout creates what ${file} deploys against`, async () => {
    const { value: rollout } = parseRollout(exampleText(file), { fileName: file });
    assert.ok(rollout, `${file} parses`);
    const { summary } = seedRollout(h.sandbox.control, rollout);
    if (rollout.provider === 'vertex-ai') {
      assert.match(summary, /^Vertex AI endpoint /);
      const name = `projects/${rollout.project}/locations/${rollout.location}/endpoints/${rollout.endpoint}`;
      const response = await fetch(`${h.sandbox.url}/v1beta1/${name}`);
      const endpoint = (await response.json()) as { deployedModels: { availableReplicaCount?: number }[] };
      assert.equal(endpoint.deployedModels.length, 1);
      return;
    }
    const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: rollout.endpoint }));
    assert.equal(d.EndpointStatus, 'InService');
    if (rollout.target.kind === 'inferenceComponent') {
      const c = await h.sageMaker.send(
        new DescribeInferenceComponentCommand({ InferenceComponentName: rollout.target.name }),
      );
      assert.deepEqual(
        [
          c.InferenceComponentStatus,
          c.EndpointName,
          c.Specification?.ModelName,
          c.RuntimeConfig?.DesiredCopyCount,
        ],
        ['InService', rollout.endpoint, `${rollout.target.model}-previous`, rollout.capacity ?? 4],
      );
      assert.match(summary, /inference component chat-ic on it \(8 copies of chat-model-v8-previous\)/);
    } else assert.equal(d.ProductionVariants?.[0]?.CurrentInstanceCount, rollout.capacity ?? 2);
    if (rollout.strategy.type === 'retain') assert.ok(d.LastDeploymentConfig?.BlueGreenUpdatePolicy);
    const alarms = await h.cloudWatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [...rollout.rollback.alarms] }),
    );
    assert.deepEqual(
      alarms.MetricAlarms?.map((a) => a.AlarmName).sort(),
      [...rollout.rollback.alarms].sort(),
    );
  });
}
