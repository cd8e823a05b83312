import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type YAMLMap,
  type Node as YamlNode,
} from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { type LineIndex, lineIndex, type Range } from '../source/range.js';
import { limits } from './limits.js';
import type { RawEntry, RawNode, RawScalar } from './raw.js';
import { childPath, type SourceMapBuilder } from './source-map.js';

interface Walk {
  readonly text: string;
  readonly source: SourceMapBuilder;
  readonly diagnostics: Diagnostic[];
  /** Anchors seen so far in document order; an alias refers to the last one of its name. */
  readonly anchors: Map<string, YamlNode>;
  /** Nodes added by expanding aliases; bounded by `limits.maxAliasNodes`. */
  aliasNodes: number;
  aliasLimitReported: boolean;
  deepReported: boolean;
  lines?: LineIndex;
  /** Where the text the nodes were parsed from starts in `text`: 0 for the whole file, a block's offset otherwise. */
  offset: number;
}

/** A top-level block of the file parsed on its own (./blocks.ts): its YAML document and where it starts. */
export interface ParsedBlock {
  readonly doc: Document;
  readonly offset: number;
}

/**
 * Reads the YAML nodes of `doc` into plain data, recording every key's and value's range in `source`.
 * Bounded: aliases expand to at most `limits.maxAliasNodes` nodes and collections nest at most
 * `limits.maxDepth` levels; beyond that the node becomes null and one diagnostic says why.
 */
export function readTree(
  doc: Document,
  text: string,
  source: SourceMapBuilder,
  diagnostics: Diagnostic[],
): RawNode | undefined {
  if (doc.contents === null) return undefined;
  const walk = startWalk(text, source, diagnostics);
  const root = node(walk, doc.contents as YamlNode, '', 0, false);
  source.set('', { value: root.range });
  return root;
}

/**
 * Reads a file split into top-level blocks, each a block mapping parsed on its own (./blocks.ts), as one root
 * mapping: the same tree, ranges, source map and findings as `readTree` of the whole file gives. A key repeated in
 * a later block is a duplicate of the first, as in one mapping.
 */
export function readTreeOfBlocks(
  blocks: readonly ParsedBlock[],
  text: string,
  source: SourceMapBuilder,
  diagnostics: Diagnostic[],
): RawNode {
  const walk = startWalk(text, source, diagnostics);
  // The root mapping runs from the first block's first key to the end of the last block's mapping.
  const first = blocks[0];
  const last = blocks.at(-1);
  const start = (first?.doc.contents?.range?.[0] ?? 0) + (first?.offset ?? 0);
  const lastEnd = last?.doc.contents?.range?.[1];
  const range = trimEnd(text, start, lastEnd === undefined ? start : lastEnd + (last?.offset ?? 0));
  const root: MapPlace = { range, path: '', depth: 0, inAlias: false };
  const read = mapRead();
  for (const block of blocks) {
    walk.offset = block.offset;
    for (const pair of (block.doc.contents as YAMLMap).items) pairEntry(walk, pair, root, read);
  }
  source.set('', { value: range });
  return { kind: 'map', range, flow: false, entries: read.entries };
}

function startWalk(text: string, source: SourceMapBuilder, diagnostics: Diagnostic[]): Walk {
  return {
    text,
    source,
    diagnostics,
    anchors: new Map(),
    aliasNodes: 0,
    aliasLimitReported: false,
    deepReported: false,
    offset: 0,
  };
}

/** The node's range in the file, without the trailing line breaks that block collections include. */
function rangeOf(walk: Walk, n: YamlNode | null | undefined, fallback: Range): Range {
  const r = n?.range;
  if (!r) return fallback;
  return trimEnd(walk.text, r[0] + walk.offset, r[1] + walk.offset);
}

function trimEnd(text: string, start: number, end: number): Range {
  let at = end;
  while (at > start && /\s/.test(text[at - 1] as string)) at--;
  return { start, end: at };
}

function nullAt(range: Range): RawScalar {
  return { kind: 'scalar', range, value: null, quoted: false };
}

function node(walk: Walk, n: YamlNode, path: string, depth: number, inAlias: boolean): RawNode {
  const range = rangeOf(walk, n, { start: 0, end: 0 });
  if (n.anchor) walk.anchors.set(n.anchor, n);
  if (inAlias && ++walk.aliasNodes > limits.maxAliasNodes) return aliasLimit(walk, range);
  if (isAlias(n)) {
    const target = walk.anchors.get(n.source);
    // An alias inside its own anchor would expand forever; the depth bound stops it.
    if (target === undefined) return nullAt(range);
    const expanded = node(walk, target, path, depth + 1, true);
    return { ...expanded, range };
  }
  if (isScalar(n)) return scalar(n.value, range, n.type);
  if (depth >= limits.maxDepth) return tooDeep(walk, range);
  if (isSeq(n)) {
    const items = n.items.map((item, i) => {
      const child = childPath(path, i);
      const raw = item == null ? nullAt(range) : node(walk, item as YamlNode, child, depth + 1, inAlias);
      walk.source.set(child, { value: raw.range });
      return raw;
    });
    return { kind: 'seq', range, flow: n.flow === true, items };
  }
  if (isMap(n)) return map(walk, n.items, range, n.flow === true, path, depth, inAlias);
  return nullAt(range);
}

