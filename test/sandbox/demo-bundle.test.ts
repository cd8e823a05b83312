import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { buildTarget, targets } from '../../scripts/build.mjs';

// `shiftwise demo` from a bundle that lies far from the checkout: the example rollouts it runs must travel inside
// the bundle (scripts/build.mjs defines them), since no examples/ folder is beside a packaged CLI. It is built as
// the CLI's target is, start-up rewrite and all (scripts/start-up-rewrite.mjs), so the demo runs that rewritten code.

test('a bundled CLI runs the demo without the examples folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-cli-bundle-'));
  try {
    const cli = targets.find((t) => t.outfile === 'cli/dist/shiftwise.js');
    const outfile = join(dir, 'shiftwise.mjs');
    assert.ok(cli, 'the CLI target of scripts/build.mjs');
    await buildTarget({ ...cli, entryPoints: ['cli/src/bin.ts'], outfile, chunks: false });
    const code = await readFile(outfile, 'utf8');
    assert.doesNotMatch(code, /^(async )?function/m, 'every top-level function is made eager');
    assert.ok(
      JSON.parse(await readFile(`${outfile}.map`, 'utf8')).mappings,
      'the bundle keeps its source map',
    );
    const { stdout } = await promisify(execFile)(process.execPath, [outfile, 'demo'], {
      cwd: dir,
      timeout: 120_000,
    });
    assert.match(stdout, /A canary that goes well/);
    assert.match(stdout, /An inference component rolled to a new model in batches of copies/);
    assert.match(stdout, /4\/4 rollouts ended as expected/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
