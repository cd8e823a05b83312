import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { main } from '../src/main.js';
import { root, run, scratch } from './support/run.js';

// The deploy and demo commands in-process; the engine's outcomes are covered end to end in test/engine.

test('deploy --sandbox runs the rollout to success: exit 0, progress lines, the closing report', async () => {
  const { code, stdout } = await run([
    'deploy',
    'examples/sagemaker-canary.rollout.yaml',
    '--sandbox',
    '--speed',
    '600',
  ]);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^preflight: endpoint fraud-detector-prod InService/m);
  assert.match(stdout, /step 1\/2 · 25% traffic/);
  assert.match(stdout, /✔ succeeded after .* InService on fraud-detector-v42/);
});

test('deploy of retain plans the stored config: progress counts its steps, the JSON names what it runs as', async () => {
  const file = 'examples/sagemaker-retain.rollout.yaml';
  const text = await run(['deploy', file, '--sandbox', '--speed', '6000']);
  assert.equal(text.code, 0, text.stdout + text.stderr);
  // The sandbox seeds a stored canary of 1 instance (sandbox/src/seed-rollout.ts).
  assert.match(text.stdout, /stored deployment config: canary of 1 instance, bake 5 min/);
  assert.match(text.stdout, /^plan: 2 steps · 10 min · peak \d+ instances \(retain,/m);
  assert.match(text.stdout, /step 2\/2 · 100% traffic/);
  const json = await run(['deploy', file, '--sandbox', '--speed', '6000', '--format', 'json']);
  const report = JSON.parse(json.stdout) as { plan: { strategy: string; retained?: string } };
  assert.deepEqual([report.plan.strategy, report.plan.retained], ['retain', 'canary']);
});

test('deploy --format json prints the report', async () => {
  const { code, stdout } = await run([
    'deploy',
    'examples/vertex-rolling.rollout.yaml',
    '--sandbox',
    '--speed',
    '600',
    '--format',
    'json',
  ]);
  assert.equal(code, 0, stdout);
  const report = JSON.parse(stdout) as { outcome: string; noop: boolean };
  assert.equal(report.outcome, 'succeeded');
  assert.equal(report.noop, false);
});

test('deploy --format json as a process: stdout is the JSON report alone, progress goes to stderr', () => {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=source',
      join(root, 'cli/src/bin.ts'),
      'deploy',
      'examples/sagemaker-canary.rollout.yaml',
      '--sandbox',
      '--speed',
      '600',
      '--format',
      'json',
    ],
    { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { outcome: string };
  assert.equal(report.outcome, 'succeeded');
  assert.match(result.stderr, /^sandbox: /m);
  assert.match(result.stderr, /^preflight: endpoint fraud-detector-prod InService/m);
  assert.match(result.stderr, /step 1\/2 · 25% traffic/);
});

test('deploy of a file with errors sends nothing: exit 1', async () => {
  const dir = scratch({
    'bad.rollout.yaml':
      'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: canary\n  size: 60%\n  bake: 5m\ntimeout: 1h\nrollback:\n  alarms: [a]\n',
  });
  const { code, stderr } = await run(['deploy', 'bad.rollout.yaml', '--sandbox'], dir);
  assert.equal(code, 1);
  assert.match(stderr, /nothing was deployed/);
});

const usage: [string, string[], RegExp][] = [
  ['no file', ['deploy'], /exactly one rollout file/],
  [
    'speed without sandbox',
    ['deploy', 'examples/sagemaker-canary.rollout.yaml', '--speed', '5'],
    /only applies with --sandbox/,
  ],
  [
    'bad watch timeout',
    ['deploy', 'examples/sagemaker-canary.rollout.yaml', '--watch-timeout', 'soon'],
    /--watch-timeout/,
  ],
  ['bad demo speed', ['demo', '--speed', '0'], /--speed must be a positive number/],
  [
    'unknown option, with the options the command takes',
    ['deploy', 'examples/sagemaker-canary.rollout.yaml', '--bogus'],
    /^shiftwise deploy: Unknown option '--bogus'; the options are --capacity, --watch-timeout, --timeout, --no-wait, --sandbox, --speed, --format and -h\/--help$/m,
  ],
  [
    'unknown short option of validate',
    ['validate', '-x'],
    /^shiftwise validate: Unknown option '-x'; the options are -f\/--format, --capacity, --stdin-name and -h\/--help$/m,
  ],
  [
    'unknown option of sandbox',
    ['sandbox', '--bogus'],
    /^shiftwise sandbox: Unknown option '--bogus'; the options are --port, --speed, --region, --seed and -h\/--help$/m,
  ],
  [
    'unknown option of demo',
    ['demo', '--nope'],
    /^shiftwise demo: Unknown option '--nope'; the options are --speed and -h\/--help$/m,
  ],
  [
    'promote of a missing file names promote',
    ['promote', 'nope.rollout.yaml'],
    /^shiftwise promote: cannot read nope.rollout.yaml: no such file$/m,
  ],
  [
    'abort of a folder names abort',
    ['abort', 'examples'],
    /^shiftwise abort: cannot read examples: is a folder$/m,
  ],
  [
    'sandbox --seed of a missing file, in words',
    ['sandbox', '--seed', 'nope.rollout.yaml'],
    /^shiftwise sandbox: cannot read --seed nope.rollout.yaml: no such file$/m,
  ],
];
const clockSpeeds: [raw: string, message: RegExp][] = [
  [
    'abc',
    /^shiftwise deploy: SHIFTWISE_CLOCK_SPEED must be a number above 0 \(the --speed of the sandbox\), not 'abc'; nothing was sent$/m,
  ],
  [' ', /not ' '; nothing was sent/],
  ['0', /not '0'/],
  ['-60', /not '-60'/],
];
for (const [raw, message] of clockSpeeds)
  test(`usage: SHIFTWISE_CLOCK_SPEED='${raw}' → exit 2 before anything is sent`, async () => {
    const { code, stderr, stdout } = await run(['deploy', 'examples/sagemaker-canary.rollout.yaml'], root, {
      SHIFTWISE_CLOCK_SPEED: raw,
    });
    assert.equal(code, 2, stdout + stderr);
    assert.match(stderr, message);
    assert.equal(stdout, '');
  });

for (const [name, args, message] of usage)
  test(`usage: ${name} → exit 2`, async () => {
    const { code, stderr } = await run(args);
    assert.equal(code, 2);
    assert.match(stderr, message);
  });

test('demo: three successes (an inference component, steps promoted past their gate) and one rollback, all as expected → exit 0', async () => {
  const { code, stdout } = await run(['demo']);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /✔ succeeded/);
  assert.match(stdout, /✖ rolled-back — alarm recommender-5xx/);
  assert.match(stdout, /An inference component rolled to a new model in batches of copies/);
  assert.match(stdout, /✔ succeeded .*InService on model chat-model-v8 with 8 copies/);
  assert.match(stdout, /⏸ paused .*paused at step 3 of 5/);
  // The analysis reads the invocation metrics the sandbox publishes: a value (0 errors) in every period.
  assert.match(stdout, /^ {2}analysis: new-5xx \(step 1\): 0 0 0 0 0 0 0 0 0 0 0 → within bounds$/m);
  assert.match(stdout, /✔ succeeded .*fraud-model-v43 alone serves all traffic/);
  assert.match(stdout, /^ {2}analysis: new-5xx \(step 4\): 0 0 … 0 0 0 0 0 0 0 0 → within bounds$/m);
  assert.doesNotMatch(stdout, /no data in/);
  assert.match(stdout, /4\/4 rollouts ended as expected/);
});

