import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, scratch } from './support/run.js';

// Shiftwise-run steps through the CLI: deploy stops at the gate (exit 5), status reads where it stands, promote
// (a second command, as another process would) finishes it, abort rolls one back. Against a sandbox in this
// process at ×3000 with the CLI's clock matched through SHIFTWISE_CLOCK_SPEED.

const file = 'examples/sagemaker-steps.rollout.yaml';

async function sandboxFor() {
  const { startSandbox, seedRollout } = await import('@shiftwise/sandbox');
  const { validateRollout } = await import('@shiftwise/core');
  const { readFileSync } = await import('node:fs');
  const sandbox = await startSandbox({ speed: 3000 });
  seedRollout(sandbox.control, validateRollout(readFileSync(file, 'utf8')).value!);
  return { sandbox, env: { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: '3000' } };
}

test('steps: deploy exits 5 at the gate, status says paused at step 3, promote runs it to success', async () => {
  const { sandbox, env } = await sandboxFor();
  try {
    const deployed = await run(['deploy', file], undefined, env);
    assert.equal(deployed.code, 5, deployed.stdout + deployed.stderr);
    assert.match(
      deployed.stdout,
      /⏸ paused .*paused at step 3 of 5 \(a manual gate\); run shiftwise promote examples\/sagemaker-steps\.rollout\.yaml to continue, shiftwise abort examples\/sagemaker-steps\.rollout\.yaml to roll back$/m,
    );
    assert.doesNotMatch(deployed.stdout, /\bFILE\b/);
    // The sandbox publishes the variants' invocation metrics: every period of new-5xx has a value, 0.
    assert.match(deployed.stdout, /analysis: new-5xx \(step 1\): 0( 0)*( …( 0)+)? → within bounds$/m);

    const status = await run(['status', file], undefined, env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /paused at step 3 of 5/);
    assert.match(status.stdout, /25% of traffic on the new model/);
    assert.match(status.stdout, /▶ {2}3 {2}gate: shiftwise promote/);

    const json = JSON.parse((await run(['status', file, '--format', 'json'], undefined, env)).stdout);
    assert.equal(json.state.state, 'paused');
    assert.equal(json.state.step, 3);

    const promoted = await run(['promote', file, '--format', 'json'], undefined, env);
    assert.equal(promoted.code, 0, promoted.stdout + promoted.stderr);
    const report = JSON.parse(promoted.stdout);
    assert.match(report.reason, /fraud-model-v43 alone serves all traffic/);
    // Times count from step 4, the first this run moved to (step 5 is planned 30 min after it), not from step 1.
    assert.equal(report.fromStep, 4);
    assert.equal(report.observedFrom, undefined);
    assert.deepEqual(
      report.steps.map((s: { plannedAt?: number; observedAt?: number }) => [
        s.plannedAt,
        s.observedAt !== undefined,
      ]),
      [
        [undefined, false],
        [undefined, false],
        [undefined, false],
        [0, true],
        [1800, true],
      ],
    );
    assert.equal(report.steps[3].observedAt, 0);
    assert.match(
      (await run(['status', file], undefined, env)).stdout,
      /no rollout in progress .*on fraud-detector-prod--fraud-model-v43/,
    );
  } finally {
    await sandbox.stop();
  }
});

test('steps: status knows its own rollout by a name SageMaker cannot keep as written', async () => {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(file, 'utf8').replace('name: fraud-detector-steps', 'name: "fraud (v2)!"');
  const dir = scratch({ 'odd.rollout.yaml': text });
  const { sandbox, env } = await sandboxFor();
  try {
    assert.equal((await run(['deploy', 'odd.rollout.yaml'], dir, env)).code, 5);
    const status = await run(['status', 'odd.rollout.yaml'], dir, env);
    assert.match(status.stdout, /paused at step 3 of 5/);
    assert.match(status.stdout, /▶ {2}3 {2}gate: shiftwise promote/);
  } finally {
    await sandbox.stop();
  }
});

test('steps: abort at the gate rolls back (exit 3); promote with nothing in progress is refused (exit 4)', async () => {
  const { sandbox, env } = await sandboxFor();
  try {
    assert.equal((await run(['deploy', file], undefined, env)).code, 5);
    const aborted = await run(['abort', file], undefined, env);
    assert.equal(aborted.code, 3, aborted.stdout + aborted.stderr);
    assert.match(
      aborted.stdout,
      /aborted by shiftwise abort; endpoint fraud-detector-prod is back on fraud-detector-prod-current/,
    );
    const promoted = await run(['promote', file], undefined, env);
    assert.equal(promoted.code, 4);
    assert.match(promoted.stdout, /no Shiftwise rollout is in progress/);
  } finally {
    await sandbox.stop();
  }
});

