import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { canaryText, exampleText } from '../../core/test/support/examples.js';
import { useColor } from '../src/io.js';
import { root, run, scratch } from './support/run.js';

/** The README's canary (examples/) at 60%, its comments left out: `size` is on line 10. */
const canary60 = canaryText.replace(/^#.*\n/gm, '').replace('size: 25%', 'size: 60%');

test('every example validates with no errors and no warnings', async () => {
  const examples = readdirSync(join(root, 'examples')).map((f) => `examples/${f}`);
  const { code, stdout, stderr } = await run(['validate', ...examples]);
  assert.equal(stderr, '');
  assert.equal(stdout, `${examples.length} files, 0 errors, 0 warnings\n`);
  assert.equal(code, 0);
});

test('a canary of 60% exits 1, pointing at the 60% and naming the 50% bound', async () => {
  const dir = scratch({ 'big.rollout.yaml': canary60 });
  const { code, stdout } = await run(['validate', 'big.rollout.yaml'], dir);
  assert.equal(code, 1);
  const [first, source, caret, summary] = stdout.split('\n');
  assert.match(first ?? '', /^big\.rollout\.yaml:10:9: error .*60%.*50%.* \[canary-size\]$/);
  assert.equal(source, ' 10 |   size: 60%');
  assert.equal(caret, '    |         ^~~');
  assert.equal(summary, '1 file, 1 error, 0 warnings');
});

test('--capacity overrides the file and makes warnings; warnings alone exit 0', async () => {
  const { code, stdout } = await run([
    'validate',
    'examples/sagemaker-canary.rollout.yaml',
    '--capacity',
    '3',
  ]);
  assert.equal(code, 0);
  assert.match(stdout, /\[rounding\]/);
  assert.match(stdout, /1 file, 0 errors, 1 warning\n$/);
});

test('a folder means the rollout files under it; a glob its matches', async () => {
  const dir = scratch({ 'a.rollout.yaml': canary60, 'b.rollout.json': '{"version": 1,}', 'notes.txt': 'x' });
  const folder = await run(['validate', '.', '--format', 'json'], dir);
  const report = JSON.parse(folder.stdout);
  assert.deepEqual(
    report.files.map((f: { file: string }) => f.file),
    ['a.rollout.yaml', 'b.rollout.json'],
  );
  assert.equal(report.files[1].diagnostics[0].code, 'json-syntax');
  assert.deepEqual(report.summary, { files: 2, errors: 2, warnings: 0 });
  const globbed = await run(['validate', '*.json'], dir);
  assert.match(globbed.stdout, /^b\.rollout\.json:1:14: error not valid JSON: a trailing comma/);
});

test('SARIF output carries rule metadata and 1-based regions', async () => {
  const dir = scratch({ 'big.rollout.yaml': canary60 });
  const { stdout } = await run(['validate', 'big.rollout.yaml', '--format', 'sarif'], dir);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.ok(run0.tool.driver.rules.some((r: { id: string }) => r.id === 'canary-size'));
  assert.deepEqual(run0.results[0].locations[0].physicalLocation, {
    artifactLocation: { uri: 'big.rollout.yaml' },
    region: { startLine: 10, startColumn: 9, endLine: 10, endColumn: 12 },
  });
  assert.equal(run0.results[0].level, 'error');
});

test('usage errors, missing files and empty matches exit 2 with the reason', async () => {
  const dir = scratch({});
  assert.equal((await run(['validate', '--format', 'xml'], dir)).code, 2);
  assert.equal((await run(['validate', '--capacity', 'two'], dir)).code, 2);
  const missing = await run(['validate', 'nope.rollout.yaml'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\.rollout\.yaml: no such file/);
  // A path through a file, and a loop of links, cannot be read either: the reason, never a crash.
  writeFileSync(join(dir, 'notes.txt'), 'x');
  symlinkSync('loop', join(dir, 'loop'));
  const reasons: [string, RegExp][] = [
    [
      'notes.txt/a.rollout.yaml',
      /cannot read .*: no such file \(a part of its path is a file, not a folder\)/,
    ],
    ['loop', /cannot read loop: a loop of symbolic links/],
  ];
  for (const [path, reason] of reasons) {
    const unreadable = await run(['validate', path], dir);
    assert.equal(unreadable.code, 2, path);
    assert.match(unreadable.stderr, reason, path);
  }
  const none = await run(['validate'], dir);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no rollout files found/);
  assert.match((await run(['validate', '*.rollout.yaml'], dir)).stderr, /no files match/);
});

test('the CLI runs as a process: exit codes and output through a real stdout', () => {
  const dir = scratch({ 'big.rollout.yaml': canary60 });
  const entry = join(root, 'cli/src/bin.ts');
  const result = spawnSync(
    process.execPath,
    // The loader is resolved here: the scratch folder the process runs in has no node_modules.
    ['--import', import.meta.resolve('tsx'), '--conditions=source', entry, 'validate', 'big.rollout.yaml'],
    { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /big\.rollout\.yaml:10:9: error/);
});

test('control characters from the file reach a real terminal as text: the message and the echoed line, caret aligned', () => {
  // An endpoint written with raw ESC and BEL bytes: an OSC that retitles the terminal, then a colour change.
  const hostile = 'bad_\u2028\u001b]0;PWNED\u0007\u001b[31mRED\u202e';
  const text = canaryText
    .replace(/^#.*\n/gm, '')
    .replace('endpoint: fraud-detector-prod', `endpoint: ${hostile}`);
  const dir = scratch({ 'esc.rollout.yaml': text });
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=source',
      join(root, 'cli/src/bin.ts'),
      'validate',
      'esc.rollout.yaml',
    ],
    { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.equal(result.status, 1, result.stderr);
  assert.doesNotMatch(result.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/);
  const [first, source, caret] = result.stdout.split('\n');
  assert.match(
    first ?? '',
    /^esc\.rollout\.yaml:5:11: error endpoint 'bad_\\u\{2028\}\\u\{1b\}\]0;PWNED\\u\{7\}\\u\{1b\}\[31mRED\\u\{202e\}'/,
  );
  const shown = 'bad_\\u{2028}\\u{1b}]0;PWNED\\u{7}\\u{1b}[31mRED\\u{202e}';
  assert.equal(source, ` 5 | endpoint: ${shown}`);
  assert.equal(caret, `   | ${' '.repeat('endpoint: '.length)}^${'~'.repeat(shown.length - 1)}`);
});

test('a fleet beyond the bounds: validate and plan exit 1 with capacity-range, never a crash', () => {
  const vertex = exampleText('vertex-rolling.rollout.yaml');
  const files = {
    'safe.rollout.yaml': vertex.replace(/^capacity: .*/m, 'capacity: 9007199254740991'),
    'int32.rollout.yaml': vertex.replace(/^capacity: .*/m, 'capacity: 2147483647'),
    'copies.rollout.yaml': exampleText('sagemaker-inference-component.rollout.yaml').replace(
      /^copies: .*/m,
      'copies: 2147483647',
    ),
  };
  const dir = scratch(files);
  for (const file of Object.keys(files)) {
    for (const command of ['validate', 'plan']) {
      const result = spawnSync(
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          '--conditions=source',
          join(root, 'cli/src/bin.ts'),
          command,
          file,
        ],
        { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      );
      assert.equal(result.status, 1, `${command} ${file}: ${result.stderr}`);
      assert.match(result.stdout + result.stderr, /\[capacity-range\]/);
      assert.doesNotMatch(result.stderr, /RangeError|\n\s+at /);
    }
  }
});

test('--capacity beyond the largest fleet is a usage error, as capacity-range is for a file', async () => {
  const { code, stderr } = await run([
    'validate',
    'examples/sagemaker-canary.rollout.yaml',
    '--capacity',
    '2147483647',
  ]);
  assert.equal(code, 2);
  assert.match(stderr, /--capacity must be a whole number of instances, 1–10000, not '2147483647'/);
  assert.equal(
    (await run(['validate', 'examples/sagemaker-canary.rollout.yaml', '--capacity', '10000'])).code,
    0,
  );
});

test('a pipe or a device named like a rollout file is refused at once (exit 2), never read', {
  timeout: 20_000,
}, async () => {
  const dir = scratch({});
  execFileSync('mkfifo', [join(dir, 'pipe.rollout.yaml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.rollout.yaml'));
  for (const command of ['validate', 'plan']) {
    const { code, stderr } = await run([command, 'pipe.rollout.yaml', 'zero.rollout.yaml'], dir);
    assert.equal(code, 2, command);
    assert.match(stderr, /cannot read pipe\.rollout\.yaml: not a regular file/);
    assert.match(stderr, /cannot read zero\.rollout\.yaml: not a regular file/);
  }
});

test('a file over 5 MiB of bytes is refused whole, even within 5 Mi characters: no part of it is validated', async () => {
  // 6 MB of UTF-8, 2 M characters: a Japanese comment block, then the alarms. Read up to 5 MiB of bytes, the
  // alarms were cut off and the file validated (and planned) as one without rollback alarms; the limit is bytes
  // (docs/rules.md#file-too-large), so the file is one finding that gives its size.
  const comment = `# ${'日本語のコメント'.repeat(40)}\n`.repeat(6_300);
  const text = canaryText.replace(/^rollback:[\s\S]*$/m, `${comment}$&`);
  assert.ok(Buffer.byteLength(text) > 6_000_000 && text.length < 5 * 1024 * 1024);
  const dir = scratch({
    'long.rollout.yaml': text,
    'over.rollout.yaml': `${'#'.repeat(20 * 1024 * 1024)}\n`,
  });
  const whole = await run(['validate', 'long.rollout.yaml', '--format', 'json'], dir);
  const [long, ...others] = JSON.parse(whole.stdout).files[0].diagnostics;
  assert.equal(long.code, 'file-too-large');
  assert.deepEqual(others, []);
  assert.match(
    long.message,
    new RegExp(`^the file is 5\\.8 MiB \\(${Buffer.byteLength(text).toLocaleString('en-US')} bytes\\);`),
  );
  assert.equal(whole.code, 1);
  const over = await run(['validate', 'over.rollout.yaml', '--format', 'json'], dir);
  const [finding, ...more] = JSON.parse(over.stdout).files[0].diagnostics;
  assert.equal(finding.code, 'file-too-large');
  assert.deepEqual(more, []);
  // Only its first 5 MiB and a byte are read; the finding gives the file's own size (20 MiB and a byte, rounded
  // up), not the part read.
  assert.match(finding.message, /^the file is 20\.1 MiB \(20,971,521 bytes\);/);
  assert.equal(over.code, 1);
});

test('a file that is not UTF-8 is one finding at its first invalid byte, and is not planned; a U+FFFD written in UTF-8 is text', async () => {
  // Read as UTF-8, a Latin-1 'é' became U+FFFD in the alarm name planned, with no finding.
  const dir = scratch({});
  const latin1 = Buffer.from(
    canaryText.replace('fraud-latency-p99', 'fraud-latency-p99-caf\u00e9'),
    'latin1',
  );
  writeFileSync(join(dir, 'latin1.rollout.yaml'), latin1);
  writeFileSync(join(dir, 'ok.rollout.yaml'), canaryText.replace('# A canary', '# \ufffd A canary'));
  const line = canaryText.split('\n').findIndex((l) => l.includes('fraud-latency-p99')) + 1;
  const column = (canaryText.split('\n')[line - 1] ?? '').indexOf('fraud-latency-p99') + 22;
  const validate = await run(['validate', 'latin1.rollout.yaml', '--format', 'json'], dir);
  assert.equal(validate.code, 1);
  const [file] = JSON.parse(validate.stdout).files;
  assert.deepEqual(
    file.diagnostics.map((d: { code: string; line: number; column: number }) => [d.code, d.line, d.column]),
    [['yaml-syntax', line, column]],
  );
  assert.match(
    file.diagnostics[0].message,
    /^the byte 0xE9 is not UTF-8, and YAML files are; .*save it as UTF-8$/,
  );
  const plan = await run(['plan', 'latin1.rollout.yaml'], dir);
  assert.equal(plan.code, 1);
  assert.match(
    plan.stderr,
    new RegExp(`latin1\\.rollout\\.yaml:${line}:${column}: error the byte 0xE9 is not UTF-8`),
  );
  assert.doesNotMatch(plan.stdout, /fraud-latency/);
  const ok = await run(['validate', 'ok.rollout.yaml'], dir);
  assert.equal(ok.stdout, '1 file, 0 errors, 0 warnings\n');
  assert.equal(ok.code, 0);
});

test('a reader that closes the pipe early (| head) ends the output, not the run: no stack trace, the exit code stands', async () => {
  const dir = scratch(
    Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.rollout.yaml`, canary60])),
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=source',
      join(root, 'cli/src/bin.ts'),
      'validate',
      '.',
    ],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  assert.equal(stderr, '');
  assert.equal(code, 1);
});

// A file name or a rollout name can hold terminal escapes: every line that names one shows them as \u{…} text.
// [command line, what the escaped name is]
const escapeRuns: [string[], string][] = [
  [['validate', 'p\u001b[31mpipe.rollout.yaml'], 'a pipe validate cannot read'],
  [['plan', 'p\u001b[31mpipe.rollout.yaml'], 'a pipe plan cannot read'],
  [['plan', 'p\u001b[31mbad.rollout.yaml'], 'a file plan does not plan'],
  [
    ['plan', 'p\u001b[31mbad.rollout.yaml', '--base', 'p\u001b[31mpipe.rollout.yaml'],
    'a base plan cannot read',
  ],
  [['status', 'p\u001b[31mpipe.rollout.yaml'], 'a pipe status cannot read'],
  [['status', 'p\u001b[31mbad.rollout.yaml'], 'a file status does not read'],
  [['status', 'p\u001b[31mcanary.rollout.yaml'], 'a file status does not run'],
  [['promote', 'p\u001b[31mcanary.rollout.yaml'], 'a file promote does not run'],
  [['deploy', 'p\u001b[31mbad.rollout.yaml'], 'a file deploy does not deploy'],
  [['validate', 'p\u001b[31mnone/'], 'a folder that is not there'],
];

for (const [args, what] of escapeRuns)
  test(`${args[0]}: the name of ${what} reaches the terminal without its escapes`, async () => {
    const dir = scratch({
      'p\u001b[31mbad.rollout.yaml': canary60,
      'p\u001b[31mcanary.rollout.yaml': canaryText,
    });
    execFileSync('mkfifo', [join(dir, 'p\u001b[31mpipe.rollout.yaml')]);
    const { code, stdout, stderr } = await run(args, dir);
    assert.notEqual(code, 0);
    assert.doesNotMatch(stdout + stderr, /\u001b/);
    assert.match(stderr, /p\\u\{1b\}\[31m/);
  });

test('a folder with a link named like a rollout file that leads nowhere reports it unreadable, never leaves it out', async () => {
  const dir = scratch({ 'ok.rollout.yaml': canaryText });
  symlinkSync('missing.yaml', join(dir, 'gone.rollout.yaml'));
  symlinkSync('self.rollout.yaml', join(dir, 'self.rollout.yaml'));
  symlinkSync('nowhere', join(dir, 'other'));
  const json = await run(['validate', '.', '--format', 'json'], dir);
  assert.equal(json.code, 2);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(
    report.files.map((f: { file: string; unreadable?: string }) => [f.file, f.unreadable]),
    [
      ['ok.rollout.yaml', undefined],
      ['gone.rollout.yaml', 'a symbolic link to a file that does not exist'],
      ['self.rollout.yaml', 'a loop of symbolic links'],
    ],
  );
  assert.deepEqual(report.summary, { files: 3, errors: 0, warnings: 0, unreadable: 2 });
});

test('--format json and sarif keep a file that cannot be read: in the report, and the run is not clean', async () => {
  const dir = scratch({ 'ok.rollout.yaml': canaryText });
  execFileSync('mkfifo', [join(dir, 'pipe.rollout.yaml')]);
  const json = await run(['validate', 'ok.rollout.yaml', 'pipe.rollout.yaml', '--format', 'json'], dir);
  assert.equal(json.code, 2);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.files[1], {
    file: 'pipe.rollout.yaml',
    unreadable: 'not a regular file (a pipe, device or socket)',
    diagnostics: [],
  });
  assert.deepEqual(report.summary, { files: 2, errors: 0, warnings: 0, unreadable: 1 });
  const sarif = await run(['validate', 'ok.rollout.yaml', 'pipe.rollout.yaml', '--format', 'sarif'], dir);
  assert.equal(sarif.code, 2);
  const [invocation] = JSON.parse(sarif.stdout).runs[0].invocations;
  assert.equal(invocation.executionSuccessful, false);
  assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
  assert.match(
    invocation.toolExecutionNotifications[0].message.text,
    /cannot read pipe\.rollout\.yaml: not a regular file/,
  );
  const clean = await run(['validate', 'ok.rollout.yaml', '--format', 'sarif'], dir);
  assert.equal(JSON.parse(clean.stdout).runs[0].invocations[0].executionSuccessful, true);
  const text = await run(['validate', 'ok.rollout.yaml', 'pipe.rollout.yaml'], dir);
  assert.match(text.stdout, /^2 files, 0 errors, 0 warnings, 1 unreadable$/m);
});

test('a path that is not there is a file that cannot be read: listed in JSON and SARIF, the others still checked', async () => {
  const dir = scratch({ 'ok.rollout.yaml': canaryText });
  const args = ['validate', 'ok.rollout.yaml', 'missing.rollout.yaml', '--format'];
  const json = await run([...args, 'json'], dir);
  assert.equal(json.code, 2);
  assert.match(json.stderr, /cannot read missing\.rollout\.yaml: no such file/);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.files, [
    { file: 'ok.rollout.yaml', diagnostics: [] },
    { file: 'missing.rollout.yaml', unreadable: 'no such file', diagnostics: [] },
  ]);
  assert.deepEqual(report.summary, { files: 2, errors: 0, warnings: 0, unreadable: 1 });
  const alone = await run(['validate', 'missing.rollout.yaml', '--format', 'json'], dir);
  assert.equal(alone.code, 2);
  assert.deepEqual(JSON.parse(alone.stdout).summary, { files: 1, errors: 0, warnings: 0, unreadable: 1 });
  const sarif = await run([...args, 'sarif'], dir);
  assert.equal(sarif.code, 2);
  const [invocation] = JSON.parse(sarif.stdout).runs[0].invocations;
  assert.equal(invocation.executionSuccessful, false);
  assert.match(
    invocation.toolExecutionNotifications[0].message.text,
    /cannot read missing\.rollout\.yaml: no such file/,
  );
  const text = await run(args.slice(0, -1), dir);
  assert.equal(text.code, 2);
  assert.match(text.stdout, /^2 files, 0 errors, 0 warnings, 1 unreadable$/m);
});

const colors: [env: NodeJS.ProcessEnv, isTTY: boolean | undefined, color: boolean][] = [
  [{}, true, true],
  [{}, false, false],
  [{}, undefined, false],
  [{ NO_COLOR: '1' }, true, false],
  [{ NO_COLOR: '' }, true, true],
  [{ FORCE_COLOR: '1' }, false, true],
  [{ FORCE_COLOR: '0' }, true, false],
  [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
];
for (const [env, isTTY, color] of colors)
  test(`color of findings: ${JSON.stringify(env)} on ${isTTY ? 'a terminal' : 'a pipe'} → ${color}`, () => {
    assert.equal(useColor(env, isTTY), color);
  });

/** A file given by name: whether stderr adds that it is not named like a rollout file (only with errors). */
const misnamed: [what: string, file: string, text: string, note: boolean][] = [
  ['markdown', 'README.md', '# Fraud detector\n\nSee `rollouts/`: [the plan](#plan)\n- a: b\nc\n', true],
  ['a rollout with errors, named otherwise', 'deploy.yaml', canary60, true],
  ['a clean rollout, named otherwise', 'deploy.yaml', exampleText('sagemaker-canary.rollout.yaml'), false],
  ['a rollout file with errors', 'fraud.rollout.yaml', canary60, false],
];
for (const [what, file, text, note] of misnamed)
  test(`validate of ${what} (${file}): ${note ? 'a word' : 'no word'} on its name, in text and JSON`, async () => {
    const dir = scratch({ [file]: text });
    for (const format of ['text', 'json']) {
      const { stderr, stdout } = await run(['validate', file, '--format', format], dir);
      assert.equal(/is not named like a rollout file/.test(stderr), note, `${format}: ${stderr}`);
      if (format === 'json') JSON.parse(stdout);
    }
  });
