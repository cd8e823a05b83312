// `shiftwise validate -` and `shiftwise plan -`: a rollout piped in, named `<stdin>` (or `--stdin-name`'s), read
// as JSON or YAML as a file of that name would be (else by its first character), with a file's guards: the size cap,
// UTF-8, and a refusal instead of a hang when nothing was piped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
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

/**
 * What a process is given on standard input: text piped in, a descriptor to read from (a file or a folder opened
 * here, as `< path` gives it), 'ignore' for /dev/null, 'closed' for none at all (`<&-`, through a shell).
 */
type Stdin = string | Buffer | number | 'ignore' | 'closed';

/** `shiftwise <args>` as a process in `cwd` (default the repository), with `stdin` as its standard input. */
function cli(args: string[], stdin: Stdin, { cwd = root }: { cwd?: string } = {}) {
  const command = [
    process.execPath,
    '--import',
    import.meta.resolve('tsx'),
    '--conditions=source',
    join(root, 'cli/src/bin.ts'),
    ...args,
  ];
  const [file, argv] =
    stdin === 'closed'
      ? ['/bin/sh', ['-c', 'exec "$@" <&-', 'sh', ...command]]
      : [command[0]!, command.slice(1)];
  const piped = stdin !== 'ignore' && stdin !== 'closed' && typeof stdin !== 'number';
  return spawnSync(file, argv, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
    ...(piped ? { input: stdin } : { stdio: [stdin === 'closed' ? 'ignore' : stdin, 'pipe', 'pipe'] }),
  });
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
  assert.equal(JSON.parse(result.stdout).runs[0].artifacts, undefined);
  assert.equal(result.stderr, '');
});

test('a process: plan - --base FILE says what changed against the file', () => {
  const result = cli(
    ['plan', '-', '--base', 'examples/sagemaker-canary.rollout.yaml', '--format', 'json'],
    canary.replace('size: 25%', 'size: 50%'),
  );
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).diff, ['canary 25% → 50%']);
});

/** More than the cap, as `yes |` or `< /dev/zero` give it: what is read is 5 MiB and a byte. */
const endless = Buffer.alloc(8 * 1024 * 1024, '#');

/** The finding of a pipe cut at the cap, by `command`: no size it does not know, and what to do. */
const cutFinding = (command: string) =>
  new RegExp(
    `^standard input holds more than 5 MiB \\(reading stopped at 5,242,881 bytes\\); a rollout file must be at most 5 MiB \\(5,242,880 bytes; they are usually under 1 KiB\\): split it into smaller rollouts, or save it to a file and give its path \\(shiftwise ${command} r/fraud\\.rollout\\.yaml\\), which reads its real size$`,
  );

/** The message of the first finding printed as text (`<stdin>:1:1: error … [code]`). */
const textFinding = (out: string) => /^<stdin>:1:1: error (.*) \[file-too-large\]$/m.exec(out)?.[1] ?? out;

// [format, args, the finding's message from stdout and stderr]
const tooLarge: [string, string[], (out: { stdout: string; stderr: string }) => string][] = [
  ['text', ['validate', '-'], ({ stdout }) => textFinding(stdout)],
  [
    'json',
    ['validate', '-', '--format', 'json'],
    ({ stdout }) => JSON.parse(stdout).files[0].diagnostics[0].message,
  ],
  [
    'sarif',
    ['validate', '-', '--format', 'sarif'],
    ({ stdout }) => JSON.parse(stdout).runs[0].results[0].message.text,
  ],
  // plan prints findings on stderr, its plan (none: null) on stdout.
  ['plan json', ['plan', '-', '--format', 'json'], ({ stderr }) => textFinding(stderr)],
];

for (const [format, args, message] of tooLarge)
  test(`a process: more than 5 MiB piped in is "more than 5 MiB" in the finding itself, reading stopped (${format})`, () => {
    const result = cli(args, endless);
    assert.equal(result.status, 1, result.stderr);
    assert.match(message(result), cutFinding(args[0]!));
    // Said once, in the finding: no correction beside it.
    assert.equal(result.stderr.match(/5 MiB/g)?.length ?? 0, args[0] === 'plan' ? 2 : 0);
  });

test('a process: the cut finding gives --stdin-name as the path to give', () => {
  const result = cli(['validate', '-', '--stdin-name', 'r/eu fraud.rollout.yaml'], endless);
  assert.equal(result.status, 1, result.stderr);
  assert.match(
    result.stdout,
    /give its path \(shiftwise validate 'r\/eu fraud\.rollout\.yaml'\), which reads/,
  );
});

test('a process: a file of more than 5 MiB redirected to standard input gives its real size', () => {
  const dir = scratch({ 'big.rollout.yaml': '#'.repeat(6_000_000) });
  const fd = openSync(join(dir, 'big.rollout.yaml'), 'r');
  try {
    const result = cli(['validate', '-'], fd);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /^<stdin>:1:1: error the file is 5\.8 MiB \(6,000,000 bytes\); a rollout file must/,
    );
  } finally {
    closeSync(fd);
  }
});

// [what, args]: a folder on standard input (`< examples`) cannot be read, as a folder given by path cannot.
const folders: [string, string[]][] = [
  ['validate -', ['validate', '-']],
  ['plan -', ['plan', '-']],
  ['plan FILE --base -', ['plan', 'examples/sagemaker-canary.rollout.yaml', '--base', '-']],
];

