import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  SageMakerClient,
  UpdateEndpointCommand,
  type UpdateEndpointCommandInput,
} from '@aws-sdk/client-sagemaker';
import { type SageMakerRollout, sageMakerRequest } from '@shiftwise/core';
import { type DeployEvent, deploy, providerFor } from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example } from './support.js';

// A second run while an update is in flight: the same target is attached to (no second UpdateEndpoint),
// another target is refused by name. The first update is sent by a plain SDK client, as another job would.

async function withUpdateInFlight(
  request: (rollout: SageMakerRollout) => UpdateEndpointCommandInput,
  check: (events: DeployEvent[], outcome: { outcome: string; reason: string; phase: string }) => void,
) {
  const rollout = example('sagemaker-canary.rollout.yaml') as SageMakerRollout;
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, rollout);
    sandbox.control.seedEndpointConfig({ name: 'fraud-detector-v43', instances: 4 });
    const client = new SageMakerClient({
      endpoint: sandbox.env.AWS_ENDPOINT_URL!,
      region: sandbox.env.AWS_REGION!,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await client.send(new UpdateEndpointCommand(request(rollout)));
    await sandbox.clock.advance(30_000);
    const events: DeployEvent[] = [];
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      onEvent: (e) => events.push(e),
    });
    check(events, report);
    const statuses = sandbox.control.transitions({ endpoint: rollout.endpoint }).map((t) => t.endpointStatus);
    const updates = statuses.filter((s, i) => s === 'Updating' && statuses[i - 1] !== 'Updating');
    assert.equal(updates.length, 1, `exactly one update ran: ${statuses.join(' → ')}`);
  } finally {
    await sandbox.stop();
  }
}

test('in flight to the same target: attached, watched to success, no second UpdateEndpoint', () =>
  withUpdateInFlight(
    (r) => sageMakerRequest(r).input,
    (events, report) => {
      assert.equal(report.outcome, 'succeeded', report.reason);
      assert.ok(events.some((e) => e.type === 'attached'));
      assert.ok(!events.some((e) => e.type === 'started'));
    },
  ));

test('in flight to another target: refused in preflight, naming it', () =>
  withUpdateInFlight(
    (r) => ({
      ...sageMakerRequest(r).input,
      EndpointConfigName: 'fraud-detector-v43',
    }),
    (_events, report) => {
      assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight']);
      assert.match(report.reason, /updating to fraud-detector-v43/);
    },
  ));

test('in flight to the same target with another deployment config (the file changed since): refused, saying what runs', () =>
  withUpdateInFlight(
    (r) => {
      const input = sageMakerRequest(r).input;
      const policy = input.DeploymentConfig?.BlueGreenUpdatePolicy;
      // The run that was interrupted: a 10% canary with one alarm; the file now says 25% and names two.
      return {
        ...input,
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            ...policy!,
            TrafficRoutingConfiguration: {
              ...policy!.TrafficRoutingConfiguration!,
              CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
            },
          },
          AutoRollbackConfiguration: { Alarms: [{ AlarmName: r.rollback.alarms[0]! }] },
        },
      };
    },
    (events, report) => {
      assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight'], report.reason);
      assert.match(
        report.reason,
        /update of fraud-detector-prod to fraud-detector-v42 is running with another deployment config/,
      );
      assert.match(report.reason, /CanarySize\.Value: 10 running, 25 in this file/);
      assert.match(report.reason, /AutoRollbackConfiguration\.Alarms/);
      assert.ok(!events.some((e) => e.type === 'attached' || e.type === 'started'));
    },
  ));
