import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Rollout } from '@shiftwise/core';
import {
  type DeployEvent,
  type DeployReport,
  deploy,
  providerFor,
  type StepsMode,
} from '@shiftwise/core/engine';
import { type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example, shortVertexSteps } from './support.js';

// Vertex AI canaries by traffic split, end to end: the engine's REST calls (fetch) against the sandbox's Vertex AI
// v1 and Cloud Monitoring v3 on a virtual clock; bad metrics are written through the real timeSeries.create.

const file = 'vertex-steps.rollout.yaml';

async function scene(rollout: Rollout): Promise<Sandbox> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, rollout);
  return sandbox;
}

const run = (sandbox: Sandbox, rollout: Rollout, mode: StepsMode, onEvent?: (event: DeployEvent) => void) =>
  deploy(rollout, providerFor(rollout, { env: sandbox.env, mode }), {
    clock: sandbox.clock,
    ...(onEvent && { onEvent }),
  });

/** The endpoint as the REST API shows it: deployed models and split. */
async function endpointOf(sandbox: Sandbox, rollout: Rollout) {
  if (rollout.provider !== 'vertex-ai') throw new Error('a Vertex AI file');
  const name = `projects/${rollout.project}/locations/${rollout.location}/endpoints/${rollout.endpoint}`;
  const answer = await fetch(`${sandbox.url}/v1/${name}?allDeploymentStates=true`, {
    headers: { authorization: 'Bearer t' },
  });
  return (await answer.json()) as {
    deployedModels?: { id: string; model: string }[];
    trafficSplit?: Record<string, number>;
    labels?: Record<string, string>;
  };
}

/** Writes `value` errors for the new DeployedModel through Cloud Monitoring's timeSeries.create, once step 1 bakes. */
function errorsAt(sandbox: Sandbox, rollout: Rollout, value: number) {
  let sent = false;
  return (event: DeployEvent) => {
    if (
      sent ||
      event.type !== 'progress' ||
      event.observation.phase !== 'baking' ||
      rollout.provider !== 'vertex-ai'
    )
      return;
    sent = true;
    // Read now, before anything awaits: the virtual clock moves on while the engine sleeps.
    const labelled = sandbox.control.vertex.labels({ endpoint: rollout.endpoint })['shiftwise-new'];
    const at = new Date(sandbox.clock.now() + 1000).toISOString();
    void (async () => {
      const fresh =
        labelled ??
        (await endpointOf(sandbox, rollout)).deployedModels?.find((m) => m.model === rollout.model)?.id ??
        '';
      const answer = await fetch(`${sandbox.url}/v3/projects/${rollout.project}/timeSeries`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({
          timeSeries: [
            {
              metric: {
                type: 'aiplatform.googleapis.com/prediction/online/error_count',
                labels: { deployed_model_id: fresh },
              },
              resource: {
                type: 'aiplatform.googleapis.com/Endpoint',
                labels: {
                  resource_container: rollout.project,
                  location: rollout.location,
                  endpoint_id: rollout.endpoint,
                },
              },
              // A second into the bake: a point at the very start of a period belongs to the one before.
              points: [{ interval: { endTime: at }, value: { int64Value: String(value) } }],
            },
          ],
        }),
      });
      if (!answer.ok) throw new Error(`timeSeries.create: ${answer.status} ${await answer.text()}`);
    })();
  };
}

const outcome = (r: DeployReport) => `${r.outcome}: ${r.reason}`;

test('vertex steps: deploy pauses at the gate (step 2); promote ends with the new model alone at 100%', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    const paused = await run(sandbox, rollout, 'deploy');
    assert.equal(paused.outcome, 'paused', outcome(paused));
    const mid = await endpointOf(sandbox, rollout);
    assert.equal(mid.deployedModels?.length, 2);
    assert.deepEqual(
      Object.values(mid.trafficSplit ?? {}).sort((a, b) => a - b),
      [10, 90],
    );
    const done = await run(sandbox, rollout, 'promote');
    assert.equal(done.outcome, 'succeeded', outcome(done));
    const after = await endpointOf(sandbox, rollout);
    assert.equal(after.deployedModels?.length, 1);
    assert.equal(after.deployedModels?.[0]?.model, rollout.provider === 'vertex-ai' ? rollout.model : '');
    assert.deepEqual(Object.values(after.trafficSplit ?? {}), [100]);
    assert.deepEqual(
      Object.keys(after.labels ?? {}).filter((k) => k.startsWith('shiftwise')),
      [],
      'the state labels are removed',
    );
  } finally {
    await sandbox.stop();
  }
});

