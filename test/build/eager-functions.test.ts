import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'acorn';
import { transform } from 'esbuild';
import { eagerFunctions, importCycle } from '../../scripts/eager-functions.mjs';

// scripts/eager-functions.mjs rewrites the CLI's and the language server's bundles so that V8 compiles their
// top-level functions with the module (and Node's compile cache keeps them). A rewrite that changed what a module
// does would break every face at once, so each case runs a module before and after and compares what it exports.

const cases: { name: string; module: string }[] = [
  {
    name: 'a function used before its declaration, directly and through an object built at the top',
    module: `const table = { double, square };
export const result = [double(2), table.square(3), typeof later];
function double(x) { return 2 * x; }
function square(x) { return x * x; }
function later() {}`,
  },
  {
    name: 'names of plain, async, generator and async generator functions',
    module: `export const result = [plain.name, waits.name, yields.name, both.name, plain.length, yields.length];
function plain(a, b) {}
async function waits() {}
function* yields(a = 1, ...rest) {}
async function* both() {}`,
  },
  {
    name: 'a function that counts its own calls on itself and one that replaces itself',
    module: `export const result = [count(), count(), once(), once()];
function count() { count.calls = (count.calls ?? 0) + 1; return count.calls; }
function once() { once = () => 'later'; return 'first'; }`,
  },
  {
    name: 'generators and async functions still run',
    module: `export const result = [[...range(3)], await total([1, 2, 3])];
function* range(n) { for (let i = 0; i < n; i++) yield i; }
async function total(xs) { let sum = 0; for await (const x of each(xs)) sum += x; return sum; }
async function* each(xs) { yield* xs; }`,
  },
  {
    name: 'nested declarations, exported declarations and classes stay as they are',
    module: `class Thing { value = helper(); }
export const result = [outer(), exported(), new Thing().value];
function outer() { return inner(); function inner() { return 'inner'; } }
export function exported() { return helper(); }
function helper() { return 'helper'; }`,
  },
  {
    name: 'a module with imports: the functions go after them',
    module: `import { sep } from 'node:path';
export const result = joined(['a', 'b']);
function joined(parts) { return parts.join(sep); }`,
  },
];

for (const c of cases) {
  test(`eager functions: ${c.name}`, async () => {
    const eager = eagerFunctions(c.module, undefined, 'case.js');
    const program = parse(eager.code, { ecmaVersion: 'latest', sourceType: 'module' });
    assert.deepEqual(
      program.body.filter((s) => s.type === 'FunctionDeclaration').map((s) => s.id?.name),
      [],
      'no top-level function declaration is left',
    );
    assert.deepEqual(await exported(eager.code), await exported(c.module), 'the module exports the same');
  });
}

test('eager functions: each top-level function is a parenthesized expression, placed before the first statement', () => {
  const { code, moved } = eagerFunctions(
    "import { a } from './a.js';\nconst x = f();\nfunction f() { return a; }\nasync function* g() {}\n",
    undefined,
    'm.js',
  );
  assert.equal(moved, 2);
  assert.match(
    code,
    /^import \{ a \} from '\.\/a\.js';\nvar f = \(function \(\) \{ return a; \}\);\nvar g = \(async function\* \(\) \{\}\);\nconst x = f\(\);\n/,
  );
});

test('eager functions: the source map still leads from a moved function to its TypeScript line', async () => {
  const ts = [
    'export const first = later(1);',
    '',
    'function helper(n: number): number {',
    '  return n + 1;',
    '}',
    '',
    'function later(n: number): number {',
    '  return helper(n) * 2;',
    '}',
  ].join('\n');
  const built = await transform(ts, {
    loader: 'ts',
    format: 'esm',
    sourcemap: 'external',
    sourcefile: 'src.ts',
  });
  const eager = eagerFunctions(built.code, JSON.parse(built.map), 'out.js');
  assert.ok(eager.map, 'a composed map');
  const map = new SourceMap(eager.map);
  const lines = eager.code.split('\n');
  for (const [needle, tsLine] of [
    ['return n + 1', 3],
    ['return helper(n) * 2', 7],
    ['later(1)', 0],
  ] as const) {
    const line = lines.findIndex((l: string) => l.includes(needle));
    const entry = map.findEntry(line, lines[line]?.indexOf(needle) ?? 0);
    assert.ok('originalLine' in entry, `a mapping for ${needle}`);
    assert.equal(entry.originalSource.endsWith('src.ts'), true);
    assert.equal(entry.originalLine, tsLine, `${needle} maps to line ${tsLine + 1} of src.ts`);
  }
});

test('eager functions: a module without top-level functions is returned as it is, with its map', () => {
  const map = {
    version: 3,
    file: 'x.js',
    sources: ['x.ts'],
    sourcesContent: [],
    names: [],
    mappings: 'AAAA',
    sourceRoot: '',
  };
  const out = eagerFunctions('export const x = () => 1;\n', map, 'x.js');
  assert.equal(out.code, 'export const x = () => 1;\n');
  assert.equal(out.map, map);
  assert.equal(out.moved, 0);
});

const graphs: { name: string; imports: Record<string, string[]>; cycle: string[] | undefined }[] = [
  {
    name: 'entries importing shared chunks',
    imports: {
      'main.js': ['./a.js', 'node:fs'],
      'cmd.js': ['./a.js', './b.js'],
      'a.js': ['./b.js'],
      'b.js': [],
    },
    cycle: undefined,
  },
  {
    name: 'two chunks importing each other',
    imports: { 'main.js': ['./a.js'], 'a.js': ['./b.js'], 'b.js': ['./a.js'] },
    cycle: ['a.js', 'b.js', 'a.js'],
  },
  { name: 'a chunk importing itself', imports: { 'a.js': ['./a.js'] }, cycle: ['a.js', 'a.js'] },
  {
    name: 'files in a subfolder, imported from it and importing back',
    imports: { 'main.js': ['./chunks/a.js'], 'chunks/a.js': ['./b.js'], 'chunks/b.js': ['../main.js'] },
    cycle: ['main.js', 'chunks/a.js', 'chunks/b.js', 'main.js'],
  },
  {
    name: 'a package and a missing file are not followed',
    imports: { 'a.js': ['yaml', './gone.js'] },
    cycle: undefined,
  },
];

for (const g of graphs) {
  test(`eager functions: import cycle of ${g.name}`, () => {
    assert.deepEqual(importCycle(new Map(Object.entries(g.imports))), g.cycle);
  });
}

test('eager functions: the imports of a module are reported, static ones only', () => {
  const { imports } = eagerFunctions(
    "import a from './a.js';\nexport * from './b.js';\nexport { c } from './c.js';\nconst d = () => import('./d.js');\nfunction f() {}\n",
    undefined,
    'm.js',
  );
  assert.deepEqual(imports, ['./a.js', './b.js', './c.js']);
});

/** What a module's `result` export is, run as a module of its own. */
async function exported(code: string): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'shiftwise-eager-'));
  try {
    const file = join(dir, 'module.mjs');
    await writeFile(file, code);
    const module = (await import(pathToFileURL(file).href)) as { result: unknown };
    return module.result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
