import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { importSites, where } from './imports.js';
import { importRules } from './rules.js';

// The invariants of ARCHITECTURE.md that an import can break, checked over every source file. A failure names
// the importing line and the invariant, so the fix is to move the code, not to silence the rule.

const root = resolve(import.meta.dirname, '../..');
const sites = importSites(root, [
  'core/src',
  'cli/src',
  'action/src',
  'language-server/src',
  'extension/src',
  'sandbox/src',
]);

test('the import scan sees the workspace (a scan that finds nothing proves nothing)', () => {
  assert.ok(sites.length > 300, `only ${sites.length} imports found`);
  assert.ok(sites.some((s) => s.file === 'core/src/validate.ts' && s.target === 'core/src/rules/index.ts'));
});

for (const rule of importRules) {
  test(`architecture: ${rule.invariant}`, () => {
    const broken = sites.filter((s) => rule.applies(s.file) && rule.breaks(s));
    assert.deepEqual(
      broken.map((s) => `${where(s)} imports '${s.specifier}'${s.typeOnly ? ' (types)' : ''}`),
      [],
      `breaks "${rule.invariant}" (stated in ${rule.home})`,
    );
  });
}

test('each import rule is stated where its code is, as an "Architecture invariant:" line of the opening comment', () => {
  const missing = [...new Set(importRules.map((r) => r.home))].filter((home) => {
    const text = readFileSync(resolve(root, home), 'utf8');
    const opening = text.slice(0, text.search(/^(?!\s*(\/\/|\/\*|\*|$))/m));
    return !opening.includes('Architecture invariant:');
  });
  assert.deepEqual(missing, []);
});

test("architecture: the language server's bundle holds no engine and no cloud SDK", async () => {
  const { metafile } = await build({
    entryPoints: [resolve(root, 'language-server/src/main.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    conditions: ['source'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(metafile.inputs);
  assert.ok(
    inputs.some((i) => i.includes('core/src/rules/')),
    'the bundle should hold the rules',
  );
  assert.deepEqual(
    inputs.filter((i) =>
      /core\/src\/engine\/|node_modules\/(\.pnpm\/)?@(aws-sdk|smithy|actions)|sandbox\/src\//.test(i),
    ),
    [],
  );
});
