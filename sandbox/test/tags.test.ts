import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AddTagsCommand,
  CreateEndpointCommand,
  DeleteEndpointCommand,
  DeleteTagsCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.stop());

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/tagged';
const list = async (arn = ARN, extra: { MaxResults?: number; NextToken?: string } = {}) =>
  (await h.sageMaker.send(new ListTagsCommand({ ResourceArn: arn, ...extra }))).Tags?.map((t) => [
    t.Key,
    t.Value,
  ]);

test('tags round trip on an endpoint and survive its updates', async () => {
  const control = h.sandbox.control;
  control.seedEndpoint({ name: 'tagged', config: 'tagged-v1', instances: 2 });
  const added = await h.sageMaker.send(
    new AddTagsCommand({
      ResourceArn: ARN,
      Tags: [
        { Key: 'shiftwise:rollout', Value: 'r-1' },
        { Key: 'shiftwise:step', Value: '1' },
      ],
    }),
  );
  assert.deepEqual(added.Tags, [
    { Key: 'shiftwise:rollout', Value: 'r-1' },
    { Key: 'shiftwise:step', Value: '1' },
  ]);
  await h.sageMaker.send(
    new AddTagsCommand({
      ResourceArn: ARN,
      Tags: [
        { Key: 'shiftwise:step', Value: '2' },
        { Key: 'shiftwise:paused-since', Value: '2026-01-01T09:00:00Z' },
      ],
    }),
  );
  assert.deepEqual(await list(), [
    ['shiftwise:rollout', 'r-1'],
    ['shiftwise:step', '2'],
    ['shiftwise:paused-since', '2026-01-01T09:00:00Z'],
  ]);
  await h.sageMaker.send(
    new DeleteTagsCommand({ ResourceArn: ARN, TagKeys: ['shiftwise:paused-since', 'absent'] }),
  );
  control.seedEndpointConfig({ name: 'tagged-v2', instances: 2 });
  await h.sageMaker.send(
    new UpdateEndpointCommand({ EndpointName: 'tagged', EndpointConfigName: 'tagged-v2' }),
  );
  await h.advance(200);
  assert.deepEqual(control.tags({ endpoint: 'tagged' }), {
    'shiftwise:rollout': 'r-1',
    'shiftwise:step': '2',
  });
  assert.deepEqual(
    await list(
      'arn:aws:sagemaker:us-east-1:123456789012:endpoint/Tagged', // names in ARNs are matched case-insensitively
    ),
    [
      ['shiftwise:rollout', 'r-1'],
      ['shiftwise:step', '2'],
    ],
  );
});

test('tags are dropped with the endpoint: a new endpoint of the same name starts with none', async () => {
  h.sandbox.control.seedEndpoint({ name: 'gone', config: 'gone-v1', tags: { owner: 'ml' } });
  const arn = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/gone';
  assert.deepEqual(await list(arn), [['owner', 'ml']]);
  await h.sageMaker.send(new DeleteEndpointCommand({ EndpointName: 'gone' }));
  await assert.rejects(list(arn), {
    name: 'ValidationException',
    message: `Could not find endpoint "${arn}".`,
  });
  await h.sageMaker.send(
    new CreateEndpointCommand({
      EndpointName: 'gone',
      EndpointConfigName: 'gone-v1',
      Tags: [{ Key: 'team', Value: 'a' }],
    }),
  );
  assert.deepEqual(await list(arn), [['team', 'a']]);
});

test('models and endpoint configs take tags too', async () => {
  h.sandbox.control.seedModel({ name: 'tag-model' });
  const arn = 'arn:aws:sagemaker:us-east-1:123456789012:model/tag-model';
  await h.sageMaker.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'k', Value: '' }] }));
  assert.deepEqual(await list(arn), [['k', '']]);
});

const many = (n: number, prefix = 'k') =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));

const refusals: {
  name: string;
  input: Record<string, unknown>;
  command?: 'add' | 'delete' | 'list';
  message: string | RegExp;
}[] = [
  {
    name: 'an endpoint that does not exist',
    input: {
      ResourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/nowhere',
      Tags: [{ Key: 'a', Value: 'b' }],
    },
    message: 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/nowhere".',
  },
  {
    name: 'an ARN of another service',
    input: { ResourceArn: 'arn:aws:s3:::bucket', Tags: [{ Key: 'a', Value: 'b' }] },
    message:
      "1 validation error detected: Value 'arn:aws:s3:::bucket' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+$",
  },
  {
    name: 'a key of 129 characters',
    input: { ResourceArn: ARN, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] },
    message:
      /at 'tags\.1\.member\.key' failed to satisfy constraint: Member must have length less than or equal to 128$/,
  },
  {
    name: 'a value of 257 characters',
    input: { ResourceArn: ARN, Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] },
    message:
      /at 'tags\.1\.member\.value' failed to satisfy constraint: Member must have length less than or equal to 256$/,
  },
  {
    name: 'a character tags do not allow',
    input: { ResourceArn: ARN, Tags: [{ Key: 'a,b', Value: 'v' }] },
    message:
      /Value 'a,b' at 'tags\.1\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  },
  {
    name: 'the reserved aws: prefix',
    input: { ResourceArn: ARN, Tags: [{ Key: 'aws:cloudformation:stack', Value: 'v' }] },
    message:
      'Tag key "aws:cloudformation:stack" starts with "aws:", which is reserved for AWS; choose a key without that prefix.',
  },
  {
    name: '51 tags in one call',
    input: { ResourceArn: ARN, Tags: many(51) },
    message:
      "1 validation error detected: Value '51' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
  },
  {
    name: 'more than 50 on the resource',
    input: { ResourceArn: ARN, Tags: many(49, 'extra') },
    message: `Resource "${ARN}" would have 51 tags; a SageMaker resource can have at most 50. Delete some with DeleteTags first.`,
  },
  {
    name: 'DeleteTags with no keys',
    command: 'delete',
    input: { ResourceArn: ARN, TagKeys: [] },
    message:
      "1 validation error detected: Value '0' at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and 50",
  },
  {
    name: 'ListTags with MaxResults under 50',
    command: 'list',
    input: { ResourceArn: ARN, MaxResults: 10 },
    message:
      "1 validation error detected: Value '10' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 50",
  },
];

test('AddTags, DeleteTags and ListTags refuse what the service refuses', async () => {
  for (const r of refusals) {
    const command =
      r.command === 'delete'
        ? new DeleteTagsCommand(r.input as never)
        : r.command === 'list'
          ? new ListTagsCommand(r.input as never)
          : new AddTagsCommand(r.input as never);
    await assert.rejects(
      h.sageMaker.send(command as never),
      (e: Error) => {
        assert.equal(e.name, 'ValidationException', r.name);
        if (typeof r.message === 'string') assert.equal(e.message, r.message, r.name);
        else assert.match(e.message, r.message, r.name);
        return true;
      },
      r.name,
    );
  }
  assert.deepEqual(h.sandbox.control.tags({ endpoint: 'tagged' }), {
    'shiftwise:rollout': 'r-1',
    'shiftwise:step': '2',
  });
});

test('ListTags pages with MaxResults and NextToken', async () => {
  const arn = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/paged';
  h.sandbox.control.seedEndpoint({ name: 'paged', config: 'paged-v1' });
  await h.sageMaker.send(new AddTagsCommand({ ResourceArn: arn, Tags: many(50) }));
  const first = await h.sageMaker.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 50 }));
  assert.equal(first.Tags?.length, 50);
  assert.equal(first.NextToken, undefined);
  assert.equal(first.Tags?.[49]?.Key, 'k49');
});
