import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, type Plugin } from 'esbuild';
import { standalone } from '../../scripts/build.mjs';
import { repoRoot } from '../action/run-action.js';

// Bundles take Node's modules through `require` (`builtinsByRequire` in scripts/build.mjs): every way our code and
// its dependencies use them still works, and an import of `node:fs` no longer loads what its lazy getters hide.
// Run on Node 24 (scripts/setup-system.sh puts it in .cache/node24), which the action runs on: Node 20's own
// module loader already loads most of what those getters hide, so there the difference does not show.

const node24 = join(repoRoot, '.cache/node24/bin/node');
const node = existsSync(node24) ? node24 : process.execPath;

const entry = `
import { readFileSync } from 'node:fs';
import * as util from 'node:util';
import EventEmitter from 'node:events';
import os from 'node:os';
import process from 'node:process';
class Emitter extends EventEmitter {}
const { AsyncLocalStorage } = await import('node:async_hooks');
os.shiftwiseMark = 7;
process.exitCode = 0;
console.log(JSON.stringify({
  named: typeof readFileSync,
  namespace: util.format('%d', 42),
  extended: new Emitter() instanceof EventEmitter,
  dynamic: typeof AsyncLocalStorage,
  written: require('node:os').shiftwiseMark,
  loaded: process.moduleLoadList,
}));
`;

/** What Node loads for an ES module that imports nothing (Node 20's own loader reads with fs/promises). */
function bareLoads(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'shiftwise-builtins-'));
  writeFileSync(join(dir, 'bare.mjs'), 'console.log(JSON.stringify(process.moduleLoadList));');
  return JSON.parse(execFileSync(node, [join(dir, 'bare.mjs')], { encoding: 'utf8' }));
}

/** Of what `loaded` holds beyond a bare module's, the modules that fs's and util's lazy getters hide. */
function hidden(loaded: readonly string[], bare: readonly string[]): string[] {
  return loaded.filter((m) => !bare.includes(m) && /fs\/promises|readline|worker_threads|fs\/dir/.test(m));
}

/** Builds `entry` split into chunks, as the CLI and the action are, with `plugins`, and runs it. */
async function run(plugins: Plugin[]) {
  const dir = mkdtempSync(join(tmpdir(), 'shiftwise-builtins-'));
  writeFileSync(join(dir, 'entry.mjs'), entry);
  await build({
    ...standalone,
    plugins,
    entryPoints: [join(dir, 'entry.mjs')],
    outdir: join(dir, 'out'),
    splitting: true,
    logLevel: 'silent',
  });
  return JSON.parse(execFileSync(node, [join(dir, 'out/entry.js')], { encoding: 'utf8' }));
}

test("a bundle that requires Node's modules uses them as imports do, and loads none of what fs and util hide", async () => {
  const plugins = standalone.plugins ?? [];
  assert.ok(
    plugins.some((p) => p.name === 'builtins-by-require'),
    'standalone bundles require them',
  );
  const bare = bareLoads();
  const { loaded, ...uses } = await run(plugins);
  assert.deepEqual(uses, {
    named: 'function',
    namespace: '42',
    extended: true,
    dynamic: 'function',
    written: 7,
  });
  assert.deepEqual(hidden(loaded, bare), []);
  const imported = await run(plugins.filter((p) => p.name !== 'builtins-by-require'));
  assert.notDeepEqual(
    hidden(imported.loaded, bare),
    [],
    'imported, node:fs and node:util load what they hide',
  );
});
