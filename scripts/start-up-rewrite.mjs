// Rewrites the modules of a bundle that runs with Node's compile cache (the language server's) so that
// later runs start faster: top-level functions compiled with the module and so kept in the cache
// (eager-functions.mjs), and Node's own modules taken through `require` (builtin-requires.mjs). docs/performance.md
// gives what each saves.
import { posix } from 'node:path';
import remapping from '@jridgewell/remapping';
import { parse } from 'acorn';
import MagicString from 'magic-string';
import { builtinRequires } from './builtin-requires.mjs';
import { eagerFunctions } from './eager-functions.mjs';

/**
 * `code` (the module `file` of a bundle) rewritten; `map`, its source map (esbuild's), composed through the change
 * so that the result's map points at the original sources. `imports` are the module's static import specifiers,
 * for `importCycle`.
 */
export function startUpRewrite(code, map, file) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const imports = program.body
    .filter((node) => node.source?.value !== undefined)
    .map((node) => node.source.value);
  const s = new MagicString(code);
  const required = builtinRequires(program, s);
  const moved = eagerFunctions(program, s);
  if (required === 0 && moved === 0) return { code, map, moved, required, imports };
  const transformed = s.generateMap({ hires: 'boundary', source: file, includeContent: false });
  const composed = map === undefined ? undefined : remapping(transformed, (f) => (f === file ? map : null));
  return { code: s.toString(), map: composed, moved, required, imports };
}

/**
 * A cycle of static imports among a bundle's files, as the list of files around it, or undefined. `imports` maps
 * each file's path within the bundle's folder (`a.js`, `sub/b.js`) to the specifiers it imports; a relative one is
 * resolved from the importing file's folder, and packages and Node's modules are not followed. The rewrite is
 * sound only without a cycle: a module in one can be called into before it has run, when a moved function or a
 * required module is not yet assigned (a declaration or an import would already be there).
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
