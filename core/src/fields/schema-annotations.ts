import type { ProviderName } from '../model.js';
import { keyOf } from './lookup.js';
import { childPaths, defName, type Schema } from './schema-names.js';
import { type FieldDoc, fieldTable } from './table.js';

// The annotation tree of the JSON Schema (its `properties`): what editors show on hover and completion.

/**
 * The annotations of the path (every variant's words, labelled by where each applies) and, under mappings
 * and lists, of the paths beneath it. A leaf with one variant also checks its shape here, so a file whose
 * provider is not known yet still gets its values checked.
 */
export function annotated(path: string): Schema {
  const all = fieldTable.filter((f) => f.path === path);
  const first = all[0] as FieldDoc;
  const words = {
    title: first.title,
    description:
      all.length === 1 ? describe(first) : all.map((f) => `${where(f)}: ${describe(f)}`).join('\n\n'),
    markdownDescription:
      all.length === 1 ? markdown(first) : all.map((f) => `**${where(f)}**: ${markdown(f)}`).join('\n\n'),
    examples: distinct(all.flatMap((f) => f.examples)),
  };
  if (first.kind === 'mapping') return { ...words, type: 'object', properties: children(path) };
  if (first.kind === 'list')
    return { ...words, type: 'array', items: { type: 'object', properties: children(path) } };
  return all.length === 1 ? { ...words, $ref: `#/$defs/${defName(first)}` } : words;
}

function children(parent: string): Schema {
  return Object.fromEntries(childPaths(parent).map((p) => [keyOf(p), annotated(p)]));
}

function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where a variant of a field applies: `SageMaker, canary, linear`, `Vertex AI`, `SageMaker, inference component`. */
function where(f: FieldDoc): string {
  const parts = [f.providers.map(label).join(', ')];
  if (f.strategies !== undefined) parts.push(`type ${f.strategies.join(', ')}`);
  if (f.targets?.length === 1) parts.push(f.targets[0] === 'endpoint' ? 'endpoint' : 'inference component');
  return parts.join('; ');
}

function describe(f: FieldDoc): string {
  const parts = [f.description];
  if (f.bounds !== undefined) parts.push(`Bounds: ${f.bounds}.`);
  if (f.apiField !== undefined) parts.push(`Becomes ${f.apiField}.`);
  return parts.join(' ');
}

/** The description for editors that render markdown: bounds and the API field on lines of their own. */
function markdown(f: FieldDoc): string {
  const lines = [f.description];
  if (f.bounds !== undefined) lines.push(`Bounds: ${f.bounds}.`);
  if (f.apiField !== undefined) lines.push(`Becomes ${f.apiField}.`);
  return lines.join('\n\n');
}

function label(p: ProviderName): string {
  return p === 'sagemaker' ? 'SageMaker' : 'Vertex AI';
}
