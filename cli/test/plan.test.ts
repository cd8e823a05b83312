import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { componentExampleRequest } from '../../core/test/support/examples.js';
import { run, scratch } from './support/run.js';

const linear = 'examples/sagemaker-linear.rollout.yaml';
const canary = 'examples/sagemaker-canary.rollout.yaml';

test('plan prints the schedule of one file as text', async () => {
  const { code, stdout } = await run(['plan', linear]);
  assert.equal(code, 0);
  assert.match(stdout, /^recommender · sagemaker linear · 5 instances$/m);
  assert.match(stdout, /total 25 min after provisioning · timeout 1 h · peak 10 instances/);
});

test('JSON is one object for one file and an array for several', async () => {
  const one = await run(['plan', linear, '--format', 'json']);
  assert.equal(JSON.parse(one.stdout).totalSeconds, 1500);
  const many = await run(['plan', 'examples/*.rollout.yaml', '--format', 'json']);
  assert.equal(many.code, 0);
  const plans = JSON.parse(many.stdout) as { name: string }[];
  assert.ok(Array.isArray(plans) && plans.length >= 6);
});

test('JSON is shaped by the files given and is always JSON: several with a failure, one that fails', async () => {
  const text = readFileSync(new URL(`../../${canary}`, import.meta.url), 'utf8');
  const dir = scratch({
    'ok.rollout.yaml': text,
    'bad.rollout.yaml': text.replace('size: 25%', 'size: 60%'),
    'worse.rollout.yaml': text.replace('size: 25%', 'size: 70%'),
  });
  const several = await run(['plan', 'ok.rollout.yaml', 'bad.rollout.yaml', '--format', 'json'], dir);
  assert.equal(several.code, 1);
  const plans = JSON.parse(several.stdout) as { file: string }[];
  assert.ok(Array.isArray(plans), 'an array for several files, also when one fails');
  assert.deepEqual(
    plans.map((p) => p.file),
    ['ok.rollout.yaml'],
  );
  const none = await run(['plan', 'bad.rollout.yaml', 'worse.rollout.yaml', '--format', 'json'], dir);
  assert.deepEqual(JSON.parse(none.stdout), []);
  const one = await run(['plan', 'bad.rollout.yaml', '--format', 'json'], dir);
  assert.equal(one.code, 1);
  assert.equal(JSON.parse(one.stdout), null, 'one file that fails: null');
  const base = await run(['plan', 'bad.rollout.yaml', '--base', 'ok.rollout.yaml', '--format', 'json'], dir);
  assert.equal(base.code, 1);
  assert.equal(JSON.parse(base.stdout), null, 'with --base too');
});

// `plan --format json` always prints JSON, shaped by what was asked: one file path an object (null when not
// planned or not read), more than one path, a folder or a glob an array. [name, arguments, JSON as the file of
// the object, the files of the array, or null, exit code]
const jsonShapes: [string, string[], string | string[] | null, number][] = [
  ['one file', ['ok.rollout.yaml'], 'ok.rollout.yaml', 0],
  ['one missing file', ['missing.rollout.yaml'], null, 2],
  ['one planned, one missing', ['ok.rollout.yaml', 'missing.rollout.yaml'], ['ok.rollout.yaml'], 2],
  ['one planned, one a pipe', ['ok.rollout.yaml', 'fifo.rollout.yaml'], ['ok.rollout.yaml'], 2],
  ['a folder of one file', ['one'], ['one/ok.rollout.yaml'], 0],
  ['a glob matching one file', ['o*.rollout.yaml'], ['ok.rollout.yaml'], 0],
  ['a glob matching nothing', ['none*.rollout.yaml'], [], 2],
  [
    'a planned file and a glob matching nothing',
    ['ok.rollout.yaml', 'none*.rollout.yaml'],
    ['ok.rollout.yaml'],
    2,
  ],
  ['--base missing', ['ok.rollout.yaml', '--base', 'missing.rollout.yaml'], null, 2],
  ['--base a pipe', ['ok.rollout.yaml', '--base', 'fifo.rollout.yaml'], null, 2],
  ['a pipe against --base', ['fifo.rollout.yaml', '--base', 'ok.rollout.yaml'], null, 2],
  ['a missing file against --base', ['missing.rollout.yaml', '--base', 'ok.rollout.yaml'], null, 2],
];

