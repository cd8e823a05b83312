import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DeployEvent, deploy, type Observation, type Preflight } from '../../src/engine/index.js';
import { watchTimeoutSeconds } from '../../src/engine/runner.js';
import { validateRollout } from '../../src/index.js';
import { fakeClock, scriptedProvider, throttle } from './fake.js';

// The runner's state machine against a scripted provider (our own interface) and a fake clock.
const rollout = validateRollout(
  'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\ncapacity: 4\nstrategy:\n  type: canary\n  size: 25%\n  bake: 10m\nterminationWait: 10m\ntimeout: 1h\nrollback:\n  alarms: [a]\n',
).value!;

const ready: Preflight = { kind: 'ready', capacity: 4, checks: ['ok'] };
const inFlight: Preflight = { kind: 'in-flight', detail: 'already running' };
const baking = (traffic: number): Observation => ({
  kind: 'progress',
  phase: 'baking',
  trafficPercent: traffic,
});
const done: Observation = { kind: 'succeeded', message: 'InService on c' };

test('refused in preflight: failed, nothing started', async () => {
  const provider = scriptedProvider({ preflight: [{ kind: 'refused', reason: 'endpoint e not found' }] });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.deepEqual(
    [report.outcome, report.phase, report.reason],
    ['failed', 'preflight', 'endpoint e not found'],
  );
  assert.deepEqual(provider.calls, ['preflight']);
});

test('already on the target: a no-op success', async () => {
  const provider = scriptedProvider({ preflight: [{ kind: 'already-done', detail: 'nothing to do' }] });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.equal(report.outcome, 'succeeded');
  assert.equal(report.noop, true);
});

test('an update to the same target in flight is attached to, not started again', async () => {
  const provider = scriptedProvider({ preflight: [inFlight], observe: [baking(25), done] });
  const events: DeployEvent[] = [];
  const report = await deploy(rollout, provider, { clock: fakeClock(), onEvent: (e) => events.push(e) });
  assert.equal(report.outcome, 'succeeded');
  assert.ok(!provider.calls.includes('start'));
  assert.ok(events.some((e) => e.type === 'attached'));
});

test('a start whose answer was lost, but which the provider accepted, is attached to', async () => {
  const lost = Object.assign(new Error('Cannot update in-progress endpoint'), {
    name: 'ValidationException',
  });
  const provider = scriptedProvider({ preflight: [ready, inFlight], start: [lost], observe: [done] });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.equal(report.outcome, 'succeeded');
});

test('a start the provider refuses ends failed in the start phase', async () => {
  const refused = Object.assign(new Error('bad config'), { name: 'ValidationException' });
  const provider = scriptedProvider({ preflight: [ready], start: [refused] });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'start']);
  assert.match(report.reason, /bad config/);
});

test('a start throttled until the retries run out is no refusal: it says so, and to run again', async () => {
  // The last item repeats: every start is throttled.
  const provider = scriptedProvider({ preflight: [ready], start: [throttle()] });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.deepEqual([report.outcome, report.phase], ['failed', 'start']);
  assert.match(
    report.reason,
    /^Fake did not accept the update: the request kept failing transiently \(ThrottlingException: Rate exceeded\) for \d+ attempts; nothing was started, so run the same command again once Fake answers$/,
  );
  assert.doesNotMatch(report.reason, /refused/);
});

test('throttling is retried with backoff on the clock, and counted', async () => {
  const clock = fakeClock();
  const provider = scriptedProvider({ preflight: [ready], observe: [throttle(), throttle(), done] });
  const events: DeployEvent[] = [];
  const report = await deploy(rollout, provider, { clock, onEvent: (e) => events.push(e) });
  assert.equal(report.outcome, 'succeeded');
  assert.deepEqual(clock.slept, [1000, 2000]);
  assert.equal(events.filter((e) => e.type === 'retry').length, 2);
  assert.equal(report.calls, 5);
});

test('a rollback is reported as rolled-back with its alarm, never as success', async () => {
  const provider = scriptedProvider({
    preflight: [ready],
    observe: [baking(25), { kind: 'rolled-back', reason: 'Alarm a went into ALARM', alarm: 'a' }],
  });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.deepEqual([report.outcome, report.alarm], ['rolled-back', 'a']);
});

test('past the watch timeout without a revert: timed-out', async () => {
  const provider = scriptedProvider({ preflight: [ready], observe: [baking(25)] });
  const report = await deploy(rollout, provider, { clock: fakeClock(), watchTimeoutSeconds: 60 });
  assert.equal(report.outcome, 'timed-out');
  assert.match(report.reason, /^still baking at 25% after 60 s of watching/);
});

test('past the watch timeout with a revert: reverts, then reports the rollback', async () => {
  const provider = scriptedProvider({
    preflight: [ready],
    observe: [baking(25), baking(25), { kind: 'rolled-back', reason: 'reverted' }],
    revert: true,
  });
  const clock = fakeClock();
  const report = await deploy(rollout, provider, { clock, watchTimeoutSeconds: 1 });
  assert.equal(report.outcome, 'rolled-back');
  assert.match(report.reason, /not done within 1 s \(the watch timeout\); reverted/);
  assert.ok(provider.calls.includes('revert'));
});

test('a revert that never ends is watched for 8 h (or the watch timeout if longer), then timed-out, not forever', async () => {
  const rollingBack: Observation = { kind: 'progress', phase: 'rolling-back', trafficPercent: 40 };
  const provider = scriptedProvider({ preflight: [ready], observe: [baking(25), rollingBack], revert: true });
  const clock = fakeClock();
  const report = await deploy(rollout, provider, { clock, watchTimeoutSeconds: 600 });
  assert.equal(report.outcome, 'timed-out');
  assert.match(
    report.reason,
    /^not done within the watch timeout \(600 s\), and the revert begun then is still rolling-back at 40% 28800 s later: check the endpoint/,
  );
  assert.equal(clock.now(), (600 + 28800) * 1000);
  assert.equal(provider.calls.filter((c) => c === 'revert').length, 1);
});

