import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type EndpointView,
  nextPollDelayMs,
  type Observation,
  observeEndpoint,
} from '../../src/engine/index.js';

// DescribeEndpoint → observation, and the polling policy: tables.
const t0 = new Date(1_000_000);
const variant = (status: string, message: string, current: number, desired = 4) => ({
  CurrentInstanceCount: current,
  DesiredInstanceCount: desired,
  VariantStatus: [{ Status: status, StatusMessage: message, StartTime: t0 }],
});

const rows: [string, EndpointView, boolean, Observation][] = [
  [
    'InService on the target',
    { EndpointStatus: 'InService', EndpointConfigName: 'new' },
    true,
    { kind: 'succeeded', message: 'InService on new' },
  ],
  [
    'InService on the old config after the update: rolled back, alarm from the reason',
    {
      EndpointStatus: 'InService',
      EndpointConfigName: 'old',
      FailureReason: 'Alarm fraud-5xx went into ALARM state during WaitIntervalInSeconds of step 1 of 2.',
    },
    true,
    {
      kind: 'rolled-back',
      reason: 'Alarm fraud-5xx went into ALARM state during WaitIntervalInSeconds of step 1 of 2.',
      alarm: 'fraud-5xx',
    },
  ],
  [
    'InService on the old config before the update shows: still waiting',
    { EndpointStatus: 'InService', EndpointConfigName: 'old' },
    false,
    { kind: 'progress', phase: 'waiting', message: 'update not visible yet' },
  ],
  [
    'Failed',
    { EndpointStatus: 'Failed', FailureReason: 'boom' },
    true,
    { kind: 'failed', reason: 'endpoint Failed: boom' },
  ],
  [
    'another update running',
    { EndpointStatus: 'Updating', PendingDeploymentSummary: { EndpointConfigName: 'other' } },
    true,
    { kind: 'failed', reason: 'another update, to other, is running on the endpoint' },
  ],
  [
    'baking the canary: traffic share and the bake end',
    {
      EndpointStatus: 'Updating',
      PendingDeploymentSummary: {
        EndpointConfigName: 'new',
        ProductionVariants: [variant('Baking', 'Baking for 600 seconds (WaitIntervalInSeconds) …', 1)],
      },
    },
    true,
    {
      kind: 'progress',
      phase: 'baking',
      trafficPercent: 25,
      bakeEndsAt: 1_600_000,
      message: 'Baking for 600 seconds (WaitIntervalInSeconds) …',
    },
  ],
  [
    'rolling back',
    { EndpointStatus: 'RollingBack' },
    true,
    { kind: 'progress', phase: 'rolling-back', message: 'rolling back' },
  ],
];

for (const [name, view, seen, expected] of rows)
  test(`observe: ${name}`, () => assert.deepEqual(observeEndpoint(view, 'new', seen), expected));

/** name, observation, delay, and when the phase was first seen (default: now = 0). */
const polls: [string, Observation, number, number?][] = [
  ['long bake: capped at 20 s', { kind: 'progress', phase: 'baking', bakeEndsAt: 600_000 }, 20_000],
  ['bake ending in 12 s: just after it', { kind: 'progress', phase: 'baking', bakeEndsAt: 12_000 }, 13_000],
  ['provisioning, just begun', { kind: 'progress', phase: 'provisioning' }, 10_000],
  ['provisioning for 1 min', { kind: 'progress', phase: 'provisioning' }, 15_000, -60_000],
  ['provisioning for 5 min: capped at 30 s', { kind: 'progress', phase: 'provisioning' }, 30_000, -300_000],
  ['terminating', { kind: 'progress', phase: 'terminating' }, 5_000],
  ['rolling back', { kind: 'progress', phase: 'rolling-back' }, 5_000],
];
for (const [name, observation, ms, since] of polls)
  test(`poll: ${name}`, () => assert.equal(nextPollDelayMs(observation, 0, since), ms));

test('InService on the old config without a FailureReason: a rollback only when the endpoint changed after our update started', () => {
  const at = (iso: string) => new Date(iso);
  const back = { EndpointStatus: 'InService', EndpointConfigName: 'old' };
  const history = {
    endpointCreatedAt: at('2026-01-01T09:00:00Z'),
    updateStartedAt: at('2026-01-01T09:10:00Z'),
  };
  const rows: [string, EndpointView, string][] = [
    [
      'modified after the update started: rolled back',
      { ...back, CreationTime: history.endpointCreatedAt, LastModifiedTime: at('2026-01-01T09:20:00Z') },
      'rolled-back',
    ],
    [
      'untouched since before the update: reset',
      { ...back, CreationTime: history.endpointCreatedAt, LastModifiedTime: at('2026-01-01T09:00:00Z') },
      'failed',
    ],
    [
      'created anew: reset',
      { ...back, CreationTime: at('2026-01-01T09:30:00Z'), LastModifiedTime: at('2026-01-01T09:30:00Z') },
      'failed',
    ],
  ];
  for (const [name, view, kind] of rows)
    assert.equal(observeEndpoint(view, 'new', true, history).kind, kind, name);
});