test('vertex steps: a file that starts with a timed pause deploys the new model at 0% and holds it there through the pause', async () => {
  const rollout = example(file, (t) => t.replace('  steps:\n', '  steps:\n    - pause: 20m\n'));
  const sandbox = await scene(rollout);
  const shares: number[] = [];
  try {
    // The share the engine itself read from the endpoint at each look during the pause (step 1).
    const paused = await run(sandbox, rollout, 'deploy', (event) => {
      if (event.type === 'progress' && event.step === 1 && event.observation.trafficPercent !== undefined)
        shares.push(event.observation.trafficPercent);
    });
    assert.equal(paused.outcome, 'paused', outcome(paused));
    assert.ok(shares.length > 0, 'the pause was seen');
    assert.deepEqual([...new Set(shares)], [0], 'no traffic reached the new model during the pause');
    const plan = paused.plan;
    assert.equal(plan?.steps[0]?.trafficPercent, 0);
    const mid = await endpointOf(sandbox, rollout);
    assert.deepEqual(
      Object.values(mid.trafficSplit ?? {}).sort((a, b) => a - b),
      [10, 90],
      'after the pause, the first traffic step took its share',
    );
  } finally {
    await sandbox.stop();
  }
});

/**
 * A relay in front of the sandbox that lets `ms` of simulated time pass before it forwards each read of an
 * operation: every operation in flight ends between the provider's read of the endpoint and its read of the
 * operation, the order of a busy service. (CI once met it by chance: a second undeploy of the previous model.)
 */
async function lateOperations(sandbox: Sandbox, ms: number): Promise<{ url: string; close(): void }> {
  const relay = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'GET' && req.url?.includes('/operations/')) await sandbox.clock.advance(ms);
    const answer = await fetch(`${sandbox.url}${req.url}`, {
      method: req.method ?? 'GET',
      headers: req.headers as Record<string, string>,
      ...(chunks.length > 0 && { body: Buffer.concat(chunks) }),
    });
    const keep = ['content-type', 'date'].flatMap((h) => {
      const value = answer.headers.get(h);
      return value === null ? [] : [[h, value] as const];
    });
    res.writeHead(answer.status, Object.fromEntries(keep));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => relay.close() };
}

for (const mode of ['promote', 'abort'] as const)
  test(`vertex steps: operations that end between two reads are not sent twice (${mode})`, async () => {
    const rollout = example(file);
    const sandbox = await scene(rollout);
    const relay = await lateOperations(sandbox, 60_000);
    const env = { ...sandbox.env, SHIFTWISE_VERTEX_ENDPOINT: relay.url };
    const go = (m: StepsMode) =>
      deploy(rollout, providerFor(rollout, { env, mode: m }), { clock: sandbox.clock });
    try {
      const paused = await go('deploy');
      assert.equal(paused.outcome, 'paused', outcome(paused));
      assert.equal(
        (await endpointOf(sandbox, rollout)).deployedModels?.length,
        2,
        'one new model, deployed once',
      );
      const done = await go(mode);
      assert.equal(done.outcome, mode === 'promote' ? 'succeeded' : 'rolled-back', outcome(done));
      const after = await endpointOf(sandbox, rollout);
      assert.deepEqual(
        after.deployedModels?.map((m) => m.id),
        mode === 'promote' ? ['1001'] : ['1'],
      );
    } finally {
      relay.close();
      await sandbox.stop();
    }
  });

test('vertex steps: error_count of the new model during step 1 rolls back, naming new-errors', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy', errorsAt(sandbox, rollout, 3));
    assert.equal(report.outcome, 'rolled-back', `${outcome(report)} ${JSON.stringify(report.analysis)}`);
    assert.match(report.reason, /new-errors/);
    const after = await endpointOf(sandbox, rollout);
    assert.deepEqual(
      after.deployedModels?.map((m) => m.id),
      ['1'],
      'the new model is undeployed, the previous one stays',
    );
    assert.deepEqual(after.trafficSplit, { '1': 100 });
  } finally {
    await sandbox.stop();
  }
});

test("vertex steps: promote after the gate reads the new model's errors too, and rolls back, naming new-errors", async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    assert.equal((await run(sandbox, rollout, 'deploy')).outcome, 'paused');
    // The promoting process never saw the start: its checks read deployed_model_id "" and found no data.
    const report = await run(sandbox, rollout, 'promote', errorsAt(sandbox, rollout, 3));
    assert.equal(report.outcome, 'rolled-back', `${outcome(report)} ${JSON.stringify(report.analysis)}`);
    assert.match(report.reason, /new-errors \(step 3\)/);
    assert.deepEqual((await endpointOf(sandbox, rollout)).trafficSplit, { '1': 100 });
  } finally {
    await sandbox.stop();
  }
});

