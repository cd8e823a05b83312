import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  DescribeInferenceComponentCommand,
  type DescribeInferenceComponentCommandOutput,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { SageMakerRollout } from '@shiftwise/core';
import { type DeployEvent, type DeployReport, deploy, providerFor } from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { main } from 'shiftwise';
import { example } from './support.js';

// An inference component rolled in batches of copies, end to end: the engine and the real SDK clients against the
// sandbox (virtual clock). examples/sagemaker-inference-component.rollout.yaml: chat-ic on llm-prod, 8 copies of
// chat-model-v8, batches of 25%, bake 5m, timeout 2h, alarm chat-5xx; seedRollout puts the component on
// chat-model-v8-previous. A refusal or an attach must send nothing: a sentinel fault armed on
// UpdateInferenceComponent must still be pending afterwards.

const file = 'sagemaker-inference-component.rollout.yaml';
const rollout = example(file) as SageMakerRollout;
const OLD = 'chat-model-v8-previous';
const NEW = 'chat-model-v8';

async function onSandbox(check: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    await check(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const run = (sandbox: Sandbox, onEvent?: (e: DeployEvent) => void, signal?: AbortSignal) =>
  deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
    clock: sandbox.clock,
    ...(onEvent && { onEvent }),
    ...(signal && { signal }),
  });

async function component(sandbox: Sandbox): Promise<DescribeInferenceComponentCommandOutput> {
  const client = new SageMakerClient({
    endpoint: sandbox.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  return client.send(new DescribeInferenceComponentCommand({ InferenceComponentName: 'chat-ic' }));
}

/** A fault only an UpdateInferenceComponent would consume. */
const armSentinel = (sandbox: Sandbox) =>
  sandbox.control.injectFault({ kind: 'error', match: 'SageMaker.UpdateInferenceComponent', count: 1 });
const assertNothingSent = (sandbox: Sandbox) =>
  assert.deepEqual(
    sandbox.control.faults().map((f) => `${f.match}:${f.applied}`),
    ['SageMaker.UpdateInferenceComponent:0'],
    'no UpdateInferenceComponent was sent',
  );

const assertServes = async (sandbox: Sandbox, model: string, copies = 8) => {
  const c = await component(sandbox);
  assert.deepEqual(
    [c.InferenceComponentStatus, c.Specification?.ModelName, c.RuntimeConfig?.DesiredCopyCount],
    ['InService', model, copies],
  );
};

test('inference component: succeeds; the component then serves the new model with the live Specification', () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    const events: DeployEvent[] = [];
    const report = await run(sandbox, (e) => events.push(e));
    assert.deepEqual([report.outcome, report.noop], ['succeeded', false], report.reason);
    assert.equal(report.reason, `InService on model ${NEW} with 8 copies`);
    await assertServes(sandbox, NEW);
    const request = report.plan!.request;
    assert.equal(request.operation, 'UpdateInferenceComponent');
    if (request.operation === 'UpdateInferenceComponent')
      assert.deepEqual(request.input.Specification, {
        ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 1024 },
        ModelName: NEW,
      });
    const checks = events.find((e) => e.type === 'preflight');
    assert.match(
      checks?.type === 'preflight' ? checks.checks.join('\n') : '',
      /inference component chat-ic InService on llm-prod, model chat-model-v8-previous, 8 copies\n.*\n.*\nroom on llm-prod for one batch of extra copies is not verified/,
    );
    assert.ok(events.some((e) => e.type === 'progress' && e.observation.phase === 'updating'));
  }));

test('inference component: an alarm in a bake rolls back, naming the alarm; the component serves the old model', () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    sandbox.control.scheduleAlarm({ alarm: 'chat-5xx', endpoint: 'chat-ic', step: 2 });
    const report = await run(sandbox);
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.equal(report.alarm, 'chat-5xx');
    assert.match(
      report.reason,
      /Alarm chat-5xx went into ALARM state during WaitIntervalInSeconds of step 2 of 4/,
    );
    await assertServes(sandbox, OLD);
  }));

test("inference component: the service's timeout rolls back, in the service's words", () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    sandbox.control.setTimings({ provisionSeconds: 3 * 3600 });
    const report = await run(sandbox);
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(report.reason, /did not finish within MaximumExecutionTimeoutInSeconds \(7200 seconds\)/);
    assert.equal(report.alarm, undefined);
    await assertServes(sandbox, OLD);
  }));

interface Refusal {
  readonly name: string;
  readonly setup: (sandbox: Sandbox) => void | Promise<void>;
  readonly reason: RegExp;
}

const seedAround = (sandbox: Sandbox) => {
  sandbox.control.seedEndpoint({ name: 'llm-prod', config: 'llm-prod-current', instances: 2 });
  sandbox.control.seedModel({ name: NEW });
  sandbox.control.seedAlarm({ name: 'chat-5xx' });
};

