import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tunnelOnDemand } from '../../scripts/build.mjs';

// The action's bundle takes `tunnel` (@actions/http-client's proxy agents) through a module that loads it on first
// call (scripts/build.mjs, tunnelOnDemand): a bundle that imports it loads none of tunnel's Node modules until an
// agent is asked for, and then gets tunnel's own agent.

// Resolved as esbuild resolves the package's own imports: from its real folder, beside its dependencies.
const httpClient = realpathSync(
  fileURLToPath(new URL('../../action/node_modules/@actions/http-client', import.meta.url)),
);

test('tunnel on demand: nothing of tunnel loads until an agent is asked for, then the real agent comes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-tunnel-'));
  try {
    const { outputFiles } = await build({
      stdin: {
        contents: `import * as tunnel from 'tunnel';
const before = process.moduleLoadList.includes('NativeModule assert');
const agent = tunnel.httpsOverHttp({ proxy: { host: '127.0.0.1', port: 3128 } });
console.log(JSON.stringify({
  before,
  after: process.moduleLoadList.includes('NativeModule assert'),
  agent: agent.constructor.name,
  proxy: agent.proxyOptions,
}));`,
        resolveDir: httpClient,
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      plugins: [tunnelOnDemand()],
    });
    const file = join(dir, 'bundle.mjs');
    await writeFile(file, outputFiles[0]?.text ?? '');
    const result = JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }));
    assert.deepEqual(result, {
      before: false,
      after: true,
      agent: 'TunnelingAgent',
      proxy: { host: '127.0.0.1', port: 3128 },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
