import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fieldTable, rolloutSchema } from '../src/index.js';

const file = new URL('../schema/rollout.schema.json', import.meta.url);
const built = `${JSON.stringify(rolloutSchema(), null, 2)}\n`;

// Run with SHIFTWISE_WRITE_SCHEMA=1 to rewrite core/schema/rollout.schema.json from the field table.
if (process.env.SHIFTWISE_WRITE_SCHEMA === '1') writeFileSync(file, built);

test('core/schema/rollout.schema.json is the schema built from the field table', () => {
  assert.deepEqual(
    JSON.parse(readFileSync(file, 'utf8')),
    JSON.parse(built),
    'the committed schema is stale: run SHIFTWISE_WRITE_SCHEMA=1 pnpm test core/test/schema.test.ts',
  );
});

test('every field has a title, a description and examples; every leaf field a definition', () => {
  const schema = rolloutSchema() as { $defs: Record<string, { title?: string; description?: string }> };
  for (const f of fieldTable) {
    assert.ok(f.title && f.description, f.path);
    assert.ok(f.examples.length > 0, `${f.path} has no examples`);
  }
  const titles = new Set(Object.values(schema.$defs).map((d) => d.title));
  for (const f of fieldTable.filter((g) => g.kind !== 'mapping' && g.kind !== 'list'))
    assert.ok(titles.has(f.title), f.path);
});

test('docs/rules.md has a section for every rule code, and the table lists each', async () => {
  const { ruleCatalog } = await import('../src/index.js');
  const docs = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  for (const rule of ruleCatalog) {
    assert.match(docs, new RegExp(`^### ${rule.code}$`, 'm'), `no section for ${rule.code}`);
    assert.match(
      docs,
      new RegExp(`^\\| \\[\`${rule.code}\`\\]\\(#${rule.code}\\) *\\|`, 'm'),
      `no row for ${rule.code}`,
    );
  }
});

test('the schema compiles under ajv strict mode (no unknown keywords, types on every keyword)', async () => {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  assert.doesNotThrow(() => new Ajv2020({ strict: true, strictRequired: false }).compile(rolloutSchema()));
});
