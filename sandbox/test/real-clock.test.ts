import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescribeEndpointCommand, UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { harness } from './harness.js';

test('on the real clock, speed compresses a whole update into milliseconds', async () => {
  // Speed 1e6: the ~70 simulated minutes of this update pass in about 4 real milliseconds.
  const h = await harness({ clock: 'real', speed: 1_000_000 });
  try {
    h.sandbox.control.seedEndpoint({ name: 'fast', config: 'fast-v1', instances: 2 });
    h.sandbox.control.seedEndpointConfig({ name: 'fast-v2', instances: 2 });
    await h.sageMaker.send(
      new UpdateEndpointCommand({
        EndpointName: 'fast',
        EndpointConfigName: 'fast-v2',
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 },
            TerminationWaitInSeconds: 3600,
          },
        },
      }),
    );
    let status: string | undefined;
    for (let i = 0; i < 5000 && status !== 'InService'; i++) {
      const d = await h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: 'fast' }));
      status = d.EndpointStatus;
      if (status === 'InService') assert.equal(d.EndpointConfigName, 'fast-v2');
    }
    assert.equal(status, 'InService');
  } finally {
    await h.stop();
  }
});
