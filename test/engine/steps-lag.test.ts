import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Rollout, validateRollout } from '@shiftwise/core';
import { type DeployEvent, type DeployReport, deploy, providerFor } from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';

// Metrics land late, and the engine judges a period only once it has settled. Through the real SDK clients over
// HTTP, on a virtual clock, with the sandbox publishing SageMaker's invocation metrics a minute after each minute
// ends (its default): a breach in a step's last minute, published only after the bake ended, is still judged and
// rolls back; with `missingData: breach`, a minute whose value is not published yet is no breach.

const text = (missingData: 'ignore' | 'breach') => `version: 1
name: lag-steps
provider: sagemaker
region: us-east-1
endpoint: lag-ep
model: lag-model-v2
capacity: 2
strategy:
  type: steps
  steps:
    - traffic: 50%
      bake: 5m
    - traffic: 100%
      bake: 5m
timeout: 2h
rollback:
  alarms: [lag-5xx]
analysis:
  - name: new-5xx
    metric: Invocation5XXErrors
    stat: Sum
    period: 1m
    max: 0
    missingData: ${missingData}
`;

function rollout(missingData: 'ignore' | 'breach'): Rollout {
  const { value, diagnostics } = validateRollout(text(missingData), { fileName: 'lag.rollout.yaml' });
  assert.ok(value, JSON.stringify(diagnostics));
  return value;
}

async function run(
  sandbox: Sandbox,
  r: Rollout,
  onEvent: (event: DeployEvent) => void = () => {},
): Promise<DeployReport> {
  return deploy(r, providerFor(r, { env: sandbox.env, mode: 'deploy' }), { clock: sandbox.clock, onEvent });
}

test("a breach in step 1's last minute, published after its bake ended, is waited for and rolls back", async () => {
  const r = rollout('ignore');
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, r);
    // Errors on the new variant from the last look before step 1's bake ends to the first look after it: only
    // step 1's last minute (or two) has them, and the sandbox shows them a minute after each minute ends.
    let errors: 'not yet' | 'on' | 'over' = 'not yet';
    let bakeEnds: number | undefined;
    const onEvent = (event: DeployEvent) => {
      if (event.type !== 'progress' || event.step !== 1 || event.observation.phase !== 'baking') return;
      bakeEnds ??= event.observation.bakeEndsAt;
      const now = sandbox.clock.now();
      if (bakeEnds === undefined) return;
      if (errors === 'not yet' && now >= bakeEnds - 30_000 && now < bakeEnds) {
        sandbox.control.setErrorRate({ endpoint: r.endpoint, variant: 'shiftwise-new', rate: 0.5 });
        errors = 'on';
      } else if (errors === 'on' && now >= bakeEnds) {
        sandbox.control.setErrorRate({ endpoint: r.endpoint, variant: 'shiftwise-new', rate: 0 });
        errors = 'over';
      }
    };
    const report = await run(sandbox, r, onEvent);
    assert.equal(errors, 'over', 'the errors began before the bake ended and stopped after it');
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(
      report.reason,
      /analysis check new-5xx breached: new-5xx \(step 1\): .*→ breached 1 in a row/,
    );
    const verdict = (report.analysis ?? []).find((v) => v.name === 'new-5xx' && v.step === 1);
    const last = verdict?.periods.at(-1);
    assert.ok(bakeEnds !== undefined && last?.breach, JSON.stringify(verdict));
    assert.ok(last.at + 60_000 > bakeEnds - 30_000, 'the breaching period is the one the errors fell in');
    // Step 2 never began: the step was not left before its last minute was judged.
    assert.deepEqual(
      report.steps.map((s) => s.step),
      [1],
    );
  } finally {
    await sandbox.stop();
  }
});

test('missingData breach: minutes not published yet are no breach; every step judged whole, the rollout succeeds', async () => {
  const r = rollout('breach');
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, r);
    const report = await run(sandbox, r);
    assert.equal(report.outcome, 'succeeded', report.reason);
    const verdicts = (report.analysis ?? []).filter((v) => v.name === 'new-5xx');
    assert.deepEqual(
      verdicts.map((v) => v.step),
      [1, 2],
    );
    for (const v of verdicts) {
      // The 5-minute bake starts inside a minute: 6 periods hold it, every one judged with its value.
      assert.equal(v.periods.length, 6, JSON.stringify(v.periods));
      assert.equal(v.missing, 0, JSON.stringify(v.periods));
    }
  } finally {
    await sandbox.stop();
  }
});