const refusals: Refusal[] = [
  {
    name: 'a missing component',
    setup: seedAround,
    reason: /inference component chat-ic not found in region us-east-1: check `inferenceComponent`/,
  },
  {
    name: 'a component on another endpoint',
    setup: (s) => {
      seedAround(s);
      s.control.seedEndpoint({ name: 'llm-staging', config: 'llm-staging-current', instances: 2 });
      s.control.seedInferenceComponent({ name: 'chat-ic', endpoint: 'llm-staging', model: OLD, copies: 8 });
    },
    reason: /inference component chat-ic runs on endpoint llm-staging, not llm-prod/,
  },
  {
    name: 'an endpoint being updated',
    setup: async (s) => {
      seedRollout(s.control, rollout);
      s.control.seedEndpointConfig({ name: 'llm-prod-next', instances: 2 });
      const answer = await fetch(s.url, {
        method: 'POST',
        headers: { 'x-amz-target': 'SageMaker.UpdateEndpoint', 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ EndpointName: 'llm-prod', EndpointConfigName: 'llm-prod-next' }),
      });
      assert.equal(answer.status, 200, await answer.text());
    },
    reason: /endpoint llm-prod is Updating, not InService: wait for it to settle/,
  },
  {
    name: 'a missing model',
    setup: (s) => {
      s.control.seedEndpoint({ name: 'llm-prod', config: 'llm-prod-current', instances: 2 });
      s.control.seedAlarm({ name: 'chat-5xx' });
      s.control.seedInferenceComponent({ name: 'chat-ic', endpoint: 'llm-prod', model: OLD, copies: 8 });
    },
    reason: /model chat-model-v8 not found: create it first/,
  },
  {
    name: 'an alarm already in ALARM',
    setup: (s) => {
      seedRollout(s.control, rollout);
      s.control.setAlarmState({ alarm: 'chat-5xx', state: 'ALARM' });
    },
    reason: /alarm chat-5xx is already in ALARM/,
  },
];

for (const r of refusals)
  test(`inference component: refused in preflight, naming it, with nothing sent: ${r.name}`, () =>
    onSandbox(async (sandbox) => {
      await r.setup(sandbox);
      armSentinel(sandbox);
      const report = await run(sandbox);
      assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight'], report.reason);
      assert.match(report.reason, r.reason);
      assertNothingSent(sandbox);
    }));

/** Starts the update and stops watching it at once, as `shiftwise deploy --no-wait` does. */
async function startOnly(sandbox: Sandbox): Promise<void> {
  const detach = new AbortController();
  await assert.rejects(
    run(sandbox, (e) => e.type === 'started' && detach.abort(new Error('detached')), detach.signal),
  );
}

test('inference component: a second deploy while the first runs attaches; no second UpdateInferenceComponent', () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    await startOnly(sandbox);
    await sandbox.clock.advance(60_000);
    armSentinel(sandbox);
    const events: DeployEvent[] = [];
    const report = await run(sandbox, (e) => events.push(e));
    assert.equal(report.outcome, 'succeeded', report.reason);
    const attached = events.find((e) => e.type === 'attached');
    assert.match(
      attached?.type === 'attached' ? attached.detail : '',
      /update of inference component chat-ic to model chat-model-v8 is already running/,
    );
    assert.ok(!events.some((e) => e.type === 'started'));
    assertNothingSent(sandbox);
    await assertServes(sandbox, NEW);
  }));

test('inference component: Updating to another model is refused, saying what runs', () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    await startOnly(sandbox);
    const other = example(file, (t) =>
      t.replace('model: chat-model-v8', 'model: chat-model-v9'),
    ) as SageMakerRollout;
    sandbox.control.seedModel({ name: 'chat-model-v9' });
    const report = await deploy(other, providerFor(other, { env: sandbox.env }), { clock: sandbox.clock });
    assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight']);
    assert.match(report.reason, /chat-ic is Updating to model chat-model-v8, not chat-model-v9: wait/);
  }));

test('inference component: the file changed since its update started (another alarm) is not attached to; refused, saying what runs', () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    await startOnly(sandbox);
    const changed = example(file, (t) =>
      t.replace('alarms: [chat-5xx]', 'alarms: [chat-5xx, chat-latency-missing]'),
    ) as SageMakerRollout;
    assert.deepEqual(changed.rollback.alarms, ['chat-5xx', 'chat-latency-missing']);
    armSentinel(sandbox);
    const report = await deploy(changed, providerFor(changed, { env: sandbox.env }), {
      clock: sandbox.clock,
    });
    assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight'], report.reason);
    assert.match(
      report.reason,
      /update of inference component chat-ic to model chat-model-v8 is running with another deployment config/,
    );
    assert.match(report.reason, /AutoRollbackConfiguration\.Alarms: \[\{"AlarmName":"chat-5xx"\}\] running/);
    assertNothingSent(sandbox);
  }));

test('inference component: running again once it serves the model with the copies is a no-op that sends nothing', () =>
  onSandbox(async (sandbox) => {
    seedRollout(sandbox.control, rollout);
    const first = await run(sandbox);
    assert.equal(first.outcome, 'succeeded', first.reason);
    armSentinel(sandbox);
    const again: DeployReport = await run(sandbox);
    assert.deepEqual([again.outcome, again.noop], ['succeeded', true]);
    assert.match(again.reason, /chat-ic already serves model chat-model-v8 with 8 copies: nothing to do/);
    assertNothingSent(sandbox);
  }));

test('inference component: shiftwise deploy exits 3 on an alarm rollback, naming the alarm', async () => {
  const sandbox = await startSandbox({ speed: 2_000 });
  try {
    seedRollout(sandbox.control, rollout);
    sandbox.control.scheduleAlarm({ alarm: 'chat-5xx', endpoint: 'chat-ic', step: 1 });
    let stdout = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        stdout += String(chunk);
        done();
      },
    });
    const code = await main(['deploy', `examples/${file}`], {
      stdout: sink,
      stderr: new Writable({ write: (_c, _e, done) => done() }),
      env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: '2000' },
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      signal: new AbortController().signal,
    });
    assert.equal(code, 3, stdout);
    assert.match(stdout, /✖ rolled-back — alarm chat-5xx after .*: Alarm chat-5xx went into ALARM/);
  } finally {
    await sandbox.stop();
  }
});
