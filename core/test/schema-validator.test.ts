import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { rolloutSchema } from '../src/fields/schema.js';
import type { SchemaValidator } from '../src/fields/schema-check.js';
import { parseDocumentText } from '../src/parse/index.js';
import { toPlain } from '../src/parse/raw.js';
import type { SourceMap } from '../src/source/source-map.js';
import {
  compiledValidator,
  schemaValidatorSource,
  withSchemaReadsHoisted,
} from './support/schema-validator-source.js';

// The JSON Schema check runs a validator generated ahead of time (core/src/fields/schema-validator.generated.ts).
// It must be what the schema generates today, and find exactly what a validator compiled at run time finds, on
// every rollout file the repository holds and on variants of the examples with each value removed, retyped or
// joined by an unknown key.

const file = new URL('../src/fields/schema-validator.generated.ts', import.meta.url);
const source = schemaValidatorSource();

// Run with SHIFTWISE_WRITE_SCHEMA=1 (as for core/schema/rollout.schema.json) to rewrite the generated validator.
if (process.env.SHIFTWISE_WRITE_SCHEMA === '1') writeFileSync(file, source);
// Imported after the write: the check imports the generated file, which a first regeneration creates.
const { schemaFindings, schemaValidator } = await import('../src/fields/schema-check.js');

test('the generated validator is what the rollout schema generates', () => {
  assert.ok(
    readFileSync(file, 'utf8') === source,
    'core/src/fields/schema-validator.generated.ts is stale: run SHIFTWISE_WRITE_SCHEMA=1 pnpm test core/test/schema-validator.test.ts',
  );
});

const hoistCases = [
  {
    name: 'a read becomes a constant of the part read, and the schema constant goes',
    code: '"use strict";const schema1 = {"a":{"b":["x","]\\"}"]},"c":1};f(schema1.a.b);',
    hoisted: '"use strict";const schema1_a_b = ["x","]\\"}"];f(schema1_a_b);',
  },
  {
    name: 'a schema constant read whole stays beside the parts read of it',
    code: 'const schema2 = {"enum":[1,2]};g(schema2.enum, schema2);',
    hoisted: 'const schema2_enum = [1,2];const schema2 = {"enum":[1,2]};g(schema2_enum, schema2);',
  },
  { name: 'a number constant', code: 'const schema3 = -1.5e3;h();', hoisted: 'h();' },
];
for (const c of hoistCases)
  test(`schema reads hoisted: ${c.name}`, () => {
    assert.equal(withSchemaReadsHoisted(c.code), c.hoisted);
  });

test('schema reads hoisted: two reads that would share a constant name are refused', () => {
  assert.throws(
    () => withSchemaReadsHoisted('const schema5 = {"a":{"b":1},"a_b":2};f(schema5.a.b, schema5.a_b);'),
    /schema5\.a_b: the name of its constant, schema5_a_b, is taken/,
  );
});

test('schema reads hoisted: a read of a part the schema does not have is refused', () => {
  assert.throws(
    () => withSchemaReadsHoisted('const schema4 = {"a":1};f(schema4.b);'),
    /schema4\.b: the schema constant has no such part/,
  );
});

/** The validator core compiled at run time before it was generated, with the options it had. */
const before: SchemaValidator = new Ajv2020({
  allErrors: true,
  strict: false,
  code: { optimize: false },
}).compile(rolloutSchema());
const compiled = compiledValidator();
const generated = schemaValidator();

interface Case {
  readonly name: string;
  readonly data: unknown;
  readonly source: SourceMap;
  readonly text: string;
}

/** Every rollout file of examples/, the rules corpus and the hostile corpus, as the schema check gets it. */
function corpus(): Case[] {
  const folders = ['../../examples/', '../testdata/rules/', '../../test/hostile/'];
  return folders.flatMap((folder) =>
    readdirSync(new URL(folder, import.meta.url))
      .filter((f) => /\.rollout\.(ya?ml|json)$/.test(f))
      .flatMap((f) => {
        const text = readFileSync(new URL(folder + f, import.meta.url), 'utf8');
        const parsed = parseDocumentText(text, { fileName: f });
        if (parsed.tree === undefined) return [];
        return [{ name: `${folder}${f}`, data: toPlain(parsed.tree), source: parsed.source, text }];
      }),
  );
}

/** Each path to a value of `data`, as keys: `[]`, `['strategy']`, `['rollback', 'alarms', 0]`, … */
function paths(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== 'object') return [at];
  const children = Object.entries(data).flatMap(([k, v]) =>
    paths(v, [...at, Array.isArray(data) ? Number(k) : k]),
  );
  return [at, ...children];
}

/** `data` with the value at `path` replaced by `value` (removed when `value` is `remove`). */
function edited(data: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === remove) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

const remove = Symbol('remove');
const replacements: unknown[] = [remove, null, 'x', '', -1, 0, 1.5, 2 ** 53, true, [], {}, ['x'], { x: 1 }];

function variants(cases: Case[]): Case[] {
  return cases
    .filter((c) => c.name.startsWith('../../examples/'))
    .flatMap((c) =>
      paths(c.data).flatMap((path) => [
        ...replacements.map((value) => ({
          ...c,
          name: `${c.name} ${path.join('.')} → ${String(value)}`,
          data: edited(c.data, path, value),
        })),
        ...(isMapping(valueAt(c.data, path))
          ? [
              {
                ...c,
                name: `${c.name} ${path.join('.')}.unknownKey`,
                data: edited(c.data, [...path, 'unknownKey'], 1),
              },
            ]
          : []),
      ]),
    );
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], data);
}

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

test('the generated validator finds what a compiled one finds, on every rollout file and variants of the examples', () => {
  const files = corpus();
  const cases = [...files, ...variants(files)];
  assert.ok(files.length > 50 && cases.length > 1000, `${files.length} files, ${cases.length} cases`);
  let failing = 0;
  for (const c of cases) {
    const findings = schemaFindings(generated, c.data, c.source, c.text);
    const errors = generated.errors ?? null;
    if (findings.length > 0) failing++;
    assert.deepEqual(findings, schemaFindings(before, c.data, c.source, c.text), c.name);
    compiled(c.data);
    assert.deepEqual(errors, compiled.errors ?? null, c.name);
  }
  assert.ok(failing > cases.length / 2, `the variants break the schema (${failing} of ${cases.length})`);
});

test('the generated validator agrees with a compiled one on random values at random places', () => {
  const [example] = corpus();
  assert.ok(example);
  const where = paths(example.data);
  fc.assert(
    fc.property(fc.constantFrom(...where), fc.jsonValue(), (path, value) => {
      const data = edited(example.data, path, value);
      assert.equal(generated(data), compiled(data));
      assert.deepEqual(generated.errors ?? null, compiled.errors ?? null);
    }),
    { numRuns: 500 },
  );
});

test('a value that fails one keyword under several branches of the schema is one finding', () => {
  const text =
    '$schema: 5\nversion: 1\nprovider: sagemaker\nendpoint: fraud\nendpointConfig: fraud-v2\nstrategy:\n  type: all-at-once\n';
  const parsed = parseDocumentText(text);
  assert.ok(parsed.tree);
  generated(toPlain(parsed.tree));
  const raw = (generated.errors ?? []).filter((e) => e.instancePath === '/$schema');
  assert.ok(raw.length > 1, `ajv reports '$schema' ${raw.length} times`);
  const findings = schemaFindings(generated, toPlain(parsed.tree), parsed.source, text);
  assert.deepEqual(
    findings.map((f) => f.message),
    ["'$schema' must be string (rollout schema)"],
  );
});
