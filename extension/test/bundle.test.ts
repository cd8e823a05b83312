import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

// The extension formats nothing and decides nothing: its bundle carries the language client and its own wiring,
// no line of core or of the language server (the server is its own file, dist/server.mjs, run as a process).

test("the extension's bundle holds no core and no language server code", async () => {
  const root = resolve(import.meta.dirname, '../..');
  const { metafile } = await build({
    entryPoints: [resolve(root, 'extension/src/extension.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    conditions: ['source'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(metafile.inputs);
  assert.ok(
    inputs.some((i) => i.startsWith('extension/src/')),
    inputs.join('\n'),
  );
  assert.deepEqual(
    inputs.filter((i) => /(^|\/)(core|language-server)\/src\/|node_modules\/(yaml|ajv)\//.test(i)),
    [],
  );
});