test('promote of a file SageMaker runs (a canary) is a usage error', async () => {
  const { code, stderr } = await run(['promote', 'examples/sagemaker-canary.rollout.yaml']);
  assert.equal(code, 2);
  assert.match(stderr, /acts on rollouts Shiftwise runs itself/);
});

test('vertex canary: deploy exits 5 at the gate, status reads the labels, promote ends with the new model alone', async () => {
  const { startSandbox, seedRollout } = await import('@shiftwise/sandbox');
  const { validateRollout } = await import('@shiftwise/core');
  const { readFileSync } = await import('node:fs');
  const vertexFile = 'examples/vertex-steps.rollout.yaml';
  const sandbox = await startSandbox({ speed: 3000 });
  seedRollout(sandbox.control, validateRollout(readFileSync(vertexFile, 'utf8')).value!);
  const env = { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: '3000' };
  try {
    const deployed = await run(['deploy', vertexFile], undefined, env);
    assert.equal(deployed.code, 5, deployed.stdout + deployed.stderr);
    assert.match(deployed.stdout, /paused at step 2 of 4/);
    const status = await run(['status', vertexFile], undefined, env);
    assert.match(status.stdout, /paused at step 2 of 4/);
    assert.match(status.stdout, /10% of traffic on the new model/);
    const promoted = await run(['promote', vertexFile], undefined, env);
    assert.equal(promoted.code, 0, promoted.stdout + promoted.stderr);
    assert.match(promoted.stdout, /✔ succeeded .*previous model's whole share/);
  } finally {
    await sandbox.stop();
  }
});

test('steps: status of a rollout left past its timeout says the next deploy rolls it back', async () => {
  const { startSandbox, seedRollout } = await import('@shiftwise/sandbox');
  const { validateRollout } = await import('@shiftwise/core');
  const { deploy, providerFor } = await import('@shiftwise/core/engine');
  const { readFileSync } = await import('node:fs');
  const rollout = validateRollout(readFileSync(file, 'utf8')).value!;
  const sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, rollout);
  try {
    // Started, then left: as after Ctrl-C, with the file's 4 h timeout counting.
    const stop = new AbortController();
    await assert.rejects(
      deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
        clock: sandbox.clock,
        signal: stop.signal,
        onEvent: (event) => event.type === 'started' && stop.abort(new Error('interrupted')),
      }),
    );
    const before = await run(['status', file], undefined, sandbox.env);
    assert.doesNotMatch(before.stdout, /rolls it back/);
    await sandbox.clock.advance(5 * 3600_000);
    const after = await run(['status', file], undefined, sandbox.env);
    assert.equal(after.code, 0, after.stderr);
    assert.match(
      after.stdout,
      /^ {2}timeout: 14400 s passed since \S+ before the steps ended: nothing has moved it since, and the next `shiftwise deploy examples\/sagemaker-steps\.rollout\.yaml` rolls it back \(`shiftwise abort examples\/sagemaker-steps\.rollout\.yaml` does too\)$/m,
    );
    const json = JSON.parse((await run(['status', file, '--format', 'json'], undefined, sandbox.env)).stdout);
    assert.match(json.timedOut, /^timeout: 14400 s passed/);
  } finally {
    await sandbox.stop();
  }
});

test("steps: status of a rollout left in the wait for a step's last metrics says so, with the bound", async () => {
  const { startSandbox, seedRollout } = await import('@shiftwise/sandbox');
  const { validateRollout } = await import('@shiftwise/core');
  const { deploy, providerFor } = await import('@shiftwise/core/engine');
  const { readFileSync } = await import('node:fs');
  const rollout = validateRollout(readFileSync(file, 'utf8')).value!;
  const sandbox = await startSandbox({ clock: 'virtual' });
  seedRollout(sandbox.control, rollout);
  try {
    // Left as after Ctrl-C once step 1's bake is over and its last metrics are awaited.
    const stop = new AbortController();
    await assert.rejects(
      deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
        clock: sandbox.clock,
        signal: stop.signal,
        onEvent: (event) =>
          event.type === 'progress' && event.observation.settling && stop.abort(new Error('interrupted')),
      }),
    );
    const status = await run(['status', file], undefined, sandbox.env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(
      status.stdout,
      /^ {2}bake over at \d\d:\d\d:\d\d UTC; the step waits for its last metrics to settle, until \d\d:\d\d:\d\d UTC at the latest: a deploy watching it then moves on \(a breach in them rolls back\); if none runs, the next `shiftwise deploy examples\/sagemaker-steps\.rollout\.yaml` does$/m,
    );
    assert.match(
      status.stdout,
      /▶ {2}1 {2}5% to new, 1 new \/ 4 old, bake 10 min \+ up to 7 min for the last metrics$/m,
    );
    const json = JSON.parse((await run(['status', file, '--format', 'json'], undefined, sandbox.env)).stdout);
    assert.equal(json.lastMetrics.after, 'bake');
    const [ended, until] = [Date.parse(json.lastMetrics.ended), Date.parse(json.lastMetrics.until)];
    assert.ok(
      until > ended && until - ended <= 420_000,
      `${json.lastMetrics.ended} → ${json.lastMetrics.until}`,
    );
    assert.equal(json.steps[0].lastMetricsSeconds, 420);
  } finally {
    await sandbox.stop();
  }
});