test('deploy against a sandbox elsewhere: an alarm in step 1 rolls back → exit 3, naming the alarm', async () => {
  const { startSandbox, seedRollout } = await import('@shiftwise/sandbox');
  const { validateRollout } = await import('@shiftwise/core');
  const { readFileSync } = await import('node:fs');
  const sandbox = await startSandbox({ speed: 600 });
  try {
    const file = 'examples/sagemaker-canary.rollout.yaml';
    const rollout = validateRollout(readFileSync(file, 'utf8')).value!;
    seedRollout(sandbox.control, rollout);
    sandbox.control.scheduleAlarm({ alarm: 'fraud-5xx', endpoint: 'fraud-detector-prod', step: 1 });
    const { code, stdout } = await run(['deploy', file], undefined, {
      ...sandbox.env,
      SHIFTWISE_CLOCK_SPEED: '600',
    });
    assert.equal(code, 3, stdout);
    assert.match(stdout, /✖ rolled-back — alarm fraud-5xx/);
  } finally {
    await sandbox.stop();
  }
});

test('deploy --format json still prints one report for a file it cannot read or that has errors', async () => {
  const dir = scratch({ 'bad.rollout.yaml': 'version: 1\nprovider: sagemaker\n' });
  const invalid = await run(['deploy', 'bad.rollout.yaml', '--format', 'json'], dir);
  assert.equal(invalid.code, 1);
  const report = JSON.parse(invalid.stdout);
  assert.deepEqual([report.outcome, report.phase, report.file], ['failed', 'validate', 'bad.rollout.yaml']);
  assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'required'));
  const missing = await run(['deploy', 'nope.rollout.yaml', '--format', 'json'], dir);
  assert.equal(missing.code, 2);
  assert.deepEqual(
    [JSON.parse(missing.stdout).phase, JSON.parse(missing.stdout).reason],
    ['read', 'cannot read nope.rollout.yaml: no such file'],
  );
});

