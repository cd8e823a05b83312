// `shiftwise validate -` and `shiftwise plan -`: a rollout piped in, named `<stdin>` (or `--stdin-name`'s), read
// as JSON or YAML as a file of that name would be (else by its first character), with a file's guards: the size cap,
// UTF-8, and a refusal instead of a hang when nothing was piped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { isJsonFileName, validateRollout } from '@shiftwise/core';
import { parse as parseYaml } from 'yaml';
import { canaryText } from '../../core/test/support/examples.js';
import { stdinNames } from '../src/stdin.js';
import { root, run, scratch } from './support/run.js';

const canary = canaryText.replace(/^#.*\n/gm, '');
/** The canary as JSON: the same rollout, `{` first. */
const canaryJson = JSON.stringify(parseYaml(canary));

// [what, --stdin-name, text, shown, read as JSON, the default name]
const names: [string, string | undefined, string, string, boolean, string][] = [
  ['YAML, no name', undefined, 'version: 1\n', '<stdin>', false, 'rollout'],
  ['JSON, no name: `{` first', undefined, '{"version": 1}', '<stdin>', true, 'rollout'],
  ['JSON after blank lines and spaces', undefined, '\n\n  \t{"version": 1}', '<stdin>', true, 'rollout'],
  ['a YAML flow list is not JSON', undefined, '[1]\n', '<stdin>', false, 'rollout'],
  ['a comment first: YAML', undefined, '# {"version": 1}\n', '<stdin>', false, 'rollout'],
  ['empty: YAML', undefined, '', '<stdin>', false, 'rollout'],
  ['a name decides: .json', 'r/fraud.rollout.json', 'version: 1\n', 'r/fraud.rollout.json', true, 'fraud'],
  [
    'a name decides: .yaml over a `{`',
    'r/fraud.rollout.yaml',
    '{"version": 1}',
    'r/fraud.rollout.yaml',
    false,
    'fraud',
  ],
  ['a name in any case', 'EU.Rollout.JSON', '', 'EU.Rollout.JSON', true, 'EU'],
];

for (const [what, given, text, shown, json, name] of names)
  test(`stdin names: ${what}`, () => {
    const chosen = stdinNames(given, text);
    // The name a rollout that names none defaults to, from the name core reads the text by.
    const unnamed = isJsonFileName(chosen.fileName)
      ? canaryJson.replace('"name":"fraud-detector",', '')
      : canary.replace(/^name: .*\n/m, '');
    const defaulted = validateRollout(unnamed, { fileName: chosen.fileName }).value?.name;
    assert.deepEqual(
      [chosen.shown, isJsonFileName(chosen.fileName), chosen.textOnly, defaulted],
      [shown, json, given === undefined, name],
    );
  });

const piped = (text: string | Buffer) => Readable.from([Buffer.from(text)]);
const terminal = () => Object.assign(Readable.from([]), { isTTY: true });

// [what, args, stdin, the message]
const refusals: [string, string[], (() => Readable) | undefined, RegExp][] = [
  [
    '- twice',
    ['validate', '-', '-'],
    () => piped(canary),
    /'-' \(standard input\) is given twice, and it can be read only once/,
  ],
  ['- as the file and as the base', ['plan', '-', '--base', '-'], () => piped(canary), /is given twice/],
  [
    'a terminal: nothing was piped',
    ['validate', '-'],
    terminal,
    /standard input is this terminal: pipe the rollout in \(render-rollout \| shiftwise validate -\) or give its file/,
  ],
  [
    'a terminal, for plan',
    ['plan', '-'],
    terminal,
    /pipe the rollout in \(render-rollout \| shiftwise plan -\)/,
  ],
  [
    '--stdin-name without -',
    ['validate', 'a.rollout.yaml', '--stdin-name', 'my file.rollout.yaml'],
    () => piped(canary),
    /no file argument is '-' \(shiftwise validate - --stdin-name 'my file\.rollout\.yaml'\)/,
  ],
  [
    '--stdin-name empty',
    ['validate', '-', '--stdin-name='],
    () => piped(canary),
    /--stdin-name takes a file name/,
  ],
  [
    '--stdin-name for a base read from -',
    ['plan', 'examples/sagemaker-canary.rollout.yaml', '--base', '-', '--stdin-name', 'x.rollout.yaml'],
    () => piped(canary),
    /a base read from '-' is read under FILE's own name/,
  ],
  ['no standard input given to the run', ['validate', '-'], undefined, /this run was given none/],
];

for (const [what, args, stdin, message] of refusals)
  test(`refused at once, exit 2 with the help: ${what}`, async () => {
    const { code, stdout, stderr } = await run(args, root, {}, undefined, stdin?.());
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.match(stderr, /\n\nUsage: shiftwise /);
  });

test('validate - beside files: <stdin> among them, in the summary and JSON; no word about its name', async () => {
  const dir = scratch({ 'ok.rollout.yaml': canary });
  const bad = canary.replace('size: 25%', 'size: 60%');
  const { code, stdout, stderr } = await run(
    ['validate', 'ok.rollout.yaml', '-', '--format', 'json'],
    dir,
    {},
    undefined,
    piped(bad),
  );
  assert.equal(code, 1);
  assert.equal(stderr, '');
  const report = JSON.parse(stdout);
  assert.deepEqual(
    report.files.map((f: { file: string; diagnostics: { code: string }[] }) => [
      f.file,
      f.diagnostics.map((d) => d.code),
    ]),
    [
      ['ok.rollout.yaml', []],
      ['<stdin>', ['canary-size']],
    ],
  );
});

test('a file named - is ./-', async () => {
  const dir = scratch({ '-': canary });
  const { code, stdout } = await run(['validate', './-'], dir);
  assert.equal(code, 0);
  assert.equal(stdout, '1 file, 0 errors, 0 warnings\n');
});

test('plan - of JSON text alone names no file; --stdin-name gives the file and the default name', async () => {
  const unnamed = JSON.parse(canaryJson);
  delete unnamed.name;
  const text = JSON.stringify(unnamed);
  const alone = await run(['plan', '-', '--format', 'json'], root, {}, undefined, piped(text));
  assert.equal(alone.code, 0, alone.stderr);
  const plan = JSON.parse(alone.stdout);
  assert.equal(plan.file, undefined);
  assert.equal(plan.name, 'rollout');
  const named = await run(
    ['plan', '-', '--format', 'json', '--stdin-name', 'r/fraud.rollout.json'],
    root,
    {},
    undefined,
    piped(text),
  );
  assert.deepEqual(
    [JSON.parse(named.stdout).file, JSON.parse(named.stdout).name],
    ['r/fraud.rollout.json', 'fraud'],
  );
});

test('plan - with errors says where its findings are, not a command to paste', async () => {
  const { code, stderr } = await run(
    ['plan', '-'],
    root,
    {},
    undefined,
    piped(canary.replace('size: 25%', 'size: 60%')),
  );
  assert.equal(code, 1);
  assert.match(stderr, /^<stdin>:\d+:9: error .*\[canary-size\]$/m);
  assert.match(
    stderr,
    /^shiftwise plan: <stdin> has errors; fix them to see its plan \(its findings are above\)$/m,
  );
});

/** `shiftwise <args>` as a process, with `input` piped to its standard input. */
function cli(args: string[], input: string | Buffer) {
  return spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--conditions=source', join(root, 'cli/src/bin.ts'), ...args],
    { cwd: root, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
  );
}

test('a process: JSON with a syntax error piped to validate - is read as JSON, at <stdin>', () => {
  const result = cli(['validate', '-'], '{"version": 1,}\n');
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /^<stdin>:1:14: error not valid JSON: a trailing comma/);
});