function scalar(value: unknown, range: Range, type: string | undefined): RawScalar {
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
    return { kind: 'scalar', range, value, quoted };
  }
  if (typeof value === 'number') return { kind: 'scalar', range, value, quoted };
  if (typeof value === 'bigint') return { kind: 'scalar', range, value: Number(value), quoted };
  return { kind: 'scalar', range, value: value === undefined ? null : String(value), quoted };
}

function map(
  walk: Walk,
  pairs: readonly unknown[],
  range: Range,
  flow: boolean,
  path: string,
  depth: number,
  inAlias: boolean,
) {
  const at: MapPlace = { range, path, depth, inAlias };
  const read = mapRead();
  for (const pair of pairs) pairEntry(walk, pair, at, read);
  return { kind: 'map' as const, range, flow, entries: read.entries };
}

/** Where a mapping stands: its range, its path, how deep, and whether it is read through an alias. */
interface MapPlace {
  readonly range: Range;
  readonly path: string;
  readonly depth: number;
  readonly inAlias: boolean;
}

/** A mapping as its pairs are read: the entries so far, and where each key was first seen. */
interface MapRead {
  readonly entries: RawEntry[];
  readonly seen: Map<string, Range>;
}

const mapRead = (): MapRead => ({ entries: [], seen: new Map() });

/** Reads one pair of a mapping into `read`; a key it has already seen is reported as a duplicate and skipped. */
function pairEntry(walk: Walk, pair: unknown, at: MapPlace, read: MapRead): void {
  const { range, path, depth, inAlias } = at;
  const { seen, entries } = read;
  if (!isPair(pair)) return;
  const keyNode = pair.key as YamlNode | null;
  const keyRange = rangeOf(walk, keyNode, range);
  const key = keyName(walk, keyNode, keyRange);
  if (key === undefined) return;
  const valueNode = pair.value as YamlNode | null;
  const child = childPath(path, key);
  const fallback = { start: keyRange.end, end: keyRange.end };
  const raw = valueNode == null ? nullAt(fallback) : node(walk, valueNode, child, depth + 1, inAlias);
  const first = seen.get(key);
  if (first !== undefined) {
    duplicate(walk, key, keyRange, first);
    return;
  }
  seen.set(key, keyRange);
  walk.source.set(child, { key: keyRange, value: raw.range });
  entries.push({ key, keyRange, node: raw });
}

/** A key as a string; keys that are mappings or lists are reported and skipped. */
function keyName(walk: Walk, keyNode: YamlNode | null, keyRange: Range): string | undefined {
  if (keyNode === null) return '';
  let n: YamlNode | undefined = keyNode;
  if (isAlias(n)) n = walk.anchors.get(n.source);
  if (n !== undefined && isScalar(n)) return n.value === null ? '' : String(n.value);
  walk.diagnostics.push(
    report('wrong-type', "a key must be a plain name such as 'strategy', not a mapping or a list", keyRange),
  );
  return undefined;
}

function duplicate(walk: Walk, key: string, at: Range, first: Range) {
  walk.lines ??= lineIndex(walk.text);
  const line = walk.lines.positionAt(first.start).line + 1;
  walk.diagnostics.push(
    report(
      'duplicate-key',
      `duplicate key '${key}': it is already set on line ${line}; keep one (the first one is used)`,
      at,
    ),
  );
}

function aliasLimit(walk: Walk, range: Range): RawScalar {
  if (!walk.aliasLimitReported) {
    walk.aliasLimitReported = true;
    walk.diagnostics.push(
      report(
        'alias-limit',
        `aliases here expand to more than ${limits.maxAliasNodes} nodes; write the values out instead of nesting aliases`,
        range,
      ),
    );
  }
  return nullAt(range);
}

function tooDeep(walk: Walk, range: Range): RawScalar {
  if (!walk.deepReported) {
    walk.deepReported = true;
    walk.diagnostics.push(
      report(
        'too-deep',
        `collections nest more than ${limits.maxDepth} levels deep here; a rollout file needs three`,
        range,
      ),
    );
  }
  return nullAt(range);
}
