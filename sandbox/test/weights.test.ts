import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { type Harness, harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.stop());

const describe = (name: string) => h.sageMaker.send(new DescribeEndpointCommand({ EndpointName: name }));

/** Per variant: current/desired weight and current/desired instances, and the endpoint status. */
function loads(d: DescribeEndpointCommandOutput) {
  return {
    status: d.EndpointStatus,
    variants: Object.fromEntries(
      (d.ProductionVariants ?? []).map((v) => [
        v.VariantName,
        [v.CurrentWeight, v.DesiredWeight, v.CurrentInstanceCount, v.DesiredInstanceCount],
      ]),
    ),
  };
}

/** An endpoint on one variant of `old` (2 instances) updated, without DeploymentConfig, to old + new at weight 0. */
async function twoVariantEndpoint(name: string) {
  const control = h.sandbox.control;
  control.seedEndpoint({
    name,
    config: `${name}-v1`,
    instances: 2,
    model: `${name}-old`,
    variantName: 'current',
  });
  control.seedModel({ name: `${name}-new` });
  await h.sageMaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: `${name}-steps`,
      ProductionVariants: [
        {
          VariantName: 'current',
          ModelName: `${name}-old`,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 2,
          InitialVariantWeight: 1,
        },
        {
          VariantName: 'shiftwise-new',
          ModelName: `${name}-new`,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 2,
          InitialVariantWeight: 0,
        },
      ],
    }),
  );
  await h.sageMaker.send(
    new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-steps` }),
  );
  await h.advance(120 + 5 + 30);
}

const shift = (
  name: string,
  desired: { VariantName: string; DesiredWeight?: number; DesiredInstanceCount?: number }[],
) =>
  h.sageMaker.send(
    new UpdateEndpointWeightsAndCapacitiesCommand({
      EndpointName: name,
      DesiredWeightsAndCapacities: desired,
    }),
  );

test('an UpdateEndpoint without DeploymentConfig is blue/green all at once: no bake, no termination wait', async () => {
  const control = h.sandbox.control;
  control.seedEndpoint({ name: 'plain', config: 'plain-v1', instances: 2 });
  control.seedEndpointConfig({ name: 'plain-v2', instances: 2 });
  await h.sageMaker.send(
    new UpdateEndpointCommand({ EndpointName: 'plain', EndpointConfigName: 'plain-v2' }),
  );
  const phases = control.transitions({ endpoint: 'plain' });
  await h.advance(155);
  const seen = control
    .transitions({ endpoint: 'plain' })
    .map((t) => [t.at - phases[0]!.at, t.endpointStatus, t.variantStatus]);
  assert.deepEqual(seen.slice(1), [
    [0, 'Updating', 'Creating'],
    [120_000, 'Updating', 'ActivatingTraffic'],
    [125_000, 'Updating', 'Deleting'],
    [155_000, 'InService', undefined],
  ]);
  assert.equal((await describe('plain')).EndpointConfigName, 'plain-v2');
});

test('the two-variant config runs with all traffic on the old variant', async () => {
  await twoVariantEndpoint('steps');
  const d = await describe('steps');
  assert.equal(d.EndpointConfigName, 'steps-steps');
  assert.deepEqual(loads(d), {
    status: 'InService',
    variants: { current: [1, 1, 2, 2], 'shiftwise-new': [0, 0, 2, 2] },
  });
});

/**
 * Weight changes as DescribeEndpoint shows them over time: `Updating` with current and desired side by side
 * for shiftSeconds (5) on a weight-only change, provisionSeconds (120) when instances grow, terminateSeconds
 * (30) when they shrink; then InService with current = desired.
 */
const changes: {
  name: string;
  desired: { VariantName: string; DesiredWeight?: number; DesiredInstanceCount?: number }[];
  during: Record<string, number[]>;
  seconds: number;
  after: Record<string, number[]>;
}[] = [
  {
    name: '5% to the new variant',
    desired: [
      { VariantName: 'current', DesiredWeight: 95 },
      { VariantName: 'shiftwise-new', DesiredWeight: 5 },
    ],
    during: { current: [1, 95, 2, 2], 'shiftwise-new': [0, 5, 2, 2] },
    seconds: 5,
    after: { current: [95, 95, 2, 2], 'shiftwise-new': [5, 5, 2, 2] },
  },
  {
    name: 'one weight only: 25 on the new variant',
    desired: [{ VariantName: 'shiftwise-new', DesiredWeight: 25 }],
    during: { current: [95, 95, 2, 2], 'shiftwise-new': [5, 25, 2, 2] },
    seconds: 5,
    after: { current: [95, 95, 2, 2], 'shiftwise-new': [25, 25, 2, 2] },
  },
  {
    name: 'more instances of the new variant take the provisioning time',
    desired: [{ VariantName: 'shiftwise-new', DesiredWeight: 50, DesiredInstanceCount: 4 }],
    during: { current: [95, 95, 2, 2], 'shiftwise-new': [25, 50, 2, 4] },
    seconds: 120,
    after: { current: [95, 95, 2, 2], 'shiftwise-new': [50, 50, 4, 4] },
  },
  {
    name: 'fewer instances of the old variant take the termination time',
    desired: [{ VariantName: 'current', DesiredWeight: 0, DesiredInstanceCount: 1 }],
    during: { current: [95, 0, 2, 1], 'shiftwise-new': [50, 50, 4, 4] },
    seconds: 30,
    after: { current: [0, 0, 1, 1], 'shiftwise-new': [50, 50, 4, 4] },
  },
];

test('weights and capacities move over time as DescribeEndpoint shows them', async () => {
  for (const c of changes) {
    const answer = await shift('steps', c.desired);
    assert.equal(answer.EndpointArn, 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/steps', c.name);
    const started = await describe('steps');
    assert.deepEqual(loads(started), { status: 'Updating', variants: c.during }, c.name);
    const changed = started.ProductionVariants?.find((v) => v.VariantName === c.desired[0]!.VariantName);
    assert.equal(changed?.VariantStatus?.[0]?.Status, 'Updating', c.name);
    await h.advance(c.seconds - 1);
    assert.deepEqual(loads(await describe('steps')), { status: 'Updating', variants: c.during }, c.name);
    await h.advance(1);
    const done = await describe('steps');
    assert.deepEqual(loads(done), { status: 'InService', variants: c.after }, c.name);
    assert.equal(done.ProductionVariants?.[0]?.VariantStatus, undefined, c.name);
  }
});

const refusals: { name: string; endpoint?: string; desired: unknown[]; message: string | RegExp }[] = [
  {
    name: 'an unknown variant',
    desired: [{ VariantName: 'canary', DesiredWeight: 1 }],
    message:
      'The variant(s) [canary] are not present in endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/refuse"; its production variants are [current, shiftwise-new].',
  },
  {
    name: 'a negative weight',
    desired: [{ VariantName: 'current', DesiredWeight: -1 }],
    message:
      "1 validation error detected: Value '-1' at 'desiredWeightsAndCapacities.1.member.desiredWeight' failed to satisfy constraint: Member must have value greater than or equal to 0",
  },
  {
    name: 'a negative instance count',
    desired: [{ VariantName: 'current', DesiredInstanceCount: -2 }],
    message:
      "1 validation error detected: Value '-2' at 'desiredWeightsAndCapacities.1.member.desiredInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 0",
  },
  {
    name: 'all weights 0',
    desired: [{ VariantName: 'current', DesiredWeight: 0 }],
    message:
      /^The sum of the variant weights of endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint\/refuse" would be 0/,
  },
  {
    name: 'no entries',
    desired: [],
    message:
      "1 validation error detected: Value '[]' at 'desiredWeightsAndCapacities' failed to satisfy constraint: Member must have length greater than or equal to 1",
  },
  {
    name: 'an entry that changes nothing',
    desired: [{ VariantName: 'current' }],
    message:
      'Variant current: specify DesiredWeight, DesiredInstanceCount or both; the entry changes nothing.',
  },
  {
    name: 'the same variant twice',
    desired: [
      { VariantName: 'current', DesiredWeight: 1 },
      { VariantName: 'current', DesiredWeight: 2 },
    ],
    message: 'Variant current appears more than once in DesiredWeightsAndCapacities.',
  },
  {
    name: 'zero instances',
    desired: [{ VariantName: 'current', DesiredInstanceCount: 0 }],
    message: /^DesiredInstanceCount of variant current must be at least 1/,
  },
  {
    name: 'an endpoint that does not exist',
    endpoint: 'nowhere',
    desired: [{ VariantName: 'current', DesiredWeight: 1 }],
    message: 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/nowhere".',
  },
];

test('UpdateEndpointWeightsAndCapacities refuses what the service refuses, in ValidationException', async () => {
  await twoVariantEndpoint('refuse');
  for (const r of refusals)
    await assert.rejects(
      shift(r.endpoint ?? 'refuse', r.desired as never),
      (e: Error) => {
        assert.equal(e.name, 'ValidationException', r.name);
        if (typeof r.message === 'string') assert.equal(e.message, r.message, r.name);
        else assert.match(e.message, r.message, r.name);
        return true;
      },
      r.name,
    );
});

test('no weights change and no UpdateEndpoint while another change is in progress', async () => {
  await twoVariantEndpoint('busy');
  await shift('busy', [{ VariantName: 'shiftwise-new', DesiredWeight: 1 }]);
  const inProgress =
    'Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/busy".';
  await assert.rejects(shift('busy', [{ VariantName: 'current', DesiredWeight: 0 }]), {
    message: inProgress,
  });
  await assert.rejects(
    h.sageMaker.send(new UpdateEndpointCommand({ EndpointName: 'busy', EndpointConfigName: 'busy-v1' })),
    { message: inProgress },
  );
  await h.advance(5);
  h.sandbox.control.seedEndpointConfig({ name: 'busy-v2', instances: 2 });
  await h.sageMaker.send(new UpdateEndpointCommand({ EndpointName: 'busy', EndpointConfigName: 'busy-v2' }));
  await assert.rejects(shift('busy', [{ VariantName: 'current', DesiredWeight: 3 }]), {
    message: inProgress,
  });
});

test('growing a variant beyond the instance quota is ResourceLimitExceeded', async () => {
  await twoVariantEndpoint('quota');
  // Every endpoint of this file on ml.m5.large counts; the quota leaves no room for one more instance.
  h.sandbox.control.setInstanceLimit({ instanceType: 'ml.m5.large', limit: 0 });
  await assert.rejects(shift('quota', [{ VariantName: 'shiftwise-new', DesiredInstanceCount: 3 }]), {
    name: 'ResourceLimitExceeded',
    message: /request delta of 1 Instances/,
  });
  h.sandbox.control.setInstanceLimit({ instanceType: 'ml.m5.large' });
});

test('finish: UpdateEndpoint to the new variant alone from live weights that differ from the config', async () => {
  await twoVariantEndpoint('finish');
  await shift('finish', [
    { VariantName: 'current', DesiredWeight: 50 },
    { VariantName: 'shiftwise-new', DesiredWeight: 50 },
  ]);
  await h.advance(5);
  h.sandbox.control.seedEndpointConfig({
    name: 'finish-final',
    variants: [{ VariantName: 'shiftwise-new', ModelName: 'finish-new', InitialInstanceCount: 2 }],
  });
  await h.sageMaker.send(
    new UpdateEndpointCommand({ EndpointName: 'finish', EndpointConfigName: 'finish-final' }),
  );
  const during = await describe('finish');
  assert.equal(during.EndpointStatus, 'Updating');
  assert.deepEqual(loads(during).variants, { current: [50, 50, 2, 2], 'shiftwise-new': [50, 50, 2, 2] });
  await h.advance(155);
  const done = await describe('finish');
  assert.equal(done.EndpointConfigName, 'finish-final');
  assert.deepEqual(loads(done), { status: 'InService', variants: { 'shiftwise-new': [1, 1, 2, 2] } });
});

test('rollback: all weight back on the old variant, then UpdateEndpoint to the original config', async () => {
  await twoVariantEndpoint('back');
  await shift('back', [{ VariantName: 'shiftwise-new', DesiredWeight: 1, DesiredInstanceCount: 3 }]);
  await h.advance(120);
  await shift('back', [
    { VariantName: 'current', DesiredWeight: 1 },
    { VariantName: 'shiftwise-new', DesiredWeight: 0 },
  ]);
  await h.advance(5);
  assert.deepEqual(loads(await describe('back')).variants, {
    current: [1, 1, 2, 2],
    'shiftwise-new': [0, 0, 3, 3],
  });
  await h.sageMaker.send(new UpdateEndpointCommand({ EndpointName: 'back', EndpointConfigName: 'back-v1' }));
  await h.advance(155);
  const done = await describe('back');
  assert.equal(done.EndpointConfigName, 'back-v1');
  assert.deepEqual(loads(done), { status: 'InService', variants: { current: [1, 1, 2, 2] } });
});

test('a weight 0 variant is valid in a config, a config whose weights are all 0 is not', async () => {
  await assert.rejects(
    h.sageMaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'all-zero',
        ProductionVariants: [
          { VariantName: 'a', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 0 },
        ],
      }),
    ),
    {
      name: 'ValidationException',
      message:
        'The sum of InitialVariantWeight over the production variants of endpoint config all-zero is 0: at least one variant needs a weight greater than 0 to receive traffic.',
    },
  );
});
