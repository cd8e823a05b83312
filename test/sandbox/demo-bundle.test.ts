import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { buildTarget, targets } from '../../scripts/build.mjs';

// The CLI as scripts/build.mjs builds it (the launcher and a CommonJS bundle per command), far from the checkout:
// `shiftwise demo` runs from it without the examples folder (the build defines their texts), each bundle holds its
// own command only, and the second run takes its code from the cache the first one wrote.

test('a bundled CLI runs the demo without the examples folder; each command bundle holds its own command', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-cli-bundle-'));
  try {
    const cli = targets.find((t) => t.outfile === 'cli/dist/shiftwise.js');
    assert.ok(cli, 'the CLI target of scripts/build.mjs');
    await buildTarget({ ...cli, outfile: join(dir, 'dist/shiftwise.js') });
    const bundle = (name: string) => readFile(join(dir, 'dist', `${name}.cjs`), 'utf8');
    const validate = await bundle('validate');
    for (const absent of ['SageMakerClient', 'startSandbox', 'runDeploy'])
      assert.doesNotMatch(validate, new RegExp(absent), `validate.cjs has no ${absent}`);
    assert.match(validate, /commands\/deploy\.js is in another bundle of the CLI/);
    assert.match(await bundle('deploy'), /SageMakerClient/);
    assert.ok(JSON.parse(await readFile(join(dir, 'dist/validate.cjs.map'), 'utf8')).mappings, 'source maps');
    const bin = join(dir, 'bin.js');
    await writeFile(
      bin,
      "import { run } from './dist/shiftwise.js';\nprocess.exitCode = await run(process.argv.slice(2));\n",
    );
    const env = { PATH: process.env.PATH, NODE_COMPILE_CACHE: join(dir, 'cache') };
    // The first run of validate's bundle, here `--help`, warms its cache up on the examples (cli/src/launch/index.ts)
    // with validate's own work: the cache holds validate's code, not only help's.
    await promisify(execFile)(process.execPath, [bin, '--help'], { cwd: dir, env });
    const caches = await readdir(join(dir, 'cache/shiftwise'));
    const cache = caches.find((f) => f.startsWith('validate-'));
    assert.ok(cache, `validate.cjs has a cache: ${caches.join(', ')}`);
    const v8Data = (await stat(join(dir, 'cache/shiftwise', cache))).size - 4 - Buffer.byteLength(validate);
    assert.ok(v8Data > 300_000, `the cache after --help holds validate's code (${v8Data} bytes of V8 data)`);
    // A warmed-up first run prints what the next one does.
    await writeFile(
      join(dir, 'fraud.rollout.yaml'),
      await readFile('examples/sagemaker-canary.rollout.yaml'),
    );
    const validated: string[] = [];
    for (let i = 0; i < 2; i++) {
      const run = promisify(execFile)(process.execPath, [bin, 'validate', 'fraud.rollout.yaml'], {
        cwd: dir,
        env,
      });
      validated.push((await run).stdout);
    }
    assert.deepEqual(validated, ['1 file, 0 errors, 0 warnings\n', '1 file, 0 errors, 0 warnings\n']);
    for (let i = 0; i < 2; i++) {
      const { stdout } = await promisify(execFile)(process.execPath, [bin, 'demo'], {
        cwd: dir,
        env,
        timeout: 120_000,
      });
      assert.match(stdout, /A canary that goes well/);
      assert.match(stdout, /An inference component rolled to a new model in batches of copies/);
      assert.match(stdout, /4\/4 rollouts ended as expected/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
