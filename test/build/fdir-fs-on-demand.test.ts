import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { fdirFsOnDemand } from '../../scripts/build.mjs';

// The CLI's bundle takes fdir's default file system from `process.getBuiltinModule` when it is used (scripts/build.mjs,
// fdirFsOnDemand), instead of importing Node's `fs` as a namespace, which loads fs/promises and readline as the
// bundle loads. The CLI passes its own (cli/src/rollout-folder.ts); a walk without one still reads the disk.

const cli = realpathSync(fileURLToPath(new URL('../../cli', import.meta.url)));

test('fdir fs on demand: no import of fs in the bundle, and a walk with or without a file system of its own', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-fdir-'));
  try {
    await writeFile(join(dir, 'a.rollout.yaml'), 'x: 1\n');
    const { outputFiles } = await build({
      stdin: {
        // Node's fs through require: an ES module import of it would build its namespace, the thing tested.
        contents: `import { createRequire } from 'node:module';
import { fdir } from 'fdir';
const fs = createRequire(import.meta.url)('node:fs');
const walk = (options) => new fdir({ relativePaths: true, ...options }).crawl(process.argv[2]).sync();
const own = walk({ fs: { readdir: fs.readdir, readdirSync: fs.readdirSync, realpathSync: fs.realpathSync, stat: fs.stat, statSync: fs.statSync, realpath: fs.realpath } });
console.log(JSON.stringify({ own, fallback: walk({}) }));`,
        resolveDir: cli,
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      plugins: [fdirFsOnDemand()],
    });
    const code = outputFiles[0]?.text ?? '';
    // Whether Node builds the namespace shows in what it loads only on Node 22 and later (Node 20's module loader
    // loads fs/promises itself), so the bundle is read instead: no import of \`fs\`, the module taken when it is used.
    assert.doesNotMatch(code, /^import[^;]*from ["'](node:)?fs["']/m);
    assert.match(code, /options\.fs \|\| process\.getBuiltinModule\("fs"\)/);
    const file = join(dir, 'bundle.mjs');
    await writeFile(file, code);
    const result = JSON.parse(execFileSync(process.execPath, [file, dir], { encoding: 'utf8' }));
    assert.deepEqual(result, {
      own: ['a.rollout.yaml', 'bundle.mjs'],
      fallback: ['a.rollout.yaml', 'bundle.mjs'],
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