test('steps: status at the gate with a rollback alarm in ALARM says the next promote rolls back, and it does', async () => {
  const { sandbox, env } = await sandboxFor();
  try {
    assert.equal((await run(['deploy', file], undefined, env)).code, 5);
    assert.doesNotMatch((await run(['status', file], undefined, env)).stdout, /in ALARM/);
    sandbox.control.setAlarmState({ alarm: 'fraud-5xx', state: 'ALARM' });
    const status = await run(['status', file], undefined, env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(
      status.stdout,
      /^ {2}rollback alarm fraud-5xx is in ALARM: the next `shiftwise promote examples\/sagemaker-steps\.rollout\.yaml` rolls the rollout back instead of going on \(`shiftwise abort examples\/sagemaker-steps\.rollout\.yaml` rolls it back now\)$/m,
    );
    assert.doesNotMatch(status.stdout, /\bFILE\b/);
    const json = JSON.parse((await run(['status', file, '--format', 'json'], undefined, env)).stdout);
    assert.equal(json.alarm, 'fraud-5xx');
    const promoted = await run(['promote', file], undefined, env);
    assert.equal(promoted.code, 3, promoted.stdout + promoted.stderr);
    assert.match(promoted.stdout, /alarm fraud-5xx went into ALARM at the gate of step 3/);
  } finally {
    await sandbox.stop();
  }
});

// One transient fault on the way (a dropped connection, throttling) is retried, as deploy retries it; faults that
// outlast the budget end in the engine's words, not the client's ("socket hang up", "fetch failed").
const faults: readonly {
  name: string;
  file: string;
  fault: { kind: 'drop' | 'throttle'; match: string; count: number };
}[] = [
  {
    name: 'a dropped DescribeEndpoint',
    file,
    fault: { kind: 'drop', match: 'SageMaker.DescribeEndpoint', count: 1 },
  },
  {
    name: 'a throttled DescribeEndpoint',
    file,
    fault: { kind: 'throttle', match: 'SageMaker.DescribeEndpoint', count: 1 },
  },
  { name: 'a dropped DescribeAlarms', file, fault: { kind: 'drop', match: 'DescribeAlarms', count: 1 } },
  {
    name: 'a dropped Vertex AI endpoint read',
    file: 'examples/vertex-steps.rollout.yaml',
    fault: { kind: 'drop', match: 'vertex GET', count: 1 },
  },
];
for (const row of faults)
  test(`status: ${row.name} is retried, and the status read`, async () => {
    const { startSandbox, seedRollout } = await import('@shiftwise/sandbox');
    const { validateRollout } = await import('@shiftwise/core');
    const { readFileSync } = await import('node:fs');
    const sandbox = await startSandbox({ speed: 3000 });
    seedRollout(sandbox.control, validateRollout(readFileSync(row.file, 'utf8')).value!);
    const env = { ...sandbox.env, SHIFTWISE_CLOCK_SPEED: '3000' };
    try {
      assert.equal((await run(['deploy', row.file], undefined, env)).code, 5);
      const fault = sandbox.control.injectFault(row.fault);
      const status = await run(['status', row.file], undefined, env);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /paused at step/);
      assert.equal(fault.applied, 1, 'the fault was met, then the read retried');
    } finally {
      await sandbox.stop();
    }
  });

test('status: a connection dropped on every try gives up after the budget, in the engine’s words', async () => {
  const { sandbox, env } = await sandboxFor();
  try {
    sandbox.control.injectFault({
      kind: 'drop',
      match: 'SageMaker.DescribeEndpoint',
      count: Number.POSITIVE_INFINITY,
    });
    const status = await run(['status', file], undefined, env);
    assert.equal(status.code, 4, status.stdout);
    assert.match(
      status.stderr,
      /^shiftwise status: cannot read endpoint fraud-detector-prod: gave up after \d+ attempts: the connection was closed before an answer came \(/m,
    );
  } finally {
    await sandbox.stop();
  }
});
