// Makes V8 compile a bundle's top-level functions when it compiles the module, so that Node's compile cache,
// which keeps only what is compiled before the module runs, holds them too (docs/performance.md says what it
// saves). V8 compiles a function lazily, on its first call, unless the function is a parenthesized expression;
// so each top-level `function f() {}` becomes `var f = (function () {});`, moved to the top of the module.

/**
 * Edits `s` (a MagicString of the module `program` was parsed from) so that every top-level function declaration
 * is a parenthesized function expression assigned to a `var` of its name, placed before the module's first
 * statement that is not an import, in source order. Returns how many moved.
 *
 * Declarations are hoisted, and the moved assignments run before any other statement of the module, so every
 * statement that runs sees each function as it did. What changes: another module that calls one of these
 * functions while this module is still being imported (a cycle of imports) would find `undefined`, which is why
 * scripts/start-up-rewrite.mjs refuses a bundle with a cycle. `f.name` and `f.length` stay (a function expression
 * assigned to a name takes it), and `f` in its own body is the module's binding, as it was; `f.toString()` no
 * longer shows the name.
 */
export function eagerFunctions(program, s) {
  const declarations = program.body.filter((node) => node.type === 'FunctionDeclaration');
  const firstStatement = program.body.find((node) => node.type !== 'ImportDeclaration');
  if (firstStatement === undefined) return 0;
  for (const fn of declarations) {
    const keyword = fn.async ? 'async function' : 'function';
    // `async function* name(` → `var name = (async function* (`: the name goes, the parameters stay where they are.
    s.overwrite(fn.start, fn.id.end, `var ${fn.id.name} = (${keyword}${fn.generator ? '*' : ''} `);
    s.appendLeft(fn.end, ');\n');
    if (fn.start > firstStatement.start) s.move(fn.start, fn.end, firstStatement.start);
  }
  return declarations.length;
}