test('vertex steps: abort at the gate rolls back to the previous model alone', async () => {
  const rollout = example(file);
  const sandbox = await scene(rollout);
  try {
    assert.equal((await run(sandbox, rollout, 'deploy')).outcome, 'paused');
    const report = await run(sandbox, rollout, 'abort');
    assert.equal(report.outcome, 'rolled-back', outcome(report));
    assert.match(report.reason, /aborted/);
    assert.deepEqual((await endpointOf(sandbox, rollout)).trafficSplit, { '1': 100 });
  } finally {
    await sandbox.stop();
  }
});

/** The rolling example with one analysis check on the new model's errors. */
const rollingWithAnalysis = () =>
  example('vertex-rolling.rollout.yaml', (t) =>
    t.replace(
      /\ntimeout:/,
      '\nanalysis:\n  - name: new-errors\n    metric: prediction/online/error_count\n    period: 1m\n    max: 0\ntimeout:',
    ),
  );

test('vertex rolling with analysis: a breach while it rolls reverts to the previous model, naming the check', async () => {
  const rollout = rollingWithAnalysis();
  const sandbox = await scene(rollout);
  try {
    let sent = false;
    const report = await run(sandbox, rollout, 'deploy', (event) => {
      if (sent || event.type !== 'progress' || (event.observation.trafficPercent ?? 0) <= 0) return;
      sent = true;
      errorsAt(sandbox, rollout, 5)({ ...event, observation: { ...event.observation, phase: 'baking' } });
    });
    assert.equal(report.outcome, 'rolled-back', outcome(report));
    assert.match(report.reason, /analysis check new-errors breached/);
  } finally {
    await sandbox.stop();
  }
});

test('vertex rolling with analysis and no breach: succeeds after the checks watched the deployed model', async () => {
  const rollout = rollingWithAnalysis();
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy');
    assert.equal(report.outcome, 'succeeded', outcome(report));
    assert.ok((report.analysis ?? []).some((v) => v.name === 'new-errors' && v.periods.length >= 2));
  } finally {
    await sandbox.stop();
  }
});

test('vertex steps: a deployModel Vertex AI refuses (no such model) fails at start in its words and leaves no labels', async () => {
  const rollout = example(file, shortVertexSteps);
  const missing = example(file, (t) =>
    shortVertexSteps(t).replace('models/sentiment@7', 'models/no-such-model@1'),
  );
  const sandbox = await scene(rollout);
  try {
    const refused = await run(sandbox, missing, 'deploy');
    assert.deepEqual([refused.outcome, refused.phase], ['failed', 'start'], outcome(refused));
    assert.match(refused.reason, /^Vertex AI refused the update: .*no-such-model/);
    const after = await endpointOf(sandbox, rollout);
    assert.equal(after.deployedModels?.length, 1);
    assert.deepEqual(
      Object.keys(after.labels ?? {}).filter((k) => k.startsWith('shiftwise')),
      [],
      'the state labels are removed',
    );
    const done = await run(sandbox, rollout, 'deploy');
    assert.equal(done.outcome, 'succeeded', outcome(done));
  } finally {
    await sandbox.stop();
  }
});

