import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { Rollout, StepsRollout } from '@shiftwise/core';
import {
  type DeployEvent,
  type DeployReport,
  deploy,
  providerFor,
  type StepsMode,
  sageMakerClients,
  stepsProvider,
} from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example, shortSteps } from './support.js';

// Shiftwise-run steps end to end: the engine drives the real SDK clients against the sandbox on a virtual clock.

const file = 'sagemaker-steps.rollout.yaml';

function clients(sandbox: Sandbox) {
  const config = {
    endpoint: sandbox.url,
    region: sandbox.env.AWS_REGION!,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  return { sageMaker: new SageMakerClient(config), cloudWatch: new CloudWatchClient(config) };
}

async function run(
  sandbox: Sandbox,
  rollout: Rollout,
  mode: StepsMode,
  onEvent?: (event: DeployEvent) => void,
): Promise<DeployReport> {
  return deploy(rollout, providerFor(rollout, { env: sandbox.env, mode }), {
    clock: sandbox.clock,
    ...(onEvent && { onEvent }),
  });
}

/** What the endpoint serves now: its config, and each variant's model and weight. */
async function serving(sandbox: Sandbox, endpoint: string) {
  const { sageMaker } = clients(sandbox);
  const view = await sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
  const config = await sageMaker.send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: view.EndpointConfigName }),
  );
  sageMaker.destroy();
  return {
    status: view.EndpointStatus,
    config: view.EndpointConfigName,
    models: (config.ProductionVariants ?? []).map((v) => v.ModelName),
    weights: (view.ProductionVariants ?? []).map((v) => `${v.VariantName}=${v.CurrentWeight}`),
  };
}

/** Sends a bad value of `metric` for the new variant, as a user's dry run would, once step `step` bakes. */
function injectAt(sandbox: Sandbox, step: number, metric: string, value: number) {
  let sent = false;
  return (event: DeployEvent) => {
    if (sent || event.type !== 'progress' || event.observation.phase !== 'baking') return;
    if (!event.observation.message?.startsWith(`step ${step} of`)) return;
    sent = true;
    const { cloudWatch } = clients(sandbox);
    void cloudWatch
      .send(
        new PutMetricDataCommand({
          Namespace: 'AWS/SageMaker',
          MetricData: [
            {
              MetricName: metric,
              Dimensions: [
                { Name: 'EndpointName', Value: 'fraud-detector-prod' },
                { Name: 'VariantName', Value: 'shiftwise-new' },
              ],
              Timestamp: new Date(sandbox.clock.now()),
              Value: value,
            },
          ],
        }),
      )
      .finally(() => cloudWatch.destroy());
  };
}

async function scene(rollout: Rollout): Promise<Sandbox> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, rollout);
  return sandbox;
}

test('steps: deploy stops paused at the gate (step 3); a second process promotes it to success', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    const paused = await run(sandbox, rollout, 'deploy');
    assert.equal(paused.outcome, 'paused', paused.reason);
    assert.match(paused.reason, /paused at step 3 of 5/);
    assert.deepEqual((await serving(sandbox, rollout.endpoint)).weights, [
      'shiftwise-old=75',
      'shiftwise-new=25',
    ]);
    // Deploy again: still paused, nothing moves.
    assert.equal((await run(sandbox, rollout, 'deploy')).outcome, 'paused');
    const done = await run(sandbox, rollout, 'promote');
    assert.equal(done.outcome, 'succeeded', done.reason);
    const after = await serving(sandbox, rollout.endpoint);
    assert.equal(after.config, 'fraud-detector-prod--fraud-model-v43');
    assert.deepEqual(after.models, ['fraud-model-v43']);
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
    // The dry-run check was read in the steps it baked.
    assert.ok((done.analysis ?? []).some((v) => v.name === 'error-rate-vs-old' && v.dryRun));
  } finally {
    await sandbox.stop();
  }
});

test('steps: Invocation5XXErrors of the new variant during step 1 rolls back, naming new-5xx', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy', injectAt(sandbox, 1, 'Invocation5XXErrors', 7));
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(report.reason, /new-5xx/);
    const after = await serving(sandbox, rollout.endpoint);
    assert.equal(after.config, 'fraud-detector-prod-current');
    assert.equal(after.status, 'InService');
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
  } finally {
    await sandbox.stop();
  }
});

