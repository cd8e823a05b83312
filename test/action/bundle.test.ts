import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, runAction } from './run-action.js';

// The runner executes the committed action/dist (index.js, which loads run.js and its source map), never our
// sources: this fails when a source change was committed without its rebuilt bundle. The build runs in a mirror
// of the checkout (symlinks) whose action/dist is empty, so the committed files are compared, not overwritten.
// Fix: `node scripts/build.mjs action`.

const dist = join(repoRoot, 'action/dist');

/**
 * A source map with its `sources` as paths from `dist`: esbuild writes them relative to the map, and in the mirror
 * they lead through its symlinks' real paths back into the checkout.
 */
function fromDist(mapText: string, builtIn: string): string {
  const map = JSON.parse(mapText) as { sources: string[] };
  map.sources = map.sources.map((s) => (s.startsWith('<') ? s : relative(dist, resolve(builtIn, s))));
  return JSON.stringify(map);
}

test('the committed action/dist is what the sources build to, file by file', async () => {
  const mirror = await realpath(await mkdtemp(join(tmpdir(), 'shiftwise-bundle-')));
  try {
    for (const entry of await readdir(repoRoot))
      if (entry !== 'action') await symlink(join(repoRoot, entry), join(mirror, entry));
    await mkdir(join(mirror, 'action'));
    for (const entry of await readdir(join(repoRoot, 'action')))
      if (entry !== 'dist') await symlink(join(repoRoot, 'action', entry), join(mirror, 'action', entry));
    await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/build.mjs'), 'action'], {
      cwd: mirror,
      timeout: 120_000,
    });
    const built = join(mirror, 'action/dist');
    const names = (await readdir(built)).sort();
    assert.deepEqual((await readdir(dist)).sort(), names, 'the files of action/dist');
    for (const name of names) {
      let fresh = await readFile(join(built, name), 'utf8');
      const committed = await readFile(join(dist, name), 'utf8');
      if (name.endsWith('.map')) fresh = fromDist(fresh, built);
      assert.ok(
        fresh === (name.endsWith('.map') ? fromDist(committed, dist) : committed),
        `action/dist/${name} is stale (${committed.length} bytes committed, ${fresh.length} built): run \`node scripts/build.mjs action\` and commit action/dist`,
      );
    }
  } finally {
    await rm(mirror, { recursive: true, force: true });
  }
});

test('the bundle is one lean ESM file behind its entry: no language server, no sandbox', async () => {
  const text = await readFile(join(dist, 'run.js'), 'utf8');
  assert.ok(text.length < 3_000_000, `${text.length} bytes`);
  assert.doesNotMatch(text, /vscode-languageserver|_sandbox\//);
  assert.match(text, /^import { createRequire as __createRequire } from .node:module.;/);
  assert.match(text, /\/\/# sourceMappingURL=run\.js\.map\n$/);
  assert.ok((await stat(join(dist, 'index.js'))).size < 1000, 'index.js only loads run.js');
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
