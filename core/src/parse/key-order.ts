import { keyOf, keysFor } from '../fields/lookup.js';

/**
 * The key of a mapping that a new `key` follows in the documented order (the field table's, as docs/rollout-file.md
 * lists the fields): of the keys the mapping has, the last one documented before `key`. Undefined when none is
 * (the new key comes first) or `key` is not documented under `parentPath`. A fix that adds a key to a JSON file puts
 * it there (`insertPair`'s `after`).
 *
 *   keyBefore('', 'endpointConfig', ['version', 'provider', 'endpoint', 'strategy']) → 'endpoint'
 *   keyBefore('', 'rollback', ['version', 'strategy', 'timeout']) → 'timeout'
 *   keyBefore('', 'version', ['provider']) → undefined
 */
export function keyBefore(parentPath: string, key: string, present: readonly string[]): string | undefined {
  const order = [...new Set(keysFor(parentPath).map((f) => keyOf(f.path)))];
  const at = order.indexOf(key);
  if (at < 0) return undefined;
  let before: string | undefined;
  let rank = -1;
  for (const k of present) {
    const i = order.indexOf(k);
    if (i >= 0 && i < at && i > rank) [before, rank] = [k, i];
  }
  return before;
}
