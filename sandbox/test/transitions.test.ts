import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DescribeEndpointCommand, UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { type Harness, harness, seen } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
  h.sandbox.control.seedEndpoint({ name: 'lag', config: 'lag-v1', instances: 5 });
  h.sandbox.control.seedEndpointConfig({ name: 'lag-v2', instances: 5 });
});
after(() => h.stop());

test('a watcher polling on the sandbox clock sees every transition within one poll interval', async () => {
  await h.sageMaker.send(
    new UpdateEndpointCommand({
      EndpointName: 'lag',
      EndpointConfigName: 'lag-v2',
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: 'LINEAR',
            LinearStepSize: { Type: 'INSTANCE_COUNT', Value: 2 },
            WaitIntervalInSeconds: 120,
          },
          TerminationWaitInSeconds: 60,
        },
      },
    }),
  );
  // The engine's pattern: describe, then sleep on the injected clock (here the sandbox's own).
  const poll = 20_000;
  const firstSeen = new Map<string, number>();
  for (;;) {
    const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'lag' }));
    const s = seen(d);
    const key = `${s.status}/${s.variantStatus ?? ''}/${s.green ?? ''}`;
    if (!firstSeen.has(key)) firstSeen.set(key, h.sandbox.clock.now());
    if (d.EndpointStatus === 'InService') break;
    await h.sandbox.clock.sleep(poll);
  }
  const transitions = h.sandbox.control.transitions({ endpoint: 'lag' });
  const lags = [...firstSeen.values()].map((seenAt) => {
    const happened = transitions.filter((t) => t.at <= seenAt).at(-1)!;
    return seenAt - happened.at;
  });
  assert.ok(
    lags.every((lag) => lag >= 0 && lag < poll),
    `lags ${lags.join(', ')}`,
  );
  assert.equal(h.sandbox.control.lastTransition({ endpoint: 'lag' })?.endpointStatus, 'InService');
  // Linear 2 of 5: steps at 2, 4, 5 instances, each with an activation and a bake, then blue is deleted.
  assert.deepEqual(
    transitions.map((t) => [t.variantStatus ?? t.endpointStatus, t.step]),
    [
      ['InService', undefined],
      ['Creating', 0],
      ['ActivatingTraffic', 1],
      ['Baking', 1],
      ['ActivatingTraffic', 2],
      ['Baking', 2],
      ['ActivatingTraffic', 3],
      ['Baking', 3],
      ['Deleting', 3],
      ['InService', undefined],
    ],
  );
});