test('steps: a dry-run check that breaches is reported and rolls nothing back', async () => {
  const rollout = example(file, (t) => t.replace('    max: 0\n', '    max: 0\n    dryRun: true\n'));
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy', injectAt(sandbox, 1, 'Invocation5XXErrors', 7));
    assert.equal(report.outcome, 'paused', report.reason);
    const seen = (report.analysis ?? []).find((v) => v.name === 'new-5xx' && v.step === 1);
    assert.ok(seen && seen.breaches > 0 && !seen.rollsBack, JSON.stringify(report.analysis));
  } finally {
    await sandbox.stop();
  }
});

test('steps: abort during a bake rolls back to the original config', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    assert.equal((await run(sandbox, rollout, 'deploy')).outcome, 'paused');
    const report = await run(sandbox, rollout, 'abort');
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(report.reason, /aborted/);
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
    const again = await run(sandbox, rollout, 'abort');
    assert.equal(again.outcome, 'failed');
    assert.match(again.reason, /no Shiftwise rollout is in progress/);
  } finally {
    await sandbox.stop();
  }
});

test('steps: abort while step 2 bakes (the deploy that ran it interrupted) rolls back from there', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    const stop = new AbortController();
    const interrupted = deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'progress' && event.step === 2 && event.observation.phase === 'baking')
          stop.abort(new Error('interrupted'));
      },
    });
    await assert.rejects(interrupted, /interrupted/);
    assert.equal(sandbox.control.tags({ endpoint: rollout.endpoint })['shiftwise:state'], 'baking');
    const report = await run(sandbox, rollout, 'abort');
    assert.equal(report.outcome, 'rolled-back', report.reason);
    const after = await serving(sandbox, rollout.endpoint);
    assert.deepEqual(
      [after.config, after.models],
      ['fraud-detector-prod-current', ['fraud-detector-prod-current-model']],
    );
  } finally {
    await sandbox.stop();
  }
});

test('steps: an alarm during a bake rolls back, naming it', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    let set = false;
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (set || event.type !== 'progress' || event.observation.phase !== 'baking') return;
      set = true;
      sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
    });
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.equal(report.alarm, 'fraud-5xx');
  } finally {
    await sandbox.stop();
  }
});

test('steps: two processes watch one rollout; an alarm rolls it back, and both end rolled-back, naming it', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    // The first runs the rollout; once step 1 bakes, a second attaches (a CI re-run beside a local deploy), and
    // the alarm fires once it watches too. One of them rolls back, and either may see the state removed first.
    let second: Promise<DeployReport> | undefined;
    let set = false;
    const first = await run(sandbox, rollout, 'deploy', (event) => {
      if (second || event.type !== 'progress' || event.observation.phase !== 'baking') return;
      second = run(sandbox, rollout, 'deploy', (seen) => {
        if (set || seen.type !== 'progress' || seen.observation.phase !== 'baking') return;
        set = true;
        sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
      });
    });
    const reports = [first, await second!];
    for (const report of reports) {
      assert.equal(report.outcome, 'rolled-back', report.reason);
      assert.equal(report.alarm, 'fraud-5xx');
      assert.match(
        report.reason,
        /^alarm fraud-5xx went into ALARM during step 1; endpoint fraud-detector-prod is back on fraud-detector-prod-current$/,
      );
    }
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
  } finally {
    await sandbox.stop();
  }
});

test('steps: a name SageMaker would refuse as a tag value is recorded as one it takes, and promote finds it', async () => {
  const name = `fraud (v2)! ${'é'.repeat(300)}`;
  const rollout = example(file, (t) => t.replace('name: fraud-detector-steps', `name: "${name}"`));
  assert.equal(rollout.name, name);
  const sandbox = await scene(rollout);
  try {
    const paused = await run(sandbox, rollout, 'deploy');
    assert.equal(paused.outcome, 'paused', paused.reason);
    const recorded = sandbox.control.tags({ endpoint: rollout.endpoint })['shiftwise:rollout'] ?? '';
    assert.equal(recorded, `fraud  v2   ${'é'.repeat(244)}`);
    const done = await run(sandbox, rollout, 'promote');
    assert.equal(done.outcome, 'succeeded', done.reason);
  } finally {
    await sandbox.stop();
  }
});

