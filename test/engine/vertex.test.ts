import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploy, providerFor } from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { deployOnSandbox, example } from './support.js';

// Vertex AI through the engine, plain REST against the sandbox (virtual clock).
const file = 'vertex-rolling.rollout.yaml';

async function deployedModels(url: string, rollout: { project: string; location: string; endpoint: string }) {
  const response = await fetch(
    `${url}/v1beta1/projects/${rollout.project}/locations/${rollout.location}/endpoints/${rollout.endpoint}`,
    { headers: { authorization: 'Bearer sandbox' } },
  );
  return (await response.json()) as {
    deployedModels: { id: string; model: string }[];
    trafficSplit: Record<string, number>;
  };
}

test('vertex: a rolling deployment succeeds and the new model takes all traffic', async () => {
  const rollout = example(file);
  assert.equal(rollout.provider, 'vertex-ai');
  if (rollout.provider !== 'vertex-ai') return;
  const { report, sandbox, stop } = await deployOnSandbox(rollout);
  try {
    assert.equal(report.outcome, 'succeeded', report.reason);
    const view = await deployedModels(sandbox.url, rollout);
    assert.deepEqual(
      view.deployedModels.map((m) => m.model),
      [rollout.model],
    );
    assert.deepEqual(Object.values(view.trafficSplit), [100]);
  } finally {
    await stop();
  }
});

test('vertex: replicas that never become ready end rolled-back, the previous model serving', async () => {
  const rollout = example(file);
  if (rollout.provider !== 'vertex-ai') return;
  const { report, sandbox, stop } = await deployOnSandbox(rollout, (c, r) => {
    seedRollout(c, r);
    c.vertex.replicasNeverReady({});
  });
  try {
    assert.equal(report.outcome, 'rolled-back', report.reason);
    const view = await deployedModels(sandbox.url, rollout);
    assert.ok(view.deployedModels.every((m) => m.model !== rollout.model));
  } finally {
    await stop();
  }
});

test('vertex: a revert past the watch timeout is polled every 5 s, not every second', async () => {
  const rollout = example(file);
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    if (rollout.provider !== 'vertex-ai') return;
    // The previous model is another model, so only the new one's replicas never become ready.
    const legacy = `projects/${rollout.project}/locations/${rollout.location}/models/legacy@1`;
    sandbox.control.vertex.seedModel({ name: rollout.model });
    sandbox.control.vertex.seedEndpoint({
      project: rollout.project,
      location: rollout.location,
      id: rollout.endpoint,
      deployedModels: [{ id: '1', model: legacy, replicas: 4 }],
    });
    sandbox.control.vertex.replicasNeverReady({ model: rollout.model.split('@')[0]! });
    const start = sandbox.clock.now();
    const looks: number[] = [];
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      watchTimeoutSeconds: 300,
      onEvent: (event) => {
        if (event.type === 'progress') looks.push(sandbox.clock.now() - start);
      },
    });
    assert.equal(report.outcome, 'rolled-back', report.reason);
    const reverting = looks.filter((ms) => ms >= 300_000);
    const gaps = reverting.slice(1).map((ms, i) => ms - reverting[i]!);
    assert.ok(gaps.length > 0, 'the revert was watched');
    assert.ok(
      gaps.every((ms) => ms >= 5000),
      `gaps between looks while reverting: ${gaps.join(', ')} ms`,
    );
  } finally {
    await sandbox.stop();
  }
});

test('vertex: past the watch timeout Shiftwise reverts to the previous model', async () => {
  const rollout = example(file);
  if (rollout.provider !== 'vertex-ai') return;
  const { report, sandbox, stop } = await deployOnSandbox(
    rollout,
    (c) => {
      // The previous model is another model, so only the new one's replicas never become ready.
      const legacy = `projects/${rollout.project}/locations/${rollout.location}/models/legacy@1`;
      c.vertex.seedModel({ name: rollout.model });
      c.vertex.seedEndpoint({
        project: rollout.project,
        location: rollout.location,
        id: rollout.endpoint,
        deployedModels: [{ id: '1', model: legacy, replicas: 4 }],
      });
      c.vertex.replicasNeverReady({ model: rollout.model.split('@')[0]! });
    },
    { watchTimeoutSeconds: 120 },
  );
  try {
    assert.equal(report.outcome, 'rolled-back', report.reason);
    assert.match(
      report.reason,
      /^not done within 120 s \(the watch timeout\); reverted to projects\/.*\/models\/legacy@1$/,
    );
    const view = await deployedModels(sandbox.url, rollout);
    assert.ok(
      view.deployedModels.every((m) => m.model !== rollout.model),
      JSON.stringify(view),
    );
    assert.deepEqual(Object.values(view.trafficSplit), [100]);
  } finally {
    await stop();
  }
});

