// Makes V8 compile a bundle's top-level functions when it compiles the module, so that Node's compile cache,
// which keeps only what is compiled before the module runs, holds them too (docs/performance.md says what it
// saves). V8 compiles a function lazily, on its first call, unless the function is a parenthesized expression;
// so each top-level `function f() {}` becomes `var f = (function () {});`, moved to the top of the module.

import { posix } from 'node:path';
import remapping from '@jridgewell/remapping';
import { parse } from 'acorn';
import MagicString from 'magic-string';

/**
 * `code` with every top-level function declaration turned into a parenthesized function expression assigned to a
 * `var` of its name, placed before the module's first statement that is not an import, in source order.
 *
 * Declarations are hoisted, and the moved assignments run before any other statement of the module, so every
 * statement that runs sees each function as it did. What changes: another module that calls one of these
 * functions while this module is still being imported (a cycle of imports) would find `undefined`; the bundles
 * this serves form no such cycle (esbuild's chunks import only shared chunks, which import no entry).
 * `f.name` and `f.length` stay (a function expression assigned to a name takes it), and `f` in its own body is the
 * module's binding, as it was; `f.toString()` no longer shows the name.
 *
 * `map` is the source map of `code` (esbuild's); the result's map points through both to the original sources.
 */
export function eagerFunctions(code, map, file) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const declarations = program.body.filter((s) => s.type === 'FunctionDeclaration');
  const firstStatement = program.body.find((s) => s.type !== 'ImportDeclaration');
  const imports = program.body.filter((s) => s.source?.value !== undefined).map((s) => s.source.value);
  if (declarations.length === 0 || firstStatement === undefined) return { code, map, moved: 0, imports };
  const s = new MagicString(code);
  for (const fn of declarations) {
    const keyword = fn.async ? 'async function' : 'function';
    // `async function* name(` → `var name = (async function* (`: the name goes, the parameters stay where they are.
    s.overwrite(fn.start, fn.id.end, `var ${fn.id.name} = (${keyword}${fn.generator ? '*' : ''} `);
    s.appendLeft(fn.end, ');\n');
    if (fn.start > firstStatement.start) s.move(fn.start, fn.end, firstStatement.start);
  }
  const transformed = s.generateMap({ hires: 'boundary', source: file, includeContent: false });
  const composed = map === undefined ? undefined : remapping(transformed, (f) => (f === file ? map : null));
  return { code: s.toString(), map: composed, moved: declarations.length, imports };
}

/**
 * A cycle of static imports among a bundle's files, as the list of files around it, or undefined. `imports` maps
 * each file's path within the bundle's folder (`a.js`, `sub/b.js`) to the specifiers it imports; a relative one is
 * resolved from the importing file's folder, and packages and Node's modules are not followed. Eager functions are
 * sound only without a cycle: a module in one can be called into before it has run, when a moved function is not
 * yet assigned (a declaration would already be there).
 */
export function importCycle(imports) {
  const state = new Map(); // file → 'open' while its imports are walked, 'done' after
  const walk = (file, path) => {
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    if (state.get(file) === 'done' || !imports.has(file)) return undefined;
    state.set(file, 'open');
    for (const specifier of imports.get(file)) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const cycle = walk(posix.normalize(posix.join(posix.dirname(file), specifier)), [...path, file]);
      if (cycle) return cycle;
    }
    state.set(file, 'done');
    return undefined;
  };
  for (const file of imports.keys()) {
    const cycle = walk(file, []);
    if (cycle) return cycle;
  }
  return undefined;
}