test("steps: a rollback whose return to the original config fails ends failed in SageMaker's words; abort then retries it", async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    let broke = false;
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      // Bounded, so that a rollback resent forever (as it once was) fails here instead of running 8 days.
      watchTimeoutSeconds: 6 * 3600,
      onEvent: (event) => {
        if (broke || event.type !== 'progress' || event.observation.phase !== 'baking') return;
        broke = true;
        sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
        sandbox.control.failNewInstances({ endpoint: rollout.endpoint, enabled: true });
      },
    });
    assert.equal(report.outcome, 'failed', report.reason);
    assert.match(
      report.reason,
      /^returning endpoint fraud-detector-prod to fraud-detector-prod-current failed: .*ping health check\..* The endpoint is still on fraud-detector-prod--fraud-model-v43--steps, 0% of traffic on fraud-model-v43; run shiftwise abort FILE to try again$/,
    );
    const updates = sandbox.control
      .transitions({ endpoint: rollout.endpoint })
      .filter((t) => t.endpointStatus === 'RollingBack' && t.variantStatus === 'ActivatingTraffic');
    assert.equal(updates.length, 1, 'the return to the original config is sent once');
    assert.equal(sandbox.control.tags({ endpoint: rollout.endpoint })['shiftwise:state'], 'rolling-back');
    sandbox.control.failNewInstances({ endpoint: rollout.endpoint, enabled: false });
    sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'OK' });
    const again = await run(sandbox, rollout, 'abort');
    assert.equal(again.outcome, 'rolled-back', again.reason);
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
  } finally {
    await sandbox.stop();
  }
});

test('steps: a start SageMaker refuses (an instance limit) fails in its words and leaves no tags; a later deploy starts afresh', async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    sandbox.control.setInstanceLimit({ instanceType: 'ml.m5.large', limit: 5 });
    const refused = await run(sandbox, rollout, 'deploy');
    assert.deepEqual([refused.outcome, refused.phase], ['failed', 'start'], refused.reason);
    assert.match(
      refused.reason,
      /^SageMaker refused the update: .*ResourceLimitExceeded|^SageMaker refused the update: .*limit/i,
    );
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
    sandbox.control.setInstanceLimit({ instanceType: 'ml.m5.large', limit: 50 });
    const done = await run(sandbox, rollout, 'deploy');
    assert.equal(done.outcome, 'succeeded', done.reason);
  } finally {
    await sandbox.stop();
  }
});

// A refused start whose clean-up (DeleteTags) fails: the tags go once it succeeds, or the report says they stay.
const refusedCleanUps = [
  {
    name: 'throttled once, then removed',
    fault: (n: number) => (n === 1 ? 'ThrottlingException' : undefined),
    reason: /^SageMaker refused the update: ResourceLimitExceeded: .*limit.*quota\.$/,
    tagsLeft: false,
  },
  {
    name: 'denied every time',
    fault: () => 'AccessDeniedException',
    reason:
      /^SageMaker refused the update: ResourceLimitExceeded: .*[^.]\. Its shiftwise:\* tags could not be removed from endpoint fraud-detector-prod \(AccessDeniedException: no\), so the next deploy would attach to it: run shiftwise abort FILE to remove them$/,
    tagsLeft: true,
  },
];
for (const row of refusedCleanUps)
  test(`steps: a refused start whose DeleteTags is ${row.name}: it fails in the refusal's words`, async () => {
    const rollout = example(file, shortSteps) as StepsRollout;
    const sandbox = await scene(rollout);
    try {
      sandbox.control.setInstanceLimit({ instanceType: 'ml.m5.large', limit: 5 });
      const clients = sageMakerClients(rollout.region, sandbox.env);
      let n = 0;
      clients.sagemaker.middlewareStack.add(
        (next, context) => async (args) => {
          const fault = context.commandName === 'DeleteTagsCommand' ? row.fault(++n) : undefined;
          if (fault)
            throw Object.assign(new Error('no'), { name: fault, $metadata: { httpStatusCode: 400 } });
          return next(args);
        },
        { step: 'initialize', name: 'failDeleteTags' },
      );
      const refused = await deploy(rollout, stepsProvider(rollout, clients), { clock: sandbox.clock });
      assert.equal(refused.outcome, 'failed', refused.reason);
      assert.match(refused.reason, row.reason);
      assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
      assert.equal(
        Object.keys(sandbox.control.tags({ endpoint: rollout.endpoint })).length > 0,
        row.tagsLeft,
      );
      if (row.tagsLeft) await run(sandbox, rollout, 'abort');
      assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
      sandbox.control.setInstanceLimit({ instanceType: 'ml.m5.large', limit: 50 });
      const done = await run(sandbox, rollout, 'deploy');
      assert.equal(done.outcome, 'succeeded', done.reason);
    } finally {
      await sandbox.stop();
    }
  });

