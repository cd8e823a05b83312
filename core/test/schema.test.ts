import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { schemaUrl } from '../src/fields/schema.js';
import { fieldTable, rolloutSchema } from '../src/index.js';
import { canaryBound } from '../src/rules/canary-size.js';
import { linearBound } from '../src/rules/linear-step.js';
import { rollingBound } from '../src/rules/rolling-batch.js';

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

test('every field has a title, a description and examples; every path is annotated once', () => {
  const schema = rolloutSchema() as { properties: Record<string, Annotated> };
  for (const f of fieldTable) {
    assert.ok(f.title && f.description, f.path);
    assert.ok(f.examples.length > 0, `${f.path} has no examples`);
    const at = annotationAt(schema.properties, f.path);
    assert.ok(at?.title && at.markdownDescription && at.examples, `${f.path} has no annotations`);
  }
  // Editors gather annotations from every subschema matching a value: only the annotation tree may carry them.
  const carriers = annotationCarriers(schema).filter((p) => !p.startsWith('/properties/') && p !== '');
  assert.deepEqual(carriers, [], 'annotations outside the properties tree are shown again in every hover');
});

interface Annotated {
  title?: string;
  markdownDescription?: string;
  examples?: unknown[];
  properties?: Record<string, Annotated>;
  items?: { properties?: Record<string, Annotated> };
}

function annotationAt(root: Record<string, Annotated>, path: string): Annotated | undefined {
  let level: Record<string, Annotated> | undefined = root;
  let node: Annotated | undefined;
  for (const key of path.split('.')) {
    node = level?.[key];
    level = node?.properties ?? node?.items?.properties;
  }
  return node;
}

/** JSON pointers of every subschema with `examples` or a description. */
function annotationCarriers(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const own =
    !Array.isArray(value) && ('examples' in value || 'markdownDescription' in value) && at !== '' ? [at] : [];
  return [
    ...own,
    ...Object.entries(value).flatMap(([k, v]) =>
      k === 'examples' ? [] : annotationCarriers(v, `${at}/${k}`),
    ),
  ];
}

test('the $schema example and the schema $id are the one published URL', () => {
  const example = fieldTable.find((f) => f.path === '$schema')?.examples[0];
  assert.equal(example, schemaUrl);
  assert.equal((rolloutSchema() as { $id: string }).$id, schemaUrl);
});

test("percent bounds in the table are the rules' share bounds", () => {
  const bounds = [canaryBound, linearBound, rollingBound];
  for (const b of bounds) {
    for (const f of fieldTable.filter((g) => g.path === b.path)) {
      assert.deepEqual([f.percentMinimum, f.percentMaximum], [b.minPercent, b.maxPercent], f.path);
    }
  }
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
  assert.doesNotThrow(() =>
    new Ajv2020({
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
      keywords: ['markdownDescription', 'patternErrorMessage', 'errorMessage'],
    }).compile(rolloutSchema()),
  );
});

/** The reported cases, each a file the stricter schema now rejects too: Shiftwise still reports the rule alone. */
const stricterCases: [string, string, string][] = [
  ['canary 60%', 'type: canary\n  size: 60%\n  bake: 10m', 'canary-size'],
  ['linear 60%', 'type: linear\n  step: 60%\n  bake: 10m', 'linear-step'],
  ['rolling batch 60%', 'type: rolling\n  batch: 60%\n  bake: 10m', 'rolling-batch'],
  ['bake 2h', 'type: canary\n  size: 10%\n  bake: 2h', 'bake-range'],
];

test('a value both the schema and a rule refuse is reported once, by the rule (no schema duplicate)', async () => {
  const { validateRollout } = await import('../src/index.js');
  for (const [name, strategy, code] of stricterCases) {
    const text = `version: 1\nprovider: sagemaker\nendpoint: fraud\nendpointConfig: fraud-v2\ncapacity: 10\nstrategy:\n  ${strategy}\ntimeout: 4h\nrollback:\n  alarms: [fraud-5xx]\n`;
    const codes = validateRollout(text, { fileName: 'a.rollout.yaml' }).diagnostics.map((d) => d.code);
    assert.deepEqual(codes, [code], name);
  }
});

test("a bound of one strategy type holds only that type: a steps file's timeout runs to 7 days, a canary's to 8h", async () => {
  const { validateRollout } = await import('../src/index.js');
  const codes = (strategy: string, timeout: string) =>
    validateRollout(
      `version: 1\nprovider: sagemaker\nendpoint: fraud\nmodel: fraud-v2\ncapacity: 4\nstrategy:\n  ${strategy}\ntimeout: ${timeout}\nrollback:\n  alarms: [fraud-5xx]\n`,
      { fileName: 'a.rollout.yaml' },
    ).diagnostics.map((d) => d.code);
  const steps = 'type: steps\n  steps:\n    - traffic: 10%\n      bake: 1h\n    - traffic: 100%';
  assert.deepEqual(codes(steps, '12h'), []);
  assert.deepEqual(codes(steps, '168h'), []);
  assert.deepEqual(codes(steps, '604801'), ['timeout-range']);
  assert.deepEqual(codes('type: canary\n  size: 25%\n  bake: 10m', '12h'), ['timeout-range']);
});