test('deploy|promote|abort --format json: diagnostics in the shape of validate --format json', async () => {
  const text = 'version: 1\nprovider: sagemaker\nendpoint: [e]\n';
  const dir = scratch({ 'bad.rollout.yaml': text });
  const validated = JSON.parse((await run(['validate', 'bad.rollout.yaml', '--format', 'json'], dir)).stdout);
  for (const command of ['deploy', 'promote', 'abort']) {
    const report = JSON.parse((await run([command, 'bad.rollout.yaml', '--format', 'json'], dir)).stdout);
    assert.deepEqual(report.diagnostics, validated.files[0].diagnostics, command);
  }
  const wrongType = validated.files[0].diagnostics.find((d: { code: string }) => d.code === 'wrong-type');
  assert.deepEqual(
    [wrongType.line, wrongType.column, wrongType.endLine, wrongType.endColumn, wrongType.docs],
    [3, 11, 3, 14, 'docs/rules.md#wrong-type'],
  );
});

test('deploy --no-wait of a steps file is refused: nothing would move the steps once the command exits', async () => {
  const { code, stdout, stderr } = await run([
    'deploy',
    'examples/sagemaker-steps.rollout.yaml',
    '--no-wait',
  ]);
  assert.equal(code, 2, stderr);
  assert.equal(stdout, '');
  assert.match(
    stderr,
    /^shiftwise deploy: --no-wait does not apply to examples\/sagemaker-steps\.rollout\.yaml \(strategy type: steps\): Shiftwise moves its steps itself, so once this command exits nothing moves them, .*Run `shiftwise deploy examples\/sagemaker-steps\.rollout\.yaml` without --no-wait and leave it running: it stops at a manual gate \(exit 5\); nothing was sent$/m,
  );
  assert.match((await run(['deploy', '--help'])).stdout, /refused for strategy type: steps/);
});