for (const [name, args, expected, exit] of jsonShapes)
  test(`plan --format json, ${name}: ${JSON.stringify(expected)}, exit ${exit}`, async () => {
    const text = readFileSync(new URL(`../../${canary}`, import.meta.url), 'utf8');
    const dir = scratch({ 'ok.rollout.yaml': text });
    mkdirSync(join(dir, 'one'));
    writeFileSync(join(dir, 'one/ok.rollout.yaml'), text);
    execFileSync('mkfifo', [join(dir, 'fifo.rollout.yaml')]);
    const { code, stdout, stderr } = await run(['plan', '--format', 'json', ...args], dir);
    assert.equal(code, exit);
    const json = JSON.parse(stdout) as { file: string } | { file: string }[] | null;
    const shown = Array.isArray(json) ? json.map((p) => p.file) : (json?.file ?? null);
    assert.deepEqual(shown, expected);
    if (exit !== 0) assert.match(stderr, /cannot read|no files match/, 'stderr says what failed');
  });

test('markdown carries the table and the chart', async () => {
  const { stdout } = await run(['plan', canary, '--format', 'markdown']);
  assert.match(stdout, /\| step \| starts \|/);
  assert.match(stdout, /```mermaid/);
});

test('--base says what changed', async () => {
  const { code, stdout } = await run(['plan', canary, '--base', linear]);
  assert.equal(code, 0);
  assert.match(stdout, /strategy linear → canary/);
  assert.match(stdout, /total 25 min → 20 min/);
});

/** A base with no plan: what text and markdown say (JSON's diff is null for both: nothing was compared). */
const noBasePlan: [base: string, baseText: string, text: RegExp, markdown: RegExp][] = [
  [
    'empty.rollout.yaml',
    '',
    /^ {2}new file: the base is empty, so there is no plan to compare with/m,
    /\*\*New rollout file:\*\* no plan on the base branch/,
  ],
  [
    'broken.rollout.yaml',
    'version: 1\nprovider: [sagemaker\n',
    /^ {2}no comparison: the base is not a valid rollout/m,
    /\*\*No comparison:\*\* the base branch's version of this file is not a valid rollout/,
  ],
];
for (const [base, baseText, textWords, markdownWords] of noBasePlan)
  test(`--base ${base} (no plan there) says so in text, JSON and markdown, never "no change"`, async () => {
    const dir = scratch({
      'a.rollout.yaml': readFileSync(new URL(`../../${canary}`, import.meta.url), 'utf8'),
      [base]: baseText,
    });
    const plan = (format: string) => run(['plan', 'a.rollout.yaml', '--base', base, '--format', format], dir);
    const text = await plan('text');
    assert.equal(text.code, 0);
    assert.match(text.stdout, textWords);
    assert.doesNotMatch(text.stdout, /no change/);
    assert.equal(JSON.parse((await plan('json')).stdout).diff, null, 'diff null: nothing was compared');
    const markdown = (await plan('markdown')).stdout;
    assert.match(markdown, markdownWords);
    assert.doesNotMatch(markdown, /No change/);
  });

test('--base of the same file: compared, no change', async () => {
  const dir = scratch({
    'a.rollout.yaml': readFileSync(new URL(`../../${canary}`, import.meta.url), 'utf8'),
  });
  const same = await run(['plan', 'a.rollout.yaml', '--base', 'a.rollout.yaml', '--format', 'json'], dir);
  assert.deepEqual(JSON.parse(same.stdout).diff, [], 'diff []: compared, no change');
});

test('--capacity overrides the file', async () => {
  const { stdout } = await run(['plan', linear, '--capacity', '10', '--format', 'json']);
  assert.equal(JSON.parse(stdout).capacity, 10);
});

test('a file with errors is not planned: findings on stderr, exit 1', async () => {
  const dir = scratch({
    'bad.rollout.yaml':
      'version: 1\nprovider: sagemaker\nendpoint: e\nendpointConfig: c\nstrategy:\n  type: canary\n  size: 60%\n  bake: 5m\ntimeout: 1h\nrollback:\n  alarms: [a]\n',
  });
  const { code, stdout, stderr } = await run(['plan', 'bad.rollout.yaml'], dir);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /bad\.rollout\.yaml:7:9: error .*50%/);
});

const usage: [string, string[], RegExp][] = [
  ['no file', ['plan'], /give the rollout file/],
  ['bad format', ['plan', linear, '--format', 'html'], /--format must be text, markdown or json/],
  ['bad capacity', ['plan', linear, '--capacity', '0'], /--capacity must be a whole number/],
  ['base with two files', ['plan', linear, canary, '--base', linear], /--base compares one file/],
  ['missing file', ['plan', 'nope.rollout.yaml'], /no such file/],
];
for (const [name, args, message] of usage)
  test(`usage: ${name} → exit 2`, async () => {
    const { code, stderr } = await run(args);
    assert.equal(code, 2);
    assert.match(stderr, message);
  });

test('a folder gives its rollout files in any case, as core names them', async () => {
  const text = readFileSync(new URL(`../../${canary}`, import.meta.url), 'utf8');
  const dir = scratch({ 'EU.Rollout.YAML': text, 'compose.yaml': 'services: {}\n' });
  const { code, stdout } = await run(['plan', '.', '--format', 'json'], dir);
  assert.equal(code, 0);
  assert.deepEqual(
    (JSON.parse(stdout) as { file: string }[]).map((p) => p.file),
    ['EU.Rollout.YAML'],
    'a folder is a list, also of one file',
  );
});

test('--format markdown --base is the pull-request body, also for a file with errors (exit 1)', async () => {
  const text = readFileSync(new URL(`../../${canary}`, import.meta.url), 'utf8');
  const dir = scratch({
    'a.rollout.yaml': text.replace('size: 25%', 'size: 60%'),
    'base.rollout.yaml': text,
  });
  const { code, stdout } = await run(
    ['plan', 'a.rollout.yaml', '--base', 'base.rollout.yaml', '--format', 'markdown'],
    dir,
  );
  assert.equal(code, 1);
  assert.match(stdout, /^## Shiftwise rollout plan · 1 rollout file\n\n❌ 1 with errors\n/);
  assert.match(stdout, /^### ❌ a\.rollout\.yaml — 1 error: not planned until the errors are fixed$/m);
});

test('an inference component plans as UpdateInferenceComponent, in batches of copies', async () => {
  const { code, stdout } = await run([
    'plan',
    'examples/sagemaker-inference-component.rollout.yaml',
    '--format',
    'json',
  ]);
  assert.equal(code, 0);
  const json = JSON.parse(stdout);
  assert.equal(json.target, 'inference-component');
  assert.equal(json.endpoint, 'llm-prod');
  assert.equal(json.strategy, 'rolling');
  assert.equal(json.capacity, 8);
  assert.deepEqual(
    json.steps.map((s: { trafficPercent: number; greenActive: number; blueActive: number }) => [
      s.trafficPercent,
      s.greenActive,
      s.blueActive,
    ]),
    [
      [25, 2, 6],
      [50, 4, 4],
      [75, 6, 2],
      [100, 8, 0],
    ],
    '4 steps, 2 new copies each',
  );
  assert.equal(json.totalSeconds, 1200);
  assert.equal(json.peakInstances, 10);
  assert.deepEqual(json.request, componentExampleRequest);
});

test('an inference component as text: what is updated, copies, copy-minutes', async () => {
  const { code, stdout } = await run(['plan', 'examples/sagemaker-inference-component.rollout.yaml']);
  assert.equal(code, 0);
  assert.match(stdout, /^chat · sagemaker rolling · inference component chat-ic on llm-prod · 8 copies$/m);
  assert.match(stdout, /total 20 min after provisioning · timeout 2 h · peak 10 copies/);
  assert.match(stdout, /extra copy-minutes: 40/);
});
