import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type SageMakerRollout, validateRollout } from '@shiftwise/core';
import { deploy, providerFor } from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';

// The rules run again with the capacity preflight found (docs/engine.md): a count fine for an unknown fleet is
// refused on the real one before anything is sent, with the code and message the editor shows for the file with
// that `capacity`. Through the real SDK clients against the sandbox; sentinel faults armed on CreateEndpointConfig
// and UpdateEndpoint must still be pending afterwards.

/** examples/sagemaker-canary.rollout.yaml without `capacity`, its canary a count of `size`. */
function canaryText(size: number): string {
  return readFileSync(new URL('../../examples/sagemaker-canary.rollout.yaml', import.meta.url), 'utf8')
    .replace(/^capacity: 4\n/m, '')
    .replace(/size: 25%/, `size: ${size}`);
}

function rolloutOf(text: string): SageMakerRollout {
  const { value, diagnostics } = validateRollout(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.ok(value && errors.length === 0, errors.map((d) => `${d.code}: ${d.message}`).join('; '));
  return value as SageMakerRollout;
}

/** Deploys `text` on a sandbox endpoint of `instances` instances (the file names none). */
async function deployOn(instances: number, text: string, check: (sandbox: Sandbox) => Promise<void>) {
  const rollout = rolloutOf(text);
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, { ...rollout, capacity: instances });
    await check(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const armSentinels = (sandbox: Sandbox) => {
  for (const match of ['SageMaker.UpdateEndpoint', 'SageMaker.CreateEndpointConfig'])
    sandbox.control.injectFault({ kind: 'error', match, count: 1 });
};
const pendingSentinels = (sandbox: Sandbox) =>
  sandbox.control
    .faults()
    .map((f) => `${f.match}:${f.applied}`)
    .sort();

test('canary size 3 without capacity on a 4-instance endpoint: refused with canary-size, nothing sent', () => {
  const text = canaryText(3);
  return deployOn(4, text, async (sandbox) => {
    armSentinels(sandbox);
    const rollout = rolloutOf(text);
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      text,
    });
    assert.deepEqual([report.outcome, report.phase], ['failed', 'preflight'], report.reason);
    assert.deepEqual(pendingSentinels(sandbox), [
      'SageMaker.CreateEndpointConfig:0',
      'SageMaker.UpdateEndpoint:0',
    ]);
    // What the editor shows for the same file with `capacity: 4`.
    const editor = validateRollout(text.replace(/^strategy:/m, 'capacity: 4\nstrategy:'), { fileName: 'x' })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => [d.code, d.message]);
    assert.deepEqual(
      report.diagnostics?.map((d) => [d.code, d.message]),
      editor,
    );
    assert.equal(editor[0]?.[0], 'canary-size');
    assert.match(
      report.reason,
      /^with the 4 instances preflight found, the file has an error: \[canary-size\] /,
    );
    assert.equal(report.plan, undefined);
  });
});

test('canary size 2 without capacity on a 4-instance endpoint: within the rules, deployed', () => {
  const text = canaryText(2);
  return deployOn(4, text, async (sandbox) => {
    const rollout = rolloutOf(text);
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      text,
    });
    assert.equal(report.outcome, 'succeeded', report.reason);
    assert.equal(report.plan?.capacity, 4);
    assert.equal(report.diagnostics, undefined);
  });
});
