import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSummary, type Rollout } from '@shiftwise/core';
import type { Outcome } from '@shiftwise/core/engine';
import { type SandboxControl, seedRollout } from '@shiftwise/sandbox';
import { deployOnSandbox, example } from './support.js';

// Every SageMaker strategy through the engine, the real SDK clients and the sandbox (virtual clock).
interface Row {
  readonly name: string;
  readonly file: string;
  readonly edit?: (text: string) => string;
  readonly setup?: (control: SandboxControl, rollout: Rollout) => void;
  readonly watchTimeoutSeconds?: number;
  readonly outcome: Outcome;
  readonly phase?: 'preflight' | 'watch';
  readonly reason?: RegExp;
  readonly alarm?: string;
  /** Where the endpoint must end: the target config, or the config it started on. */
  readonly endsOn?: 'target' | 'old';
}

const files = [
  'sagemaker-all-at-once.rollout.yaml',
  'sagemaker-canary.rollout.yaml',
  'sagemaker-linear.rollout.yaml',
  'sagemaker-rolling.rollout.yaml',
  'sagemaker-retain.rollout.yaml',
  'sagemaker-model.rollout.json',
];

const seedThen = (more: (c: SandboxControl, r: Rollout) => void) => (c: SandboxControl, r: Rollout) => {
  seedRollout(c, r);
  more(c, r);
};
const firstAlarm = (r: Rollout) => (r.provider === 'sagemaker' ? r.rollback.alarms[0]! : '');

const rows: Row[] = [
  ...files.map((file): Row => ({ name: `${file}: succeeds`, file, outcome: 'succeeded', endsOn: 'target' })),
  ...['sagemaker-canary.rollout.yaml', 'sagemaker-linear.rollout.yaml', 'sagemaker-rolling.rollout.yaml'].map(
    (file): Row => ({
      name: `${file}: an alarm in the first step's bake rolls back`,
      file,
      setup: seedThen((c, r) => c.scheduleAlarm({ alarm: firstAlarm(r), endpoint: r.endpoint, step: 1 })),
      outcome: 'rolled-back',
      reason: /ALARM/,
      alarm: 'first',
      endsOn: 'old',
    }),
  ),
  {
    name: 'an alarm in the termination wait rolls back',
    file: 'sagemaker-canary.rollout.yaml',
    setup: seedThen((c, r) => c.scheduleAlarm({ alarm: firstAlarm(r), endpoint: r.endpoint, step: 2 })),
    outcome: 'rolled-back',
    alarm: 'first',
    endsOn: 'old',
  },
  {
    name: "the service's own timeout rolls back, as the service reports it",
    file: 'sagemaker-canary.rollout.yaml',
    setup: seedThen((c) => c.setTimings({ provisionSeconds: 7200 })),
    outcome: 'rolled-back',
    endsOn: 'old',
  },
  {
    name: 'our watch timeout gives timed-out',
    file: 'sagemaker-canary.rollout.yaml',
    watchTimeoutSeconds: 300,
    outcome: 'timed-out',
    reason: /after 300 s of watching/,
  },
  {
    name: 'a missing endpoint is refused in preflight',
    file: 'sagemaker-canary.rollout.yaml',
    setup: () => {},
    outcome: 'failed',
    phase: 'preflight',
    reason: /endpoint fraud-detector-prod not found/,
  },
  {
    name: 'a missing endpoint config is refused in preflight',
    file: 'sagemaker-canary.rollout.yaml',
    setup: (c, r) => {
      c.seedEndpoint({ name: r.endpoint, config: 'fraud-detector-v41', instances: 4 });
      for (const a of r.provider === 'sagemaker' ? r.rollback.alarms : []) c.seedAlarm({ name: a });
    },
    outcome: 'failed',
    phase: 'preflight',
    reason: /endpoint config fraud-detector-v42 not found/,
  },
  {
    name: 'a renamed variant is refused in preflight',
    file: 'sagemaker-canary.rollout.yaml',
    setup: seedThen((c) =>
      c.seedEndpointConfig({ name: 'fraud-detector-v42', instances: 4, variantName: 'Blue' }),
    ),
    outcome: 'failed',
    phase: 'preflight',
    reason: /variant names differ: .*\[AllTraffic\].*\[Blue\]/,
  },
  {
    name: 'a missing alarm is refused in preflight',
    file: 'sagemaker-canary.rollout.yaml',
    edit: (t) => t.replace('fraud-latency-p99', 'fraud-typo'),
    setup: (c, r) => {
      seedRollout(c, { ...r, rollback: { alarms: ['fraud-5xx'] } } as Rollout);
    },
    outcome: 'failed',
    phase: 'preflight',
    reason: /alarm fraud-typo not found/,
  },
  {
    name: 'an alarm already in ALARM is refused in preflight',
    file: 'sagemaker-canary.rollout.yaml',
    setup: seedThen((c) => c.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' })),
    outcome: 'failed',
    phase: 'preflight',
    reason: /fraud-5xx is already in ALARM/,
  },
  {
    name: 'a fleet of another size than the file says is refused in preflight',
    file: 'sagemaker-canary.rollout.yaml',
    setup: seedThen((c) => c.seedEndpointConfig({ name: 'fraud-detector-v42', instances: 6 })),
    outcome: 'failed',
    phase: 'preflight',
    reason: /capacity 4 but fraud-detector-v42 has 6/,
  },
];

for (const row of rows) {
  test(`deploy: ${row.name}`, async () => {
    const rollout = example(row.file, row.edit);
    const { report, sandbox, stop } = await deployOnSandbox(rollout, row.setup, {
      ...(row.watchTimeoutSeconds !== undefined && { watchTimeoutSeconds: row.watchTimeoutSeconds }),
    });
    try {
      assert.equal(report.outcome, row.outcome, report.reason);
      if (row.phase) assert.equal(report.phase, row.phase);
      if (row.reason) assert.match(report.reason, row.reason);
      if (row.alarm === 'first') assert.equal(report.alarm, firstAlarm(rollout));
      if (rollout.provider !== 'sagemaker') return;
      const transitions =
        row.setup?.length === 0 ? [] : sandbox.control.transitions({ endpoint: rollout.endpoint });
      if (row.phase === 'preflight')
        assert.ok(
          transitions.every((t) => t.endpointStatus === 'InService'),
          'no UpdateEndpoint was sent',
        );
      if (row.endsOn) {
        const last = transitions.at(-1);
        assert.equal(last?.endpointStatus, 'InService');
        const view = await fetch(sandbox.url, {
          method: 'POST',
          headers: {
            'x-amz-target': 'SageMaker.DescribeEndpoint',
            'content-type': 'application/x-amz-json-1.1',
          },
          body: JSON.stringify({ EndpointName: rollout.endpoint }),
        }).then((r) => r.json() as Promise<{ EndpointConfigName: string }>);
        const request = report.plan!.request;
        const target = request.operation === 'UpdateEndpoint' ? request.input.EndpointConfigName : undefined;
        if (row.endsOn === 'target') assert.equal(view.EndpointConfigName, target);
        else assert.notEqual(view.EndpointConfigName, target);
      }
    } finally {
      await stop();
    }
  });
}

test('deploy: running again after success is a no-op', async () => {
  const rollout = example('sagemaker-canary.rollout.yaml');
  const { sandbox, stop } = await deployOnSandbox(rollout);
  try {
    const { deploy, providerFor } = await import('@shiftwise/core/engine');
    const again = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), { clock: sandbox.clock });
    assert.equal(again.outcome, 'succeeded');
    assert.equal(again.noop, true);
    assert.match(again.reason, /already serves fraud-detector-v42/);
  } finally {
    await stop();
  }
});