// Every refusal of a file read and valid prints a report on stdout with --format json (phase usage, exit 2), as a
// file that cannot be read or has errors does: a script that parses stdout never gets an empty document.
const usageRefusals: [name: string, args: string[], env: Record<string, string>, reason: RegExp][] = [
  [
    '--no-wait of a steps file',
    ['deploy', 'examples/sagemaker-steps.rollout.yaml', '--no-wait', '--format', 'json'],
    {},
    /^--no-wait does not apply to examples\/sagemaker-steps\.rollout\.yaml \(strategy type: steps\).*nothing was sent$/,
  ],
  [
    'promote of a file the provider runs',
    ['promote', 'examples/sagemaker-canary.rollout.yaml', '--format', 'json'],
    {},
    /^examples\/sagemaker-canary\.rollout\.yaml is sagemaker canary, which the provider runs; promote acts on rollouts Shiftwise runs itself/,
  ],
  [
    'a SHIFTWISE_CLOCK_SPEED that is no speed',
    ['deploy', 'examples/sagemaker-canary.rollout.yaml', '--format', 'json'],
    { SHIFTWISE_CLOCK_SPEED: 'fast' },
    /^SHIFTWISE_CLOCK_SPEED must be a number above 0 \(the --speed of the sandbox\), not 'fast'; nothing was sent$/,
  ],
];

for (const [name, args, env, reason] of usageRefusals)
  test(`--format json, refused (${name}): a failed report on stdout, the words on stderr`, async () => {
    const { code, stdout, stderr } = await run(args, root, env);
    assert.equal(code, 2, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual([report.outcome, report.phase, report.file], ['failed', 'usage', args[1]]);
    assert.match(report.reason, reason);
    assert.match(stderr, new RegExp(`^shiftwise ${args[0]}: ${reason.source.slice(1)}`, 'm'));
  });

test('a --sandbox dry run of a steps file that stops at its gate says the sandbox went with it, and how to promote', async () => {
  const { code, stdout } = await run([
    'deploy',
    'examples/sagemaker-steps.rollout.yaml',
    '--sandbox',
    '--speed',
    '6000',
  ]);
  assert.equal(code, 5, stdout);
  assert.match(
    stdout,
    /^The dry run ends at the gate: its sandbox stopped with this command, .*`shiftwise sandbox --seed examples\/sagemaker-steps\.rollout\.yaml`/m,
  );
});

test('sandbox --speed X prints SHIFTWISE_CLOCK_SPEED=X among its exports, so deploy watches on its time', async () => {
  const stopped = AbortSignal.abort();
  const fast = await run(['sandbox', '--port', '0', '--speed', '60'], root, {}, stopped);
  assert.equal(fast.code, 0, fast.stderr);
  assert.match(fast.stdout, /^export SHIFTWISE_CLOCK_SPEED=60$/m);
  assert.match(fast.stdout, /^export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+$/m);
  const real = await run(['sandbox', '--port', '0'], root, {}, stopped);
  assert.doesNotMatch(real.stdout, /SHIFTWISE_CLOCK_SPEED/);
});

test('an interrupted --sandbox dry run says its sandbox stopped with it, not that the update runs on', async () => {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: new Writable({
      write(chunk, _encoding, done) {
        stdout += String(chunk);
        if (/step 1\/2/.test(stdout)) controller.abort();
        done();
      },
    }),
    stderr: new Writable({
      write(chunk, _encoding, done) {
        stderr += String(chunk);
        done();
      },
    }),
    env: {},
    cwd: root,
    signal: controller.signal,
  };
  const code = await main(
    ['deploy', 'examples/sagemaker-canary.rollout.yaml', '--sandbox', '--speed', '600'],
    io,
  );
  assert.equal(code, 4, stdout + stderr);
  assert.match(
    stderr,
    /^shiftwise deploy: interrupted \(last seen: \[\+\d\d:\d\d\] step 1\/2 .*\); the dry run's sandbox stopped with it, and no cloud was touched\.$/m,
  );
  assert.doesNotMatch(stderr, /keeps running/);
});