test('steps are recorded when first seen, from the share of traffic', async () => {
  const provider = scriptedProvider({
    preflight: [ready],
    observe: [{ kind: 'progress', phase: 'provisioning' }, baking(25), baking(25), baking(100), done],
  });
  const report = await deploy(rollout, provider, { clock: fakeClock() });
  assert.deepEqual(
    report.steps.map((s) => s.step),
    [1, 2],
  );
});

test('an abort while waiting rejects with the reason', async () => {
  const controller = new AbortController();
  const provider = scriptedProvider({ preflight: [ready], observe: [baking(25)] });
  const clock = fakeClock();
  clock.sleep = async () => {
    controller.abort(new Error('stop'));
    throw controller.signal.reason;
  };
  await assert.rejects(deploy(rollout, provider, { clock, signal: controller.signal }), /stop/);
});

test('SageMaker without any region is refused with what to set', async () => {
  const { providerFor } = await import('../../src/engine/index.js');
  const provider = providerFor(rollout, {
    env: {
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    },
  });
  const saved = { ...process.env };
  for (const k of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) delete process.env[k];
  process.env.AWS_CONFIG_FILE = '/nonexistent';
  try {
    const report = await deploy(rollout, provider, { clock: fakeClock() });
    assert.equal(report.phase, 'preflight');
    assert.match(report.reason, /no AWS region: set `region` in the rollout file, or AWS_REGION/);
  } finally {
    process.env = saved;
  }
});

test('an abort during a provider call rejects with the reason, never a failed report', async () => {
  const controller = new AbortController();
  const provider = scriptedProvider({ preflight: [ready], observe: [baking(25)] });
  provider.observe = async () => {
    controller.abort(new Error('interrupted'));
    throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
  };
  const events: DeployEvent[] = [];
  await assert.rejects(
    deploy(rollout, provider, {
      clock: fakeClock(),
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    }),
    /interrupted/,
  );
  assert.ok(!events.some((e) => e.type === 'finished'));
});

// Validated again with what preflight found (docs/engine.md): the file's text is checked at the fleet's capacity.
const countCanary =
  'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: canary\n  size: 3\n  bake: 10m\nterminationWait: 10m\ntimeout: 1h\nrollback:\n  alarms: [a]\n';
const revalidated: [string, Preflight, number | undefined, string | undefined][] = [
  ['3 of 4 found: refused, canary-size', ready, undefined, 'canary-size'],
  ['3 of 8 found: within the rules, started', { ...ready, capacity: 8 }, undefined, undefined],
  ['no capacity found, --capacity 4: refused', { kind: 'ready', checks: [] }, 4, 'canary-size'],
  ['no capacity found nor given: not checked again', { kind: 'ready', checks: [] }, undefined, undefined],
  ['in flight on 4: attached, nothing would be sent', { ...inFlight, capacity: 4 }, undefined, undefined],
];

for (const [name, preflight, capacity, code] of revalidated)
  test(`validated again: ${name}`, async () => {
    const provider = scriptedProvider({ preflight: [preflight], observe: [done] });
    const report = await deploy(validateRollout(countCanary).value!, provider, {
      clock: fakeClock(),
      text: countCanary,
      ...(capacity !== undefined && { capacity }),
    });
    assert.deepEqual(
      report.diagnostics?.map((d) => d.code),
      code && [code],
    );
    if (code) {
      assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight']);
      assert.deepEqual(provider.calls, ['preflight']);
    } else assert.equal(report.outcome, 'succeeded', report.reason);
  });

test("what preflight found reaches the plan's requests", async () => {
  const model = validateRollout(
    'version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m2\nstrategy:\n  type: all-at-once\n',
  ).value!;
  const currentConfig = { ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm1' }] };
  const provider = scriptedProvider({
    preflight: [{ ...ready, found: { provider: 'sagemaker', currentConfig } }],
    observe: [done],
  });
  const report = await deploy(model, provider, { clock: fakeClock() });
  assert.deepEqual(report.plan?.prepare?.input.ProductionVariants, [
    { VariantName: 'AllTraffic', ModelName: 'm2' },
  ]);
});

// How long the runner watches before `timed-out`: a Shiftwise-run schedule is never cut short by the watch, however
// long its bakes add up to, since it rolls back at its own timeout.
const watches: [name: string, steps: string, timeout: string, atLeastDays: number][] = [
  ['two short steps', '[{ traffic: 10%, bake: 10m }, { traffic: 100%, bake: 10m }]', '', 8],
  [
    'twelve steps of 24 h, no timeout',
    `[${Array.from({ length: 12 }, (_, i) => `{ traffic: ${i + 1}%, bake: 24h }`).join(', ')}, { traffic: 100% }]`,
    '',
    13,
  ],
  ['a timeout of 7 days', '[{ traffic: 10%, bake: 24h }, { traffic: 100% }]', 'timeout: 168h\n', 8],
];
for (const [name, steps, timeout, atLeastDays] of watches)
  test(`the watch of a steps rollout outlasts its schedule: ${name}`, () => {
    const text = `version: 1\nprovider: sagemaker\nendpoint: e\nmodel: m\ncapacity: 2\nstrategy:\n  type: steps\n  steps: ${steps}\n${timeout}`;
    const validated = validateRollout(text);
    assert.ok(validated.value, JSON.stringify(validated.diagnostics));
    assert.ok(watchTimeoutSeconds(validated.value) >= atLeastDays * 86400, name);
  });
