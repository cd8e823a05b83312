import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { esbuildOptions, targets } from '../../scripts/build.mjs';
import { repoRoot, runAction } from './run-action.js';

// The runner executes the committed action/dist (index.js, which loads run.js, the chunks it imports and their
// source maps), never our sources: this fails when a source change was committed without its rebuilt bundle. The
// action's targets of scripts/build.mjs are built in memory (esbuild's `write: false`), so the committed files are
// compared, not overwritten, and every output path, and so every chunk's content hash, is the one a real build
// writes. Fix: `node scripts/build.mjs action`.

const dist = join(repoRoot, 'action/dist');

test('the committed action/dist is what the sources build to, file by file', async () => {
  const fresh = new Map<string, string>();
  for (const target of targets.filter((t) => t.outfile.startsWith('action/'))) {
    const { outputFiles } = await build({ ...esbuildOptions(target), absWorkingDir: repoRoot, write: false });
    for (const file of outputFiles ?? []) fresh.set(relative(dist, file.path), file.text);
  }
  const committed: string[] = [];
  for (const name of await readdir(dist, { recursive: true }))
    if ((await stat(join(dist, name))).isFile()) committed.push(name);
  assert.deepEqual(committed.sort(), [...fresh.keys()].sort(), 'the files of action/dist');
  for (const [name, text] of fresh) {
    const was = await readFile(join(dist, name), 'utf8');
    assert.ok(
      text === was,
      `action/dist/${name} is stale (${was.length} bytes committed, ${text.length} built): run \`node scripts/build.mjs action\` and commit action/dist`,
    );
  }
});

/** The files node loads for `entry` before it runs: the entry and every chunk it imports statically, transitively. */
async function loadedWith(entry: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending = [entry];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (files.has(name)) continue;
    const text = await readFile(join(dist, name), 'utf8');
    files.set(name, text);
    for (const m of text.matchAll(/(?:\bimport|\bfrom)\s*["']\.\/([^"']+)["']/g))
      pending.push(m[1] as string);
  }
  return files;
}

/** The chunk a dynamic import of `run.js` loads for a mode (`plan-mode-HASH.js`). */
async function modeChunk(mode: string): Promise<string> {
  const name = (await readdir(dist)).find((f) => f.startsWith(`${mode}-mode-`) && f.endsWith('.js'));
  assert.ok(name, `a chunk for ${mode} mode in action/dist`);
  return name;
}

test('run.js is a small ESM entry behind index.js, and the bundle holds no language server or sandbox', async () => {
  const text = await readFile(join(dist, 'run.js'), 'utf8');
  assert.match(text, /^import { createRequire as __createRequire } from .node:module.;/);
  assert.match(text, /\/\/# sourceMappingURL=run\.js\.map\n$/);
  assert.ok((await stat(join(dist, 'index.js'))).size < 1000, 'index.js only loads run.js');
  let total = 0;
  for (const name of (await readdir(dist)).filter((f) => f.endsWith('.js'))) {
    const chunk = await readFile(join(dist, name), 'utf8');
    total += chunk.length;
    assert.doesNotMatch(chunk, /vscode-languageserver|_sandbox\//, name);
  }
  assert.ok(total < 3_000_000, `${total} bytes`);
});

test('plan mode loads no AWS SDK code, no undici and no octokit.rest: the first two are chunks of their own', async () => {
  const plan = await loadedWith(await modeChunk('plan'));
  for (const [name, text] of [...(await loadedWith('run.js')), ...plan]) {
    assert.doesNotMatch(text, /@aws-sdk|@smithy/, `${name}, loaded in plan mode`);
    assert.doesNotMatch(text, /UND_ERR_/, `${name}, loaded in plan mode, holds undici`);
    // @octokit/plugin-rest-endpoint-methods' route table (scripts/build.mjs, withoutRestMethods)
    assert.doesNotMatch(text, /getAuthenticated/, `${name}, loaded in plan mode, holds octokit.rest`);
  }
  const chunks = await readdir(dist);
  assert.ok(
    chunks.some((f) => /^undici-\w+\.js$/.test(f)),
    'undici is a chunk of its own, for a proxy',
  );
  const deploy = await loadedWith(await modeChunk('deploy'));
  assert.ok(
    [...deploy.values()].some((text) => text.includes('@aws-sdk/client-sagemaker')),
    'deploy mode loads the SageMaker client',
  );
});

test("a failure's stack in the job log names TypeScript lines, through the source map", async () => {
  const { code, stdout } = await runAction({ inputs: { mode: 'rollback' } });
  assert.equal(code, 1);
  assert.match(stdout, /^::error::.*mode/m);
  // @actions/core escapes the newlines of a ::debug:: line as %0A; the runner shows them as lines.
  const stack = /^::debug::(Error: .*)$/m.exec(stdout)?.[1]?.split('%0A') ?? [];
  const frame = stack.find((line) => line.includes('/action/src/inputs.ts:'));
  assert.ok(frame, `a frame in action/src/inputs.ts:\n${stack.join('\n')}`);
  assert.ok(
    stack.every((line) => !line.includes('run.js:')),
    `no frame left in the minified run.js:\n${stack.join('\n')}`,
  );
  assert.equal(
    dirname(dirname(dirname(frame.replace(/^.*\(|:\d+:\d+\)?$/g, '')))),
    repoRoot.replace(/\/$/, ''),
  );
});