/** A steps rollout whose final UpdateEndpoint (the new model alone) rolls back: the report, new instances healthy again. */
async function failedFinish(sandbox: Sandbox, rollout: Rollout): Promise<DeployReport> {
  let broke = false;
  const first = await run(sandbox, rollout, 'deploy', (event) => {
    if (broke || event.type !== 'progress' || event.observation.phase !== 'terminating') return;
    broke = true;
    sandbox.control.failNewInstances({ endpoint: rollout.endpoint, enabled: true });
  });
  sandbox.control.failNewInstances({ endpoint: rollout.endpoint, enabled: false });
  await sandbox.clock.advance(3600_000);
  return first;
}

test('steps: after the final UpdateEndpoint rolled back, deploying again retries it, as the report says', async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    const first = await failedFinish(sandbox, rollout);
    assert.equal(first.outcome, 'failed', first.reason);
    assert.match(
      first.reason,
      /^the update to fraud-detector-prod--fraud-model-v43 failed: [\s\S]*[^.]\. The endpoint still serves both variants \(all traffic on the new one\); run shiftwise deploy FILE again to retry, or shiftwise abort FILE to roll back$/,
    );
    const second = await run(sandbox, rollout, 'deploy');
    assert.equal(second.outcome, 'succeeded', second.reason);
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod--fraud-model-v43');
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
  } finally {
    await sandbox.stop();
  }
});

test('steps: after the final UpdateEndpoint rolled back, abort rolls back to the original config, as the report offers', async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    assert.equal((await failedFinish(sandbox, rollout)).outcome, 'failed');
    // It finished the rollout instead (exit 0): abort never rolled back once the finish had been recorded.
    const aborted = await run(sandbox, rollout, 'abort');
    assert.equal(aborted.outcome, 'rolled-back', aborted.reason);
    assert.match(aborted.reason, /^aborted by shiftwise abort; endpoint fraud-detector-prod is back on /);
    const now = await serving(sandbox, rollout.endpoint);
    assert.deepEqual([now.status, now.models], ['InService', ['fraud-detector-prod-current-model']]);
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
  } finally {
    await sandbox.stop();
  }
});

test('steps: another file on the same endpoint is refused by name while a rollout stands there', async () => {
  const rollout = example(file);
  const other = example(file, (t) => t.replace('name: fraud-detector-steps', 'name: someone-else'));
  const sandbox = await scene(rollout);
  try {
    assert.equal((await run(sandbox, rollout, 'deploy')).outcome, 'paused');
    const refused = await run(sandbox, other, 'deploy');
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.reason, /in the middle of rollout fraud-detector-steps/);
  } finally {
    await sandbox.stop();
  }
});

// Answers lost after the service acted, one call at a time: the rollout reads where it stands and goes on.
const lostAnswers = [
  'UpdateEndpointWeightsAndCapacitiesCommand',
  'AddTagsCommand',
  'UpdateEndpointCommand',
  'CreateEndpointConfigCommand',
  'DeleteTagsCommand',
  'GetMetricDataCommand',
];
for (const lost of lostAnswers)
  for (const nth of [1, 2])
    test(`steps: the answer to ${lost} #${nth} is lost; the rollout still pauses, then succeeds`, async () => {
      const rollout = example(file) as StepsRollout;
      const sandbox = await scene(rollout);
      let seen = 0;
      const losing = (mode: StepsMode) => {
        const clients = sageMakerClients(rollout.region, sandbox.env);
        for (const client of [clients.sagemaker, clients.cloudwatch])
          client.middlewareStack.add(
            (next, context) => async (args) => {
              const out = await next(args);
              if (context.commandName === lost && ++seen === nth)
                throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
              return out;
            },
            { step: 'initialize', name: 'loseAnswer' },
          );
        return stepsProvider(rollout, clients, { mode });
      };
      try {
        const paused = await deploy(rollout, losing('deploy'), { clock: sandbox.clock });
        assert.equal(paused.outcome, 'paused', paused.reason);
        const done = await deploy(rollout, losing('promote'), { clock: sandbox.clock });
        assert.equal(done.outcome, 'succeeded', done.reason);
        assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
      } finally {
        await sandbox.stop();
      }
    });

/** Runs the deploy until `stop` says so at an event, as Ctrl-C would there: the rollout stands where it was. */
async function deployUntil(sandbox: Sandbox, rollout: Rollout, stop: (event: DeployEvent) => boolean) {
  const interrupt = new AbortController();
  await assert.rejects(
    deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      signal: interrupt.signal,
      onEvent: (event) => {
        if (stop(event)) interrupt.abort(new Error('interrupted'));
      },
    }),
  );
}