// A refused deployModel whose clean-up (the labels patch) fails: the labels go once it succeeds, or the report says
// they stay and how to remove them.
const refusedCleanUps = [
  { name: 'throttled once, then removed', status: (n: number) => (n === 1 ? 429 : undefined), left: false },
  { name: 'denied every time', status: () => 403, left: true },
];
for (const row of refusedCleanUps)
  test(`vertex steps: a refused deployModel whose labels clean-up is ${row.name}: it fails in the refusal's words`, async () => {
    const rollout = example(file, shortVertexSteps);
    const missing = example(file, (t) =>
      shortVertexSteps(t).replace('models/sentiment@7', 'models/no-such-model@1'),
    );
    const sandbox = await scene(rollout);
    const realFetch = globalThis.fetch;
    let n = 0;
    globalThis.fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const clearing =
        init?.method === 'PATCH' &&
        /updateMask=labels/.test(String(input)) &&
        !/shiftwise-rollout/.test(body);
      const status = clearing ? row.status(++n) : undefined;
      if (status)
        return new Response(JSON.stringify({ error: { code: status, message: 'no', status: 'DENIED' } }), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      return realFetch(input, init);
    };
    const stateLabels = async () =>
      Object.keys((await endpointOf(sandbox, rollout)).labels ?? {}).filter((k) => k.startsWith('shiftwise'));
    try {
      const refused = await run(sandbox, missing, 'deploy');
      assert.equal(refused.outcome, 'failed', outcome(refused));
      assert.match(refused.reason, /^Vertex AI refused the update: .*no-such-model/);
      assert.equal(
        /Its shiftwise-\* labels could not be removed from endpoint \S+ \(.*\), so the next deploy would attach to it: run shiftwise abort FILE to remove them$/.test(
          refused.reason,
        ),
        row.left,
        refused.reason,
      );
      assert.equal((await stateLabels()).length > 0, row.left);
      globalThis.fetch = realFetch;
      if (row.left) await run(sandbox, missing, 'abort');
      assert.deepEqual(await stateLabels(), []);
      const done = await run(sandbox, rollout, 'deploy');
      assert.equal(done.outcome, 'succeeded', outcome(done));
    } finally {
      globalThis.fetch = realFetch;
      await sandbox.stop();
    }
  });

// The watch's own deadline never cuts a canary short: without a timeout it outlasts the steps (1 h once did), and
// with one the canary's own rollback at it is watched to its end.
const longCanaries: [name: string, edit: (text: string) => string, outcome: string, reason: RegExp][] = [
  [
    'no timeout, 90 min of bakes: succeeds',
    (t) => t.replace('timeout: 3h\n', '').replace(/bake: 1[05]m/g, 'bake: 30m'),
    'succeeded',
    /serves .*sentiment@7/,
  ],
  [
    'timeout 13m, 12 min of bakes: rolls back at the timeout, watched to its end',
    // lag 0: the timeout stays short of the bakes and their last metrics by the wait, not for sure (timeout-budget).
    (t) =>
      t
        .replace('timeout: 3h', 'timeout: 13m')
        .replace(/bake: 1[05]m/g, 'bake: 4m')
        .replace('    period: 1m\n', '    period: 1m\n    lag: 0\n'),
    'rolled-back',
    /^timeout: 780 s passed since .* before the steps ended; endpoint .* is back on DeployedModel 1 with its whole share/,
  ],
];
for (const [name, edit, expected, reason] of longCanaries)
  test(`vertex steps: ${name}`, async () => {
    const rollout = example(file, (t) => edit(t.replace('    - pause: manual\n', '')));
    const sandbox = await scene(rollout);
    try {
      const report = await run(sandbox, rollout, 'deploy');
      assert.equal(report.outcome, expected, outcome(report));
      assert.match(report.reason, reason);
      const after = await endpointOf(sandbox, rollout);
      assert.equal(after.deployedModels?.length, 1);
      assert.deepEqual(
        Object.keys(after.labels ?? {}).filter((k) => k.startsWith('shiftwise')),
        [],
        'the state labels are removed',
      );
    } finally {
      await sandbox.stop();
    }
  });

// Answers lost after the service acted, one request kind at a time: the canary reads where it stands and goes on.
const losses: [name: string, matches: (url: string, method: string) => boolean][] = [
  ['deployModel', (url) => url.endsWith(':deployModel')],
  ['the split update', (url, method) => method === 'PATCH' && url.includes('updateMask=trafficSplit')],
  ['a labels update', (url, method) => method === 'PATCH' && url.includes('updateMask=labels')],
  ['undeployModel', (url) => url.endsWith(':undeployModel')],
  ['timeSeries.list', (url) => url.includes('/v3/')],
];
for (const [name, matches] of losses)
  test(`vertex steps: the answer to ${name} is lost once; the canary still pauses, then succeeds`, async () => {
    const rollout = example(file);
    const sandbox = await scene(rollout);
    const realFetch = globalThis.fetch;
    let lost = false;
    globalThis.fetch = async (input, init) => {
      const answer = await realFetch(input, init);
      if (!lost && matches(String(input), init?.method ?? 'GET')) {
        lost = true;
        await answer.text();
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        });
      }
      return answer;
    };
    try {
      const paused = await run(sandbox, rollout, 'deploy');
      assert.equal(paused.outcome, 'paused', outcome(paused));
      const done = await run(sandbox, rollout, 'promote');
      assert.equal(done.outcome, 'succeeded', outcome(done));
      assert.equal((await endpointOf(sandbox, rollout)).deployedModels?.length, 1);
      assert.ok(lost, `no ${name} was sent`);
    } finally {
      globalThis.fetch = realFetch;
      await sandbox.stop();
    }
  });