for (const [what, args] of folders)
  test(`a process: a folder on standard input is refused as unreadable, exit 2 (${what})`, () => {
    const fd = openSync(join(root, 'examples'), 'r');
    try {
      const result = cli(args, fd);
      assert.equal(result.status, 2, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `^shiftwise ${args[0]}: cannot read <stdin>: standard input is a folder, not a rollout file; to check the rollout files in a folder, give its path \\(shiftwise ${args[0]} examples/\\)$`,
          'm',
        ),
      );
      assert.doesNotMatch(result.stdout + result.stderr, /the file is empty/);
    } finally {
      closeSync(fd);
    }
  });

test('a process: a folder on standard input is an unreadable entry in JSON, not an empty rollout', () => {
  const fd = openSync(join(root, 'examples'), 'r');
  try {
    const result = cli(['validate', '-', '--format', 'json'], fd);
    assert.equal(result.status, 2, result.stderr);
    const [entry] = JSON.parse(result.stdout).files;
    assert.deepEqual([entry.file, entry.diagnostics], ['<stdin>', []]);
    assert.match(entry.unreadable, /^standard input is a folder/);
  } finally {
    closeSync(fd);
  }
});

// [what, standard input]: nothing comes in. The text is empty, as an empty file's is: the same finding, exit 1,
// and a word on stderr that the command piping the rollout in (if any) printed nothing.
const empties: [string, Stdin][] = [
  ['an empty pipe', ''],
  ['/dev/null', 'ignore'],
  ['a closed standard input (<&-)', 'closed'],
];

for (const [what, stdin] of empties)
  test(`a process: nothing on standard input is an empty rollout, and stderr says nothing came in (${what})`, () => {
    const result = cli(['validate', '-'], stdin);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /^<stdin>:1:1: error the file is empty; a rollout file starts with 'version: 1'/,
    );
    assert.equal(
      result.stderr,
      'shiftwise validate: nothing came in on standard input: if a command pipes the rollout in, it printed nothing (look for its error above)\n',
    );
  });

test('a process: SARIF of a rollout piped in with no name locates it by index, as an artifact with no URI', () => {
  const result = cli(['validate', '-', '--format', 'sarif'], canary.replace('size: 25%', 'size: 60%'));
  assert.equal(result.status, 1, result.stderr);
  const run = JSON.parse(result.stdout).runs[0];
  assert.deepEqual(run.artifacts, [
    {
      description: {
        text: 'standard input: a rollout piped in with no name (--stdin-name path/in/repo.rollout.yaml names it)',
      },
      location: { index: 0 },
      roles: ['analysisTarget', 'standardStream'],
    },
  ]);
  const [found] = run.results;
  assert.equal(found.ruleId, 'canary-size');
  assert.deepEqual(found.locations[0].physicalLocation.artifactLocation, { index: 0 });
  assert.ok(found.locations[0].physicalLocation.region.startLine > 1);
  assert.doesNotMatch(result.stdout, /"uri": "%3Cstdin%3E"/);
  assert.match(
    result.stderr,
    /^shiftwise validate: the SARIF locates the rollout read from '-' by no file, since it was given no name, so code scanning cannot place its findings: to upload it, name the file as it is in the repository \(--stdin-name path\/in\/repo\.rollout\.yaml\)$/m,
  );
});

test("a process: SARIF of files and a nameless pipe: only the pipe's results point at its artifact", () => {
  const dir = scratch({ 'a.rollout.yaml': canary.replace('size: 25%', 'size: 70%') });
  const result = cli(
    ['validate', 'a.rollout.yaml', '-', '--format', 'sarif'],
    canary.replace('size: 25%', 'size: 60%'),
    { cwd: dir },
  );
  assert.equal(result.status, 1, result.stderr);
  const run = JSON.parse(result.stdout).runs[0];
  assert.deepEqual(
    run.results.map(
      (r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation,
    ),
    [{ uri: 'a.rollout.yaml' }, { index: 0 }],
  );
});

test('a process: SARIF of a folder on standard input: the notification points at the artifact', () => {
  const fd = openSync(join(root, 'examples'), 'r');
  try {
    const result = cli(['validate', '-', '--format', 'sarif'], fd);
    assert.equal(result.status, 2, result.stderr);
    const run = JSON.parse(result.stdout).runs[0];
    const [notification] = run.invocations[0].toolExecutionNotifications;
    assert.match(notification.message.text, /^cannot read <stdin>: standard input is a folder/);
    assert.deepEqual(notification.locations[0].physicalLocation.artifactLocation, { index: 0 });
    assert.deepEqual(run.artifacts[0].roles, ['analysisTarget', 'standardStream']);
  } finally {
    closeSync(fd);
  }
});

test('a process: bytes that are not UTF-8 are one finding, as in a file', () => {
  const latin1 = Buffer.from(canary.replace('fraud-5xx', 'fraud-caf\u00e9'), 'latin1');
  const result = cli(['validate', '-'], latin1);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /^<stdin>:\d+:\d+: error the byte 0xE9 is not UTF-8, and YAML files are/);
});