test('deploy: running again after a rollback, once the alarm is OK, deploys anew and succeeds', async () => {
  const rollout = example('sagemaker-canary.rollout.yaml');
  const { report, sandbox, stop } = await deployOnSandbox(
    rollout,
    seedThen((c, r) => c.scheduleAlarm({ alarm: firstAlarm(r), endpoint: r.endpoint, step: 1 })),
  );
  try {
    assert.equal(report.outcome, 'rolled-back');
    sandbox.control.setAlarmState({ alarm: firstAlarm(rollout), state: 'OK' });
    const { deploy, providerFor } = await import('@shiftwise/core/engine');
    const again = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), { clock: sandbox.clock });
    assert.deepEqual([again.outcome, again.noop], ['succeeded', false], again.reason);
  } finally {
    await stop();
  }
});

test('deploy: retain plans the deployment config stored on the endpoint, and each step is seen when it comes', async () => {
  const rollout = example('sagemaker-retain.rollout.yaml');
  const { report, stop } = await deployOnSandbox(rollout);
  try {
    assert.equal(report.outcome, 'succeeded', report.reason);
    const plan = report.plan!;
    // The sandbox seeds a canary of 1 instance baking 5 min with a 5 min termination wait (seed-rollout.ts).
    assert.equal(plan.retained, 'canary');
    assert.deepEqual(
      plan.steps.map((s) => [s.trafficPercent, s.bakeSeconds]),
      [
        [Math.round(100 / plan.capacity), 300],
        [100, 300],
      ],
    );
    assert.equal(planSummary(plan), `2 steps · 10 min · peak ${2 * plan.capacity} instances`);
    assert.ok(
      plan.assumptions.some((a) =>
        /stored deployment config, .* is canary of 1 instance, bake 5 min/.test(a),
      ),
    );
    assert.ok(plan.request.operation === 'UpdateEndpoint' && plan.request.input.RetainDeploymentConfig);
    // Seen on the sandbox's virtual clock: step 2 after step 1's 5-minute bake (it was all one step at 0 s).
    assert.deepEqual(
      report.steps.map((s) => s.step),
      [1, 2],
    );
    assert.ok(report.steps[1]!.atSeconds >= 300, JSON.stringify(report.steps));
  } finally {
    await stop();
  }
});
