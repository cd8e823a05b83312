import { type Document, isMap } from 'yaml';
import { limits } from './limits.js';
import { flowNestingBeyond, parseYaml } from './syntax.js';
import type { ParsedBlock } from './tree.js';

/**
 * The YAML parses of one document's top-level blocks, by the block's text: a value the caller keeps per document
 * (the language server, one per open file) and passes to every parse of that document, so that a keystroke
 * re-parses only the block it changed. Start with `new Map()`. After each block-wise parse it holds only the blocks
 * of the text just parsed (a whole parse leaves it as it was), so it stays the size of one document.
 */
export type ParseCache = Map<string, Document>;

/**
 * The file cut at its top-level keys, each block parsed on its own (or taken from `cache`), for
 * `readTreeOfBlocks`; undefined when the cut could change what the file means, and the whole file must be parsed
 * as one. A block starts at a line that begins, at column 0, with a plain key and a colon (`strategy:`); comments
 * and blank lines go with the block before them, leading ones with the first.
 *
 * Cut only a file that is one block mapping with nothing that reaches across blocks: no anchor or alias (`&`,
 * `*`), directive (`%`) or document marker (`---`, `...`) anywhere, no tab, lone carriage return or byte order mark,
 * brackets within `limits.maxDepth`; and every block must parse, with no error or warning, to a block mapping with
 * at least one pair. A multi-line scalar or collection crossing a cut leaves the block
 * before it unterminated (an error), so it too falls back to the whole parse.
 */
export function parseBlocks(text: string, cache: ParseCache): ParsedBlock[] | undefined {
  if (/[&*\t\uFEFF]|\r(?!\n)|^(?:%|---|\.\.\.)/m.test(text)) return undefined;
  if (flowNestingBeyond(text, limits.maxDepth) !== undefined) return undefined;
  const starts = blockStarts(text);
  if (starts.length < 2) return undefined;
  const used: ParseCache = new Map();
  const blocks: ParsedBlock[] = [];
  for (let i = 0; i < starts.length; i++) {
    const offset = i === 0 ? 0 : (starts[i] as number);
    const block = text.slice(offset, starts[i + 1] ?? text.length);
    const doc = used.get(block) ?? cache.get(block) ?? parseYaml(block);
    if (!standsAlone(doc)) return undefined;
    used.set(block, doc);
    blocks.push({ doc, offset });
  }
  cache.clear();
  for (const [block, doc] of used) cache.set(block, doc);
  return blocks;
}

/** Offsets of the lines that start a top-level block: a plain key at column 0 followed by `:` and a space or line end. */
function blockStarts(text: string): number[] {
  const starts: number[] = [];
  const keyLine = /[A-Za-z_][\w.-]*[ ]*:(?=[ \r\n]|$)/y;
  // Line by line, breaking at \n only (as YAML does; a pattern's `^` would also match after U+2028).
  let at = 0;
  while (at < text.length) {
    keyLine.lastIndex = at;
    if (keyLine.test(text)) starts.push(at);
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    at = end + 1;
  }
  return starts;
}

/**
 * Whether a block read alone says what it says in the whole file: a block mapping with pairs and no finding. Every
 * block but the first starts with its key at column 0, and the first runs to the second's key, so a root indented
 * otherwise makes the first block an error.
 */
function standsAlone(doc: Document): boolean {
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  const root = doc.contents;
  return isMap(root) && root.flow !== true && root.items.length > 0;
}
