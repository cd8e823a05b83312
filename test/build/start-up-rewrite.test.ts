import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'acorn';
import { transform } from 'esbuild';
import { importCycle, startUpRewrite } from '../../scripts/start-up-rewrite.mjs';

// scripts/start-up-rewrite.mjs rewrites the CLI's and the language server's bundles to start faster: V8 compiles
// their top-level functions with the module (and Node's compile cache keeps them), and Node's modules come through
// `require`. A rewrite that changed what a module does would break every face at once, so each case runs a module
// before and after and compares what it exports.

const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);\n";

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
  test(`start-up rewrite: ${c.name}`, async () => {
    const eager = startUpRewrite(c.module, undefined, 'case.js');
    const program = parse(eager.code, { ecmaVersion: 'latest', sourceType: 'module' });
    assert.deepEqual(
      program.body.filter((s) => s.type === 'FunctionDeclaration').map((s) => s.id?.name),
      [],
      'no top-level function declaration is left',
    );
    assert.deepEqual(await exported(eager.code), await exported(c.module), 'the module exports the same');
  });
}

const builtinCases: { name: string; module: string; kept: string[] }[] = [
  {
    name: 'named and renamed imports',
    module: `${banner}import { join, sep as separator } from 'node:path';
import { readFileSync } from 'fs';
export const result = [join('a', 'b'), separator, typeof readFileSync];`,
    kept: [],
  },
  {
    name: 'a default import',
    module: `${banner}import path from 'node:path';
export const result = path.join('a', 'b');`,
    kept: [],
  },
  {
    name: 'a namespace whose every use reads a property',
    module: `${banner}import * as os from 'node:os';
export const result = [typeof os.platform(), typeof os.EOL];`,
    kept: [],
  },
  {
    name: 'a namespace read for its default: the module object has none, so it stays',
    module: `${banner}import * as util from 'node:util';
export const result = typeof util.default.format;`,
    kept: ['node:util'],
  },
  {
    name: 'a namespace passed on whole stays',
    module: `${banner}import * as fs from 'node:fs';
const has = (m) => typeof m.readFileSync;
export const result = has(fs);`,
    kept: ['node:fs'],
  },
  {
    name: 'an import below the code that uses it, through a function called at the top',
    module: `${banner}export const result = base('/a/b.txt');
function base(p) { return basename(p); }
import { basename } from 'node:path';`,
    kept: [],
  },
  {
    name: 'an import for its side effects only',
    module: `${banner}import 'node:fs';
export const result = 1;`,
    kept: [],
  },
  {
    name: 'a module without the banner keeps its imports (no require to read them with)',
    module: `import { join } from 'node:path';
export const result = join('a', 'b');`,
    kept: ['node:path'],
  },
  {
    name: 'packages and relative imports are not built-ins',
    module: `${banner}import { join } from 'node:path';
import { pathToFileURL } from 'url';
export const result = [join('x', 'y'), typeof pathToFileURL];`,
    kept: [],
  },
];

for (const c of builtinCases) {
  test(`start-up rewrite, built-ins through require: ${c.name}`, async () => {
    const rewritten = startUpRewrite(c.module, undefined, 'case.js');
    const program = parse(rewritten.code, { ecmaVersion: 'latest', sourceType: 'module' });
    const imported = program.body
      .filter((n) => n.type === 'ImportDeclaration')
      .map((n) => String(n.source.value))
      .filter((source) => !(c.module.startsWith(banner) && source === 'node:module'));
    assert.deepEqual(imported, c.kept, 'the imports left');
    assert.deepEqual(await exported(rewritten.code), await exported(c.module), 'the module exports the same');
  });
}

test('start-up rewrite: each top-level function is a parenthesized expression, placed before the first statement', () => {
  const { code, moved } = startUpRewrite(
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

test('start-up rewrite: the source map still leads from a moved function to its TypeScript line', async () => {
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
  const eager = startUpRewrite(built.code, JSON.parse(built.map), 'out.js');
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

test('start-up rewrite: a module without top-level functions is returned as it is, with its map', () => {
  const map = {
    version: 3,
    file: 'x.js',
    sources: ['x.ts'],
    sourcesContent: [],
    names: [],
    mappings: 'AAAA',
    sourceRoot: '',
  };
  const out = startUpRewrite('export const x = () => 1;\n', map, 'x.js');
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
  test(`start-up rewrite: import cycle of ${g.name}`, () => {
    assert.deepEqual(importCycle(new Map(Object.entries(g.imports))), g.cycle);
  });
}

test('start-up rewrite: the imports of a module are reported, static ones only', () => {
  const { imports } = startUpRewrite(
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
