// The words the CLI prints for the user to act on: commands to paste (a path quoted as one shell word), an option's
// value that looks like an option, and a --seed or status file with errors (its findings, exit 1).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { shellWord } from '../src/shell-word.js';
import { run, scratch } from './support/run.js';

const words: [path: string, word: string][] = [
  ['rollouts/a.rollout.yaml', 'rollouts/a.rollout.yaml'],
  ['C:/r/a_b-1@2.rollout.yaml', 'C:/r/a_b-1@2.rollout.yaml'],
  ['my file.rollout.yaml', "'my file.rollout.yaml'"],
  ['x $(touch y).rollout.yaml', "'x $(touch y).rollout.yaml'"],
  ['`id`.rollout.yaml', "'`id`.rollout.yaml'"],
  ["it's.rollout.yaml", "'it'\\''s.rollout.yaml'"],
  ['a\nb.rollout.yaml', "'a\\u{a}b.rollout.yaml'"],
];

for (const [path, word] of words)
  test(`a path to paste is one shell word: ${JSON.stringify(path)}`, () => {
    assert.equal(shellWord(path), word);
  });

const canary = readFileSync(new URL('../../examples/sagemaker-canary.rollout.yaml', import.meta.url), 'utf8');

test('plan of a file with errors names the validate command with the path quoted', async () => {
  const dir = scratch({ 'x $(touch y).rollout.yaml': canary.replace('size: 25%', 'size: 60%') });
  const { code, stderr } = await run(['plan', 'x $(touch y).rollout.yaml'], dir);
  assert.equal(code, 1);
  assert.match(stderr, /\(shiftwise validate 'x \$\(touch y\)\.rollout\.yaml'\)$/m);
});

test('an option value that starts with a dash is explained, not refused as ambiguous', async () => {
  const { code, stderr } = await run(['plan', 'examples/sagemaker-canary.rollout.yaml', '--capacity', '-3']);
  assert.equal(code, 2);
  assert.match(
    stderr,
    /^shiftwise plan: --capacity takes a value, and the word after it starts with '-' as an option does; if that is the value, write --capacity=VALUE$/m,
  );
  const written = await run(['plan', 'examples/sagemaker-canary.rollout.yaml', '--capacity=-3']);
  assert.match(written.stderr, /--capacity must be a whole number of instances, 1–10000, not '-3'/);
});

test('sandbox --seed of a file with errors prints its findings and starts nothing (exit 1, no usage page)', async () => {
  const dir = scratch({ 'bad.rollout.yaml': canary.replace('bake: 10m', 'bake: 10 min') });
  const { code, stdout, stderr } = await run(['sandbox', '--port', '0', '--seed', 'bad.rollout.yaml'], dir);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^bad\.rollout\.yaml:\d+:\d+: error 'strategy\.bake': '10 min' is not a duration/m);
  assert.match(stderr, /--seed bad\.rollout\.yaml has errors, so nothing was started/);
  assert.doesNotMatch(stderr, /Usage:/);
});

test('status of a file with errors prints its findings with file:line:col, as deploy does (exit 1)', async () => {
  const dir = scratch({ 'bad.rollout.yaml': canary.replace('bake: 10m', 'bake: 10 min') });
  const status = await run(['status', 'bad.rollout.yaml'], dir);
  const deployed = await run(['deploy', 'bad.rollout.yaml'], dir);
  assert.equal(status.code, 1);
  assert.equal(status.stdout, '');
  const findings = (stderr: string) =>
    stderr.split('\n').filter((l) => /^bad\.rollout\.yaml:\d+:\d+: /.test(l));
  assert.match(
    status.stderr,
    /^bad\.rollout\.yaml:\d+:\d+: error 'strategy\.bake': '10 min' is not a duration/m,
  );
  assert.deepEqual(findings(status.stderr), findings(deployed.stderr));
  assert.match(
    status.stderr,
    /^shiftwise status: bad\.rollout\.yaml has errors; the endpoint was not read\. Fix them and run `shiftwise status bad\.rollout\.yaml` again$/m,
  );
});

test('status --format json of a file with errors or of no steps rollout still prints a JSON document on stdout', async () => {
  const dir = scratch({
    'bad.rollout.yaml': canary.replace('bake: 10m', 'bake: 10 min'),
    'ok.rollout.yaml': canary,
  });
  const bad = await run(['status', 'bad.rollout.yaml', '--format', 'json'], dir);
  assert.equal(bad.code, 1);
  const refused = JSON.parse(bad.stdout) as {
    outcome: string;
    phase: string;
    diagnostics: { line: number }[];
  };
  assert.deepEqual(
    [refused.outcome, refused.phase, refused.diagnostics[0]?.line],
    ['failed', 'validate', 13],
  );
  const canaryFile = await run(['status', 'ok.rollout.yaml', '--format', 'json'], dir);
  assert.equal(canaryFile.code, 2);
  assert.deepEqual(JSON.parse(canaryFile.stdout).phase, 'usage');
});
