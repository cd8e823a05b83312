import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Rollout, validateRollout } from '@shiftwise/core';
import { type DeployReport, deploy, providerFor, type StepsMode } from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { exampleText } from '../../core/test/support/examples.js';

// The steps example's analysis on the invocation metrics the sandbox publishes, driven by the engine through the
// real SDK clients on a virtual clock: clean, every period of new-5xx has a value (0) and the checks pass; with an
// error rate on the new variant, new-5xx breaches in step 1 and the rollout rolls back. (The engine's own steps
// suite, test/engine/steps.test.ts, injects errors with PutMetricData instead.)

const file = 'sagemaker-steps.rollout.yaml';

function rollout(): Rollout {
  const { value } = validateRollout(exampleText(file), { fileName: file });
  assert.ok(value);
  return value;
}

async function scene(r: Rollout): Promise<Sandbox> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, r);
  return sandbox;
}

const run = (sandbox: Sandbox, r: Rollout, mode: StepsMode): Promise<DeployReport> =>
  deploy(r, providerFor(r, { env: sandbox.env, mode }), { clock: sandbox.clock });

test('steps on published metrics: every period of new-5xx reads 0, the checks pass, the rollout succeeds', async () => {
  const r = rollout();
  const sandbox = await scene(r);
  try {
    const paused = await run(sandbox, r, 'deploy');
    assert.equal(paused.outcome, 'paused', paused.reason);
    const done = await run(sandbox, r, 'promote');
    assert.equal(done.outcome, 'succeeded', done.reason);
    const verdicts = [...(paused.analysis ?? []), ...(done.analysis ?? [])];
    const newErrors = verdicts.filter((v) => v.name === 'new-5xx');
    assert.deepEqual(
      newErrors.map((v) => v.step),
      [1, 2, 4, 5],
    );
    for (const v of newErrors) {
      assert.ok(v.periods.length > 0, `step ${v.step}: no complete period`);
      assert.equal(v.missing, 0, `step ${v.step}: ${JSON.stringify(v.periods)}`);
      assert.deepEqual(new Set(v.periods.map((p) => p.value)), new Set([0]));
      assert.equal(v.breaches, 0);
    }
    // The dry-run comparison with the old variant reads data too (0 − 0) wherever both variants served.
    const vsOld = verdicts.find((v) => v.name === 'error-rate-vs-old' && v.step === 1);
    assert.ok(
      vsOld && vsOld.missing === 0 && vsOld.periods.every((p) => p.value === 0),
      JSON.stringify(vsOld),
    );
  } finally {
    await sandbox.stop();
  }
});

test('steps on published metrics: 10 % errors on the new variant breach new-5xx in step 1 and roll back', async () => {
  const r = rollout();
  const sandbox = await scene(r);
  try {
    sandbox.control.setErrorRate({ endpoint: r.endpoint, variant: 'shiftwise-new', rate: 0.1 });
    const report = await run(sandbox, r, 'deploy');
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(report.reason, /new-5xx/);
    const seen = (report.analysis ?? []).find((v) => v.name === 'new-5xx' && v.step === 1);
    // 5 % of 600 requests a minute is 30, a tenth of them 5XX: 3 in a whole minute, fewer in the minute the
    // weights moved in. The first complete period breaches (max 0).
    assert.ok(seen?.rollsBack, JSON.stringify(seen));
    assert.ok(
      seen.periods.every((p) => p.value !== undefined && p.value > 0 && p.value <= 3),
      JSON.stringify(seen),
    );
    assert.equal(sandbox.control.tags({ endpoint: r.endpoint })['shiftwise:state'], undefined);
  } finally {
    await sandbox.stop();
  }
});
