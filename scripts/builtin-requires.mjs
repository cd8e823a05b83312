// Takes a bundle's imports of Node's own modules through `require` instead (the bundle's banner defines it). An
// ES module import of a built-in builds the module's namespace, which reads every export, and so runs every lazy
// getter: importing `node:fs` loads fs/promises and with it readline; `node:util` loads its diff and more. A
// `require` returns the module object, and destructuring reads only the names the bundle uses.
import { builtinModules } from 'node:module';
import { ancestor } from 'acorn-walk';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Edits `s` (a MagicString of the module `program` was parsed from) so that each top-level import
 * of a built-in module becomes a `const` read from `require`, right after the banner's `const require = …`.
 * Returns how many imports changed; none in a module without that banner.
 *
 * The bindings are read once, before any other statement of the module runs, where an import's would be live:
 * Node's modules do not change their exports. A namespace import (`import * as fs`) becomes the module object
 * only where every use reads a named property, since the module object has no `default`; otherwise it stays.
 */
export function builtinRequires(program, s) {
  const banner = program.body.find(
    (node) => node.type === 'VariableDeclaration' && node.declarations[0]?.id.name === 'require',
  );
  if (banner === undefined) return 0;
  const lines = [];
  let changed = 0;
  for (const node of program.body) {
    if (node.type !== 'ImportDeclaration' || !builtins.has(node.source.value) || node.end <= banner.start)
      continue;
    const required = `require(${JSON.stringify(node.source.value)})`;
    const namespace = node.specifiers.find((spec) => spec.type === 'ImportNamespaceSpecifier');
    if (namespace !== undefined && !onlyNamedReads(program, namespace.local.name)) continue;
    const named = node.specifiers
      .filter((spec) => spec.type === 'ImportSpecifier')
      .map((spec) =>
        spec.imported.name === spec.local.name
          ? spec.local.name
          : `${spec.imported.name}: ${spec.local.name}`,
      );
    const whole = node.specifiers.filter((spec) => spec.type !== 'ImportSpecifier');
    for (const spec of whole) lines.push(`const ${spec.local.name} = ${required};`);
    if (named.length > 0) lines.push(`const { ${named.join(', ')} } = ${required};`);
    if (node.specifiers.length === 0) lines.push(`${required};`);
    s.remove(node.start, node.end);
    changed++;
  }
  if (lines.length > 0) s.appendLeft(banner.end, `\n${lines.join('\n')}`);
  return changed;
}

/** Whether every use of `name` in `program` reads a named property of it (`name.x`, never `name.default`). */
function onlyNamedReads(program, name) {
  let only = true;
  ancestor(program, {
    Identifier(node, _state, ancestors) {
      if (node.name !== name) return;
      const parent = ancestors.at(-2);
      const read =
        parent?.type === 'MemberExpression' &&
        parent.object === node &&
        !parent.computed &&
        parent.property.name !== 'default';
      if (!read) only = false;
    },
  });
  return only;
}