test('steps: resumed past its timeout while starting, the rollout rolls back at once, moving no traffic forward', async () => {
  const rollout = example(file, (t) => shortSteps(t).replace('timeout: 4h', 'timeout: 30m'));
  const sandbox = await scene(rollout);
  try {
    await deployUntil(sandbox, rollout, (event) => event.type === 'started');
    assert.equal(sandbox.control.tags({ endpoint: rollout.endpoint })['shiftwise:state'], 'starting');
    await sandbox.clock.advance(35 * 60_000);
    const shares: number[] = [];
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (event.type === 'progress') shares.push(event.observation.trafficPercent ?? 0);
    });
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(
      report.reason,
      /^timeout: 1800 s passed since .* before the steps ended; endpoint fraud-detector-prod is back on fraud-detector-prod-current$/,
    );
    assert.deepEqual(
      shares.filter((s) => s > 0),
      [],
      'no share of traffic reached the new model',
    );
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
  } finally {
    await sandbox.stop();
  }
});

test('steps: resumed past its timeout while shifting, the rollout rolls back before the step holds', async () => {
  const rollout = example(file, (t) => shortSteps(t).replace('timeout: 4h', 'timeout: 30m'));
  const sandbox = await scene(rollout);
  try {
    await deployUntil(
      sandbox,
      rollout,
      (event) => event.type === 'progress' && event.observation.phase === 'shifting',
    );
    assert.equal(sandbox.control.tags({ endpoint: rollout.endpoint })['shiftwise:state'], 'shifting');
    await sandbox.clock.advance(35 * 60_000);
    const phases: string[] = [];
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (event.type === 'progress') phases.push(event.observation.phase);
    });
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(report.reason, /^timeout: 1800 s passed/);
    assert.ok(!phases.includes('baking'), `no step baked after the timeout: ${phases.join(', ')}`);
  } finally {
    await sandbox.stop();
  }
});

test('steps: a rollback alarm in ALARM while the new variant comes up rolls back before any traffic moves', async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    const shares: number[] = [];
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (event.type === 'started') sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
      if (event.type === 'progress') shares.push(event.observation.trafficPercent ?? 0);
    });
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.equal(report.alarm, 'fraud-5xx');
    assert.match(
      report.reason,
      /^alarm fraud-5xx went into ALARM while the new model came up beside the old one;/,
    );
    assert.deepEqual(
      shares.filter((s) => s > 0),
      [],
    );
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
  } finally {
    await sandbox.stop();
  }
});

test('steps: a rollback alarm in ALARM once finishing is recorded, before the old model goes, rolls back', async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (event.type === 'progress' && event.observation.phase === 'terminating')
        sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
    });
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.equal(report.alarm, 'fraud-5xx');
    assert.match(report.reason, /^alarm fraud-5xx went into ALARM before the finish removed the old model;/);
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod-current');
  } finally {
    await sandbox.stop();
  }
});

test('steps: a rollback alarm in ALARM while the finish removes the old model is no success: failed, naming it', async () => {
  const rollout = example(file, shortSteps);
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (event.type === 'progress' && /alone$/.test(event.observation.message ?? ''))
        sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
    });
    assert.equal(report.outcome, 'failed', report.reason);
    assert.equal(report.alarm, 'fraud-5xx');
    assert.match(
      report.reason,
      /^rollback alarm fraud-5xx went into ALARM while the finish was removing the old model, too late to roll back: endpoint fraud-detector-prod InService on fraud-detector-prod--fraud-model-v43: /,
    );
    assert.equal((await serving(sandbox, rollout.endpoint)).config, 'fraud-detector-prod--fraud-model-v43');
    assert.deepEqual(sandbox.control.tags({ endpoint: rollout.endpoint }), {});
  } finally {
    await sandbox.stop();
  }
});

test('steps: a SageMaker-run file on the endpoint of a Shiftwise-run rollout is refused naming that rollout and the way out', async () => {
  const rollout = example(file);
  const canary = example('sagemaker-canary.rollout.yaml');
  assert.equal(canary.endpoint, rollout.endpoint);
  const sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, canary);
  seedRollout(sandbox.control, rollout);
  try {
    assert.equal((await run(sandbox, rollout, 'deploy')).outcome, 'paused');
    const refused = await deploy(canary, providerFor(canary, { env: sandbox.env }), { clock: sandbox.clock });
    assert.deepEqual([refused.outcome, refused.phase], ['failed', 'preflight']);
    assert.equal(
      refused.reason,
      "endpoint fraud-detector-prod is in the middle of rollout fraud-detector-steps, which Shiftwise runs (step 3, paused): finish it with shiftwise promote, or roll it back with shiftwise abort, on that rollout's own file, then deploy this one",
    );
  } finally {
    await sandbox.stop();
  }
});
