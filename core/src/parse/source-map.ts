import type { Range } from '../source/range.js';
import type { SourceMap, SourceSpan } from '../source/source-map.js';

/** A SourceMap being filled while the document is read; paths keep the order they were first set in. */
export interface SourceMapBuilder extends SourceMap {
  set(path: string, span: SourceSpan): void;
}

/** An empty, growable SourceMap. Backed by a Map, so any string is a safe path. */
export function sourceMapBuilder(): SourceMapBuilder {
  const spans = new Map<string, SourceSpan>();
  return {
    get: (path) => spans.get(path),
    paths: () => [...spans.keys()],
    set(path, span) {
      if (!spans.has(path)) spans.set(path, span);
    },
  };
}

/** Joins a parent path and a key or index: `('', 'strategy') → 'strategy'`, `('rollback.alarms', 0) → 'rollback.alarms.0'`. */
export function childPath(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`;
}

/**
 * The deepest recorded path whose key or value contains `offset`, and which of the two it is on.
 * Editors use it for hover and completion: `pathAt(source, offsetOfTheWordBake)` → `{ path: 'strategy.bake', on: 'key' }`.
 */
export function pathAt(
  source: SourceMap,
  offset: number,
): { readonly path: string; readonly on: 'key' | 'value' } | undefined {
  let best: { path: string; on: 'key' | 'value'; size: number } | undefined;
  const inside = (r: Range) => r.start <= offset && offset <= r.end;
  for (const path of source.paths()) {
    const span = source.get(path);
    if (span === undefined) continue;
    if (span.key !== undefined && inside(span.key)) return { path, on: 'key' };
    if (inside(span.value)) {
      const size = span.value.end - span.value.start;
      if (best === undefined || size <= best.size) best = { path, on: 'value', size };
    }
  }
  return best && { path: best.path, on: best.on };
}
