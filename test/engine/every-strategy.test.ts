import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plan, type SageMakerRollout, targetConfigName } from '@shiftwise/core';
import { deploy, type Outcome, providerFor } from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example } from './support.js';

// Strategy by strategy, every ending of a rollout (docs/engine.md) for all-at-once, canary, linear, rolling
// and a `model` target, through the real SDK clients against the sandbox (virtual clock). A refusal must send
// nothing: a sentinel fault armed on UpdateEndpoint and CreateEndpointConfig must still be pending afterwards.

const strategies = [
  'sagemaker-all-at-once.rollout.yaml',
  'sagemaker-canary.rollout.yaml',
  'sagemaker-linear.rollout.yaml',
  'sagemaker-rolling.rollout.yaml',
  'sagemaker-model.rollout.json',
];

interface Case {
  /** Breaks things after `seedRollout`; returns nothing. */
  readonly trouble?: (sandbox: Sandbox, rollout: SageMakerRollout) => void;
  readonly watchTimeoutSeconds?: number;
  readonly outcome: Outcome;
  readonly reason?: RegExp;
  /** The alarm the report must name. */
  readonly alarm?: (rollout: SageMakerRollout) => string;
  readonly endsOn?: 'target' | 'old';
}

const lastAlarm = (r: SageMakerRollout) => r.rollback.alarms.at(-1)!;
const blueGreen = (r: SageMakerRollout) => r.strategy.type !== 'rolling';
const stepsOf = (r: SageMakerRollout) => plan(r).steps.length;

const cases: Record<string, Case> = {
  succeeds: { outcome: 'succeeded', endsOn: 'target' },
  'an alarm in the first bake rolls back to the old config': {
    trouble: (s, r) => s.control.scheduleAlarm({ alarm: lastAlarm(r), endpoint: r.endpoint, step: 1 }),
    outcome: 'rolled-back',
    reason: /ALARM/,
    alarm: lastAlarm,
    endsOn: 'old',
  },
  'an alarm in the last bake (the termination wait on blue/green) rolls back': {
    trouble: (s, r) =>
      s.control.scheduleAlarm({ alarm: lastAlarm(r), endpoint: r.endpoint, step: stepsOf(r) }),
    outcome: 'rolled-back',
    alarm: lastAlarm,
    endsOn: 'old',
  },
  "the service's own timeout rolls back as the service reports it": {
    trouble: (s) => s.control.setTimings({ provisionSeconds: 6 * 3600 }),
    outcome: 'rolled-back',
    reason: /MaximumExecutionTimeoutInSeconds/,
    endsOn: 'old',
  },
  'our watch timeout gives timed-out with the last state seen': {
    watchTimeoutSeconds: 240,
    outcome: 'timed-out',
    reason: /still baking at \d+% \(Baking for \d+ seconds .+\) after 240 s of watching/,
  },
  'running again after success is a no-op that sends nothing': {
    outcome: 'succeeded',
    endsOn: 'target',
  },
};

async function run(file: string, name: string, c: Case) {
  const rollout = example(file) as SageMakerRollout;
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, rollout);
    c.trouble?.(sandbox, rollout);
    const go = () =>
      deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
        clock: sandbox.clock,
        ...(c.watchTimeoutSeconds !== undefined && { watchTimeoutSeconds: c.watchTimeoutSeconds }),
      });
    let report = await go();
    if (name.startsWith('running again')) {
      assert.equal(report.outcome, 'succeeded', report.reason);
      armSentinels(sandbox);
      report = await go();
      assert.equal(report.noop, true);
      assertNothingSent(sandbox);
    }
    assert.equal(report.outcome, c.outcome, report.reason);
    if (c.reason) assert.match(report.reason, c.reason);
    if (c.alarm) assert.equal(report.alarm, c.alarm(rollout));
    if (c.endsOn) {
      const target = targetConfigName(rollout);
      const config = await endpointConfig(sandbox, rollout.endpoint);
      assert.equal(config === target, c.endsOn === 'target', `endpoint on ${config}`);
    }
  } finally {
    await sandbox.stop();
  }
}

for (const file of strategies)
  for (const [name, c] of Object.entries(cases)) {
    const rollout = example(file) as SageMakerRollout;
    if (name.includes('last bake') && !blueGreen(rollout) && stepsOf(rollout) === 1) continue;
    test(`${rollout.strategy.type}${rollout.target.kind === 'model' ? ' (model target)' : ''}: ${name}`, () =>
      run(file, name, c));
  }

