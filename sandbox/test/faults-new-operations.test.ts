import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudWatchClient, GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  AddTagsCommand,
  DeleteTagsCommand,
  ListTagsCommand,
  SageMakerClient,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { VIRTUAL_EPOCH } from '@shiftwise/sandbox';
import { type Harness, harness } from './harness.js';

let h: Harness;
let once: { sageMaker: SageMakerClient; cloudWatch: CloudWatchClient };
before(async () => {
  h = await harness();
  h.sandbox.control.seedEndpoint({ name: 'svc', config: 'svc-v1', instances: 2 });
  const config = {
    endpoint: h.sandbox.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  };
  once = { sageMaker: new SageMakerClient(config), cloudWatch: new CloudWatchClient(config) };
});
after(async () => {
  once.sageMaker.destroy();
  once.cloudWatch.destroy();
  await h.stop();
});

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/svc';
const at = new Date(VIRTUAL_EPOCH);

/** Each new operation, sent once through a client that does not retry. */
const operations: { key: string; send: () => Promise<unknown>; service: 'SageMaker' | 'CloudWatch' }[] = [
  {
    key: 'SageMaker.UpdateEndpointWeightsAndCapacities',
    service: 'SageMaker',
    send: () =>
      once.sageMaker.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({
          EndpointName: 'svc',
          DesiredWeightsAndCapacities: [{ VariantName: 'AllTraffic', DesiredWeight: 2 }],
        }),
      ),
  },
  {
    key: 'SageMaker.AddTags',
    service: 'SageMaker',
    send: () =>
      once.sageMaker.send(new AddTagsCommand({ ResourceArn: ARN, Tags: [{ Key: 'k', Value: 'v' }] })),
  },
  {
    key: 'SageMaker.ListTags',
    service: 'SageMaker',
    send: () => once.sageMaker.send(new ListTagsCommand({ ResourceArn: ARN })),
  },
  {
    key: 'SageMaker.DeleteTags',
    service: 'SageMaker',
    send: () => once.sageMaker.send(new DeleteTagsCommand({ ResourceArn: ARN, TagKeys: ['k'] })),
  },
  {
    key: 'GraniteServiceVersion20100801.PutMetricData',
    service: 'CloudWatch',
    send: () =>
      once.cloudWatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/SageMaker',
          MetricData: [{ MetricName: 'Invocations', Value: 1 }],
        }),
      ),
  },
  {
    key: 'GraniteServiceVersion20100801.GetMetricData',
    service: 'CloudWatch',
    send: () =>
      once.cloudWatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            {
              Id: 'm',
              MetricStat: {
                Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations' },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ],
          StartTime: at,
          EndTime: new Date(VIRTUAL_EPOCH + 3_600_000),
        }),
      ),
  },
];

test('throttling, 5xx, dropped connections and latency apply to the new operations by name', async () => {
  for (const op of operations) {
    h.sandbox.control.injectFault({ kind: 'throttle', match: op.key });
    await assert.rejects(
      op.send(),
      { name: op.service === 'SageMaker' ? 'ThrottlingException' : 'Throttling' },
      op.key,
    );
    h.sandbox.control.injectFault({ kind: 'error', match: op.key });
    await assert.rejects(
      op.send(),
      { name: op.service === 'SageMaker' ? 'InternalFailure' : 'InternalServiceFault' },
      op.key,
    );
    h.sandbox.control.injectFault({ kind: 'drop', match: op.key });
    await assert.rejects(
      op.send(),
      (e: Error & { code?: string }) => e.name !== 'ThrottlingException',
      op.key,
    );
    assert.deepEqual(h.sandbox.control.faults(), [], op.key);
    // Latency (real milliseconds) delays the answer and is then used up; the call itself succeeds.
    h.sandbox.control.injectFault({ kind: 'latency', match: op.key, latencyMs: 1 });
    await op.send();
    assert.deepEqual(h.sandbox.control.faults(), [], op.key);
    if (op.key.endsWith('WeightsAndCapacities')) await h.advance(5);
  }
});