test('a process: validate - --format sarif names the artifact by --stdin-name', () => {
  const result = cli(
    ['validate', '-', '--format', 'sarif', '--stdin-name', 'r/fraud.rollout.yaml'],
    canary.replace('size: 25%', 'size: 60%'),
  );
  assert.equal(result.status, 1, result.stderr);
  const sarif = JSON.parse(result.stdout);
  const [found] = sarif.runs[0].results;
  assert.equal(found.ruleId, 'canary-size');
  assert.equal(found.locations[0].physicalLocation.artifactLocation.uri, 'r/fraud.rollout.yaml');
});

test('a process: plan - --base FILE says what changed against the file', () => {
  const result = cli(
    ['plan', '-', '--base', 'examples/sagemaker-canary.rollout.yaml', '--format', 'json'],
    canary.replace('size: 25%', 'size: 50%'),
  );
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).diff, ['canary 25% → 50%']);
});

test('a process: more than 5 MiB piped in is refused as too large, and reading stops', () => {
  const big = Buffer.alloc(8 * 1024 * 1024, '#');
  const result = cli(['validate', '-'], big);
  assert.equal(result.status, 1, result.stderr);
  assert.match(
    result.stdout,
    /^<stdin>:1:1: error the file is 5\.1 MiB \(5,242,881 bytes\); a rollout file must be at most 5 MiB/,
  );
  assert.match(result.stderr, /<stdin> holds more than 5 MiB; reading stopped after 5 MiB and a byte/);
});

test('a process: bytes that are not UTF-8 are one finding, as in a file', () => {
  const latin1 = Buffer.from(canary.replace('fraud-5xx', 'fraud-caf\u00e9'), 'latin1');
  const result = cli(['validate', '-'], latin1);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /^<stdin>:\d+:\d+: error the byte 0xE9 is not UTF-8, and YAML files are/);
});