/** Faults that only an UpdateEndpoint or CreateEndpointConfig would consume. */
function armSentinels(sandbox: Sandbox): void {
  for (const match of ['SageMaker.UpdateEndpoint', 'SageMaker.CreateEndpointConfig'])
    sandbox.control.injectFault({ kind: 'error', match, count: 1 });
}

function assertNothingSent(sandbox: Sandbox): void {
  const pending = sandbox.control.faults().map((f) => `${f.match}:${f.applied}`);
  assert.deepEqual(pending.sort(), ['SageMaker.CreateEndpointConfig:0', 'SageMaker.UpdateEndpoint:0']);
}

async function endpointConfig(sandbox: Sandbox, name: string): Promise<string> {
  const answer = await fetch(sandbox.url, {
    method: 'POST',
    headers: { 'x-amz-target': 'SageMaker.DescribeEndpoint', 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ EndpointName: name }),
  });
  return ((await answer.json()) as { EndpointConfigName: string }).EndpointConfigName;
}

// Refusals: named, in preflight, and nothing sent.
interface Refusal {
  readonly name: string;
  readonly file: string;
  readonly setup: (sandbox: Sandbox, rollout: SageMakerRollout) => void;
  readonly reason: RegExp;
}

const seedAlarms = (s: Sandbox, r: SageMakerRollout) => {
  for (const a of r.rollback.alarms) s.control.seedAlarm({ name: a });
};

const refusals: Refusal[] = [
  {
    name: 'a missing endpoint',
    file: 'sagemaker-linear.rollout.yaml',
    setup: (s, r) => {
      s.control.seedEndpointConfig({ name: 'recommender-v13', instances: r.capacity ?? 2 });
      seedAlarms(s, r);
    },
    reason: /endpoint recommender-prod not found/,
  },
  {
    name: 'a missing endpoint config',
    file: 'sagemaker-canary.rollout.yaml',
    setup: (s, r) => {
      s.control.seedEndpoint({ name: r.endpoint, config: `${r.endpoint}-current`, instances: 4 });
      seedAlarms(s, r);
    },
    reason: /endpoint config fraud-detector-v42 not found/,
  },
  {
    name: 'a missing model (model target)',
    file: 'sagemaker-model.rollout.json',
    setup: (s, r) => {
      s.control.seedEndpoint({ name: r.endpoint, config: `${r.endpoint}-current`, instances: 10 });
      seedAlarms(s, r);
    },
    reason: /model price-forecaster-model-v9 not found/,
  },
  {
    name: 'a changed variant name',
    file: 'sagemaker-all-at-once.rollout.yaml',
    setup: (s, r) => {
      seedRollout(s.control, r);
      const target = targetConfigName(r);
      s.control.seedEndpointConfig({ name: target, instances: r.capacity ?? 2, variantName: 'Green' });
    },
    reason: /variant names differ: .*\[AllTraffic\].*\[Green\]/,
  },
  {
    name: 'a missing alarm',
    file: 'sagemaker-linear.rollout.yaml',
    setup: (s, r) => {
      seedRollout(s.control, { ...r, rollback: { alarms: [] } });
    },
    reason:
      /alarms recommender-5xx, recommender-latency-p99 not found in CloudWatch \(region us-east-1\): create them/,
  },
  {
    name: 'an alarm already in ALARM',
    file: 'sagemaker-model.rollout.json',
    setup: (s, r) => {
      seedRollout(s.control, r);
      s.control.setAlarmState({ alarm: lastAlarm(r), state: 'ALARM' });
    },
    reason: /alarm price-forecaster-latency-p99 is already in ALARM/,
  },
];

for (const r of refusals)
  test(`refused in preflight, naming it, with nothing sent: ${r.name}`, async () => {
    const rollout = example(r.file) as SageMakerRollout;
    const sandbox = await startSandbox({ clock: 'virtual' });
    try {
      r.setup(sandbox, rollout);
      armSentinels(sandbox);
      const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
        clock: sandbox.clock,
      });
      assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight'], report.reason);
      assert.match(report.reason, r.reason);
      assertNothingSent(sandbox);
    } finally {
      await sandbox.stop();
    }
  });
