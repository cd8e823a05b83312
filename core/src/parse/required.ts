import { parse as parseYamlValue } from 'yaml';
import type { Fix } from '../diagnostics/diagnostic.js';
import { type InsertValue, insertPair } from '../diagnostics/edits.js';
import { fieldDocs, keyOf, requiredKeys } from '../fields/lookup.js';
import { titleInSentence } from '../values/words.js';
import { example } from './example.js';
import { keyBefore } from './key-order.js';
import { entry, type RawMap } from './raw.js';
import { fail, type Reader } from './reader.js';

/** A field's default insert text, written for this file (JSON files get JSON). */
export function insertText(r: Reader, yamlText: string): string {
  if (!r.json) return yamlText;
  try {
    return JSON.stringify(parseYamlValue(yamlText));
  } catch {
    return JSON.stringify(yamlText);
  }
}

/** The text to insert for the field at `path`: a scalar, or for a mapping its required keys. */
export function insertValue(r: Reader, path: string): InsertValue {
  const doc = fieldDocs(path, r.context);
  if (doc?.kind !== 'mapping') return insertText(r, doc?.insert ?? "''");
  // A new strategy starts as the provider's most common type, with that type's required fields.
  const context =
    path === 'strategy' && r.context.strategy === undefined
      ? {
          ...r.context,
          strategy: r.context.provider === 'vertex-ai' ? ('rolling' as const) : ('canary' as const),
        }
      : r.context;
  return requiredKeys(path, context).map((f) => [keyOf(f.path), insertText(r, f.insert)] as const);
}

/**
 * A fix adding `key` (at `path`) to `map`, with the field's example value; in a JSON file after the key it follows in
 * the documented order (`keyBefore`).
 */
export function addFieldFix(r: Reader, map: RawMap, key: string, path: string): Fix | undefined {
  const first = map.entries[0];
  const parentPath = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
  const before = keyBefore(
    parentPath,
    key,
    map.entries.map((e) => e.key),
  );
  const after = before === undefined ? undefined : entry(map, before)?.node.range;
  const edit = insertPair(
    r.text,
    { mapRange: map.range, ...(first && { firstKey: first.keyRange }), ...(after && { after }) },
    key,
    insertValue(r, path),
  );
  return edit && { title: `Add ${key}`, edits: [edit] };
}

/**
 * Reports every field required for the provider and strategy that `map` lacks, pointing at the parent's
 * key (or the mapping itself for the root), with a fix that adds it. `skip` lists keys already explained
 * by another diagnostic (a misplaced `step` on a canary makes "size is missing" noise).
 */
export function requireKeys(
  r: Reader,
  map: RawMap,
  parentPath: string,
  at: { start: number; end: number },
  skip: readonly string[] = [],
): void {
  // A misspelt key (`bak`) already says what is missing, with a fix; "missing bake" would repeat it.
  // `checkKeys` recorded them while it checked this mapping's keys, once each.
  const suggested = r.suggested.get(parentPath) ?? new Set<string>();
  for (const f of requiredKeys(parentPath, r.context)) {
    const key = keyOf(f.path);
    if (entry(map, key) !== undefined || skip.includes(key) || suggested.has(key)) continue;
    const where = parentPath === '' ? '' : ` in '${parentPath}'`;
    const fix = addFieldFix(r, map, key, f.path);
    const what = f.title.toLowerCase() === key.toLowerCase() ? '' : ` (${titleInSentence(f.title)})`;
    const written = f.kind === 'mapping' ? '' : `; for example ${example(`${key}: ${f.insert}`, r.json)}`;
    fail(r, 'required', `missing '${key}'${what}${where}${written}`, at, fix && [fix]);
  }
}
