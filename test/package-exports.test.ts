import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Workspace packages have no build of their own (ARCHITECTURE.md): they export TypeScript under the `source`
// condition. Imported any other way, each fails at once and says why and what to do, instead of pointing at a
// dist/ that nothing builds.

const consumer = fileURLToPath(new URL('.', import.meta.url)); // test/ depends on every workspace package.
const packages = [
  '@shiftwise/core',
  '@shiftwise/core/engine',
  '@shiftwise/sandbox',
  '@shiftwise/language-server',
  'shiftwise',
];

function importPlain(specifier: string) {
  const code = `await import(${JSON.stringify(specifier)});`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: consumer,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

for (const specifier of packages) {
  test(`plain node: import('${specifier}') fails with the reason and the way out`, () => {
    const { status, stderr } = importPlain(specifier);
    assert.equal(status, 1, stderr);
    assert.match(stderr, /is TypeScript only: import it with `node --conditions=source --import tsx`/);
    assert.doesNotMatch(stderr, /ERR_MODULE_NOT_FOUND|dist\//);
  });
}

test('with the source condition every package imports and exports something', () => {
  const code = `for (const p of ${JSON.stringify(packages)}) console.log(p, Object.keys(await import(p)).length);`;
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', '--input-type=module', '-e', code],
    { cwd: consumer, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(status, 0, stderr);
  for (const specifier of packages) assert.match(stdout, new RegExp(`^${specifier} [1-9]`, 'm'));
});

test('the JSON Schema is a plain file export, the same under any condition', async () => {
  const url = import.meta.resolve('@shiftwise/core/schema/rollout.schema.json');
  const schema = JSON.parse(await readFile(new URL(url), 'utf8')) as { $schema?: string };
  assert.match(schema.$schema ?? '', /json-schema/);
});
