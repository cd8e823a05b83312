// The launcher (cli/src/launch/): every command has a bundle, and a bundle runs with V8's code cache written after
// the run, used by the next one, refused when the bundle changed, and skipped when turned off or unwritable.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOf, bundles } from '../src/launch/bundles.js';
import { usage, warmUp } from '../src/main.js';

test('every command of the registry runs from exactly one bundle, named for its module', () => {
  const commands = [...usage.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
  assert.ok(commands.length >= 8, usage);
  for (const command of commands)
    assert.equal(
      Object.values(bundles).filter((list) => list.includes(command!)).length,
      1,
      `${command} is in one bundle of cli/src/launch/bundles.json`,
    );
  const modules = readdirSync(fileURLToPath(new URL('../src/commands/', import.meta.url)));
  for (const bundle of Object.keys(bundles)) assert.ok(modules.includes(`${bundle}.ts`), bundle);
});

const routes: [string | undefined, string][] = [
  ['validate', 'validate'],
  ['promote', 'deploy'],
  ['abort', 'deploy'],
  ['demo', 'demo'],
  // main.ts answers these from any bundle: the smallest.
  [undefined, 'validate'],
  ['--help', 'validate'],
  ['valdate', 'validate'],
];
for (const [command, bundle] of routes)
  test(`launcher: '${command}' runs from the ${bundle} bundle`, () =>
    assert.equal(bundleOf(command), bundle));

test('warm-up: validate and plan run their work on the examples; other commands have none', async () => {
  // That it writes nothing shows in test/sandbox/demo-bundle.test.ts: a first run, which warms up, says what the second does.
  for (const command of ['validate', 'plan', 'deploy', 'demo', undefined, 'nope']) await warmUp(command);
});

const dir = mkdtempSync(join(tmpdir(), 'shiftwise-launch-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// Built as the CLI's launcher is, and run by plain Node: tsx would turn source maps on, and with them the cache off.
const loader = join(dir, 'code-cache.mjs');
before(() =>
  build({
    entryPoints: [fileURLToPath(new URL('../src/launch/code-cache.ts', import.meta.url))],
    outfile: loader,
    format: 'esm',
    platform: 'node',
    logLevel: 'error',
  }),
);
const bundle = join(dir, 'demo.cjs');
// A function called only once the module has run: compiled lazily, so only a cache written after the run has it.
writeFileSync(bundle, 'exports.main = () => [1, 2, 3].map((n) => n * 2).join(",");\n');

/** Loads the bundle in a process of its own (the cache is written as it exits) and says what it saw. */
function load(env: NodeJS.ProcessEnv = {}) {
  const script = `import { loadBundle } from ${JSON.stringify(loader)};
const { exports, cache } = loadBundle(${JSON.stringify(bundle)}, { env: process.env });
console.log(cache, exports.main());`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: join(dir, 'cache'), ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}
const cacheFiles = () =>
  existsSync(join(dir, 'cache/shiftwise')) ? readdirSync(join(dir, 'cache/shiftwise')).sort() : [];

test('code cache: written after the first run, used by the next, a new one when the bundle changes', () => {
  assert.equal(load(), 'written at exit 2,4,6');
  assert.equal(cacheFiles().length, 1);
  assert.match(cacheFiles()[0]!, /^demo-v\d+\.\d+\.\d+-\w+-\d+-\d+\.cache$/);
  assert.equal(load(), 'used 2,4,6');
  // A rebuilt bundle of the same length: V8 checks only the length, the file name has the time too.
  writeFileSync(bundle, 'exports.main = () => [1, 2, 3].map((n) => n * 3).join(",");\n');
  utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
  assert.equal(load(), 'written at exit 3,6,9');
  assert.equal(cacheFiles().length, 2);
  assert.equal(load(), 'used 3,6,9');
  // The same length and the same time (an unpacked release keeps its files' times): the text in the cache decides.
  const { mtime } = statSync(bundle);
  writeFileSync(bundle, 'exports.main = () => [1, 2, 3].map((n) => n * 4).join(",");\n');
  utimesSync(bundle, mtime, mtime);
  assert.equal(load(), 'written at exit 4,8,12');
  assert.equal(cacheFiles().length, 2);
  assert.equal(load(), 'used 4,8,12');
  writeFileSync(bundle, 'exports.main = () => [1, 2, 3].map((n) => n * 3).join(",");\n');
  utimesSync(bundle, mtime, mtime);
  assert.equal(load(), 'written at exit 3,6,9');
});

test('code cache: a file V8 refuses is written again; NODE_DISABLE_COMPILE_CACHE turns it off', () => {
  const [file] = cacheFiles().slice(-1);
  assert.ok(file);
  writeFileSync(join(dir, 'cache/shiftwise', file), 'not a code cache');
  assert.equal(load(), 'written at exit 3,6,9');
  assert.equal(load(), 'used 3,6,9');
  assert.equal(load({ NODE_DISABLE_COMPILE_CACHE: '1' }), 'off 3,6,9');
});

test('code cache: off on CI, unless NODE_COMPILE_CACHE names a folder the CI keeps', () => {
  assert.equal(load({ CI: 'true', NODE_COMPILE_CACHE: '' }), 'off 3,6,9');
  assert.equal(load({ CI: 'true' }), 'used 3,6,9');
});

test('code cache: a folder others may write to is not used (a cache is code to run)', () => {
  const shared = join(dir, 'shared');
  mkdirSync(join(shared, 'shiftwise'), { recursive: true });
  chmodSync(join(shared, 'shiftwise'), 0o777);
  assert.equal(load({ NODE_COMPILE_CACHE: shared }), 'off 3,6,9');
});

test('code cache: off when its folder cannot be made (no warm-up or write on every run)', () => {
  // NODE_COMPILE_CACHE under a file: the folder cannot be made, whoever runs it.
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  assert.equal(load({ NODE_COMPILE_CACHE: join(file, 'cache') }), 'off 3,6,9');
});

test('code cache: with source maps on, the bundle is required as Node loads it, so traces map', () => {
  assert.equal(load({ NODE_OPTIONS: '--enable-source-maps' }), 'off 3,6,9');
});

for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
  test(`'shiftwise ${name}' is an unknown command (exit 2), not a property of the registry`, async () => {
    const { main } = await import('../src/main.js');
    let err = '';
    const io = {
      stdout: { write: () => true },
      stderr: {
        write: (s: string) => {
          err += s;
          return true;
        },
      },
      env: {},
      cwd: process.cwd(),
      signal: new AbortController().signal,
    } as unknown as Parameters<typeof main>[1];
    assert.equal(await main([name], io), 2);
    assert.match(err, new RegExp(`unknown command '${name}'`));
    await warmUp(name);
  });
