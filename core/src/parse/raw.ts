import type { Range } from '../source/range.js';
import { childPath } from './source-map.js';

/**
 * The document as plain data with positions, read once from the YAML nodes. Mappings keep their entries
 * in an array (never a plain object), so keys like `__proto__` and `constructor` are just strings.
 */
export type RawNode = RawMap | RawSeq | RawScalar;

export interface RawMap {
  readonly kind: 'map';
  readonly range: Range;
  /** `{ ... }` (JSON or YAML flow style) rather than indented block style. */
  readonly flow: boolean;
  /** Entries in document order; a duplicate key keeps its first entry (the duplicate is reported). */
  readonly entries: readonly RawEntry[];
}

export interface RawEntry {
  readonly key: string;
  readonly keyRange: Range;
  readonly node: RawNode;
}

export interface RawSeq {
  readonly kind: 'seq';
  readonly range: Range;
  readonly flow: boolean;
  readonly items: readonly RawNode[];
}

export interface RawScalar {
  readonly kind: 'scalar';
  readonly range: Range;
  /** As YAML 1.2 (core schema) resolves it: `600` is a number, `10m` and `'600'` are strings, `~` is null. */
  readonly value: string | number | boolean | null;
  /** True for `'...'` and `"..."`. */
  readonly quoted: boolean;
}

/** The entry for `key`, if the mapping has one. */
export function entry(map: RawMap, key: string): RawEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/**
 * Every scalar of the tree by its path, as the source map names paths (`rollback.alarms.0`), with its value as YAML
 * or JSON read it: `- "fraud-5xx"` is `fraud-5xx`, `'it''s'` is `it's`. For editors, which show values, not text.
 */
export function scalarsByPath(tree: RawNode | undefined): ReadonlyMap<string, RawScalar> {
  const scalars = new Map<string, RawScalar>();
  const visit = (node: RawNode, path: string): void => {
    if (node.kind === 'scalar') {
      if (!scalars.has(path)) scalars.set(path, node);
    } else if (node.kind === 'seq') {
      for (const [i, item] of node.items.entries()) visit(item, childPath(path, i));
    } else for (const e of node.entries) visit(e.node, childPath(path, e.key));
  };
  if (tree !== undefined) visit(tree, '');
  return scalars;
}

/** Plain JSON-like data for the JSON Schema validator; objects have no prototype. */
export function toPlain(node: RawNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const object: Record<string, unknown> = Object.create(null);
      for (const e of node.entries) object[e.key] = toPlain(e.node);
      return object;
    }
  }
}

/** A short name for a value's type, as messages say it: "a string", "a number", "a list". */
export function typeName(node: RawNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null) return 'no value';
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return 'a string';
}