test('vertex: a missing endpoint is refused in preflight', async () => {
  const rollout = example(file);
  const { report, stop } = await deployOnSandbox(rollout, () => {});
  try {
    assert.equal(report.outcome, 'failed');
    assert.equal(report.phase, 'preflight');
    assert.match(report.reason, /not found/);
  } finally {
    await stop();
  }
});

test('vertex: running again after success is a no-op', async () => {
  const rollout = example(file);
  const { sandbox, stop } = await deployOnSandbox(rollout);
  try {
    const { deploy, providerFor } = await import('@shiftwise/core/engine');
    const again = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), { clock: sandbox.clock });
    assert.equal(again.outcome, 'succeeded');
    assert.equal(again.noop, true);
  } finally {
    await stop();
  }
});

test('vertex: a rollout of the same model already in flight is attached to, not deployed again', async () => {
  const rollout = example(file);
  if (rollout.provider !== 'vertex-ai') return;
  const { vertexRequest } = await import('@shiftwise/core');
  const { deploy, providerFor } = await import('@shiftwise/core/engine');
  const { startSandbox } = await import('@shiftwise/sandbox');
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, rollout);
    // Another job's deployModel, as the engine would send it.
    const { endpoint, body } = vertexRequest(rollout);
    const sent = await fetch(`${sandbox.url}/v1beta1/${endpoint}:deployModel`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
      body: JSON.stringify({
        ...body,
        deployedModel: {
          ...body.deployedModel,
          rolloutOptions: { ...body.deployedModel.rolloutOptions, previousDeployedModel: '1' },
        },
      }),
    });
    assert.equal(sent.status, 200, await sent.clone().text());
    await sandbox.clock.advance(10_000);
    const events: string[] = [];
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
      onEvent: (e) => events.push(e.type),
    });
    assert.equal(report.outcome, 'succeeded', report.reason);
    assert.ok(events.includes('attached') && !events.includes('started'), events.join());
    const view = await deployedModels(sandbox.url, rollout);
    assert.deepEqual(
      view.deployedModels.map((m) => m.model),
      [rollout.model],
    );
  } finally {
    await sandbox.stop();
  }
});

test('vertex: deploy again while the revert an interrupt left runs is refused in words that say so', async () => {
  const rollout = example(file);
  if (rollout.provider !== 'vertex-ai') return;
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    // The previous model is another model, so only the new one's replicas never become ready.
    const legacy = `projects/${rollout.project}/locations/${rollout.location}/models/legacy@1`;
    sandbox.control.vertex.seedModel({ name: rollout.model });
    sandbox.control.vertex.seedEndpoint({
      project: rollout.project,
      location: rollout.location,
      id: rollout.endpoint,
      deployedModels: [{ id: '1', model: legacy, replicas: 4 }],
    });
    sandbox.control.vertex.replicasNeverReady({ model: rollout.model.split('@')[0]! });
    // Past the watch timeout Shiftwise reverts; Ctrl-C once the revert runs.
    const interrupt = new AbortController();
    await assert.rejects(
      deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
        clock: sandbox.clock,
        watchTimeoutSeconds: 120,
        signal: interrupt.signal,
        onEvent: (e) => {
          if (e.type === 'progress' && e.observation.phase === 'rolling-back') interrupt.abort();
        },
      }),
    );
    const again = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), { clock: sandbox.clock });
    assert.deepEqual([again.outcome, again.phase], ['failed', 'preflight'], again.reason);
    assert.match(
      again.reason,
      /^a rolling deployment on endpoint \d+ is replacing DeployedModel \d+ \(.*@2, this file's model\) with DeployedModel \d+ \(.*legacy@1\): a revert .* is in progress\. Nothing was sent\. Wait for it to end/,
    );
    assert.doesNotMatch(again.reason, /previousDeployedModel/);
  } finally {
    await sandbox.stop();
  }
});