test('vertex steps: a latency check (a distribution) reads its mean: within bounds, the canary pauses as planned', async () => {
  const rollout = example(file, (t) =>
    t.replace(
      '    metric: prediction/online/error_count\n    period: 1m\n    max: 0',
      '    metric: prediction/online/prediction_latencies\n    stat: Average\n    period: 1m\n    max: 500',
    ),
  );
  const sandbox = await scene(rollout);
  try {
    const report = await run(sandbox, rollout, 'deploy');
    assert.equal(report.outcome, 'paused', outcome(report));
  } finally {
    await sandbox.stop();
  }
});

test('vertex steps: resumed past its timeout while the new model deploys, the canary rolls back and undeploys it', async () => {
  const rollout = example(file, (t) => shortVertexSteps(t).replace('timeout: 3h', 'timeout: 30m'));
  const sandbox = await scene(rollout);
  try {
    const interrupt = new AbortController();
    await assert.rejects(
      deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
        clock: sandbox.clock,
        signal: interrupt.signal,
        onEvent: (event) => event.type === 'started' && interrupt.abort(new Error('interrupted')),
      }),
    );
    await sandbox.clock.advance(35 * 60_000);
    const report = await run(sandbox, rollout, 'deploy');
    assert.equal(report.outcome, 'rolled-back', outcome(report));
    assert.match(report.reason, /^timeout: .*the new model \(DeployedModel \d+\) undeployed$/);
    const after = await endpointOf(sandbox, rollout);
    assert.deepEqual(
      after.deployedModels?.map((m) => m.id),
      ['1'],
      'the new DeployedModel is undeployed, though no step had learnt its id',
    );
    assert.deepEqual(after.trafficSplit, { '1': 100 });
  } finally {
    await sandbox.stop();
  }
});

// A deployModel that fails (its replicas never ready), the deploy that sent it interrupted: whatever came after (the
// timeout passed, an abort), the failed deploy is named, and no undeploy is claimed.
const failedDeploys: readonly { name: string; mode: StepsMode; outcome: string; reason: RegExp }[] = [
  {
    name: 'deploy again past the timeout: failed in the deploy’s words, not a timeout rollback',
    mode: 'deploy',
    outcome: 'failed',
    reason:
      /^deploying projects\/acme-ml\/locations\/us-central1\/models\/sentiment@7 beside the previous model failed: .*replicas did not become ready.*; no traffic reached it$/,
  },
  {
    name: 'abort: rolled back, the new model never deployed, its failed deploy named',
    mode: 'abort',
    outcome: 'rolled-back',
    reason:
      /^aborted by shiftwise abort; endpoint 1234567890 is back on DeployedModel 1 with its whole share, the new model never deployed: deploying \S+ beside it failed: .*replicas did not become ready/,
  },
];
for (const row of failedDeploys)
  test(`vertex steps: a deployModel that failed, the timeout passed, then ${row.name}`, async () => {
    // lag 0: the bakes fit the short timeout, so the file is valid and only the failed deploy runs it out.
    const rollout = example(file, (t) =>
      shortVertexSteps(t)
        .replace('timeout: 3h', 'timeout: 10m')
        .replace('    period: 1m\n', '    period: 1m\n    lag: 0\n'),
    );
    if (rollout.provider !== 'vertex-ai') throw new Error('a Vertex AI file');
    const sandbox = await scene(rollout);
    sandbox.control.vertex.replicasNeverReady({ model: rollout.model, enabled: true });
    try {
      const interrupt = new AbortController();
      await assert.rejects(
        deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
          clock: sandbox.clock,
          signal: interrupt.signal,
          onEvent: (event) => event.type === 'started' && interrupt.abort(new Error('interrupted')),
        }),
      );
      await sandbox.clock.advance(11 * 60_000);
      const report = await run(sandbox, rollout, row.mode);
      assert.equal(report.outcome, row.outcome, outcome(report));
      assert.match(report.reason, row.reason);
      assert.doesNotMatch(report.reason, /undeployed/);
      const after = await endpointOf(sandbox, rollout);
      assert.deepEqual(
        after.deployedModels?.map((m) => m.id),
        ['1'],
      );
      assert.deepEqual(
        Object.keys(after.labels ?? {}).filter((k) => k.startsWith('shiftwise')),
        [],
        'the state labels are removed',
      );
    } finally {
      await sandbox.stop();
    }
  });
