import type { Range } from '../source/range.js';
import type { TextEdit } from './diagnostic.js';

/**
 * Text edits for fixes, for block YAML, flow YAML and JSON alike. Each returns undefined when it cannot
 * edit safely (an unusual layout), so a diagnostic then simply carries no fix.
 */

/** Whether the file is JSON-like (its root mapping is `{ ... }`): values and keys are then written as JSON. */
export function isFlowText(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** A value as text for this file: JSON files quote strings; YAML quotes only what would not read back. */
export function valueText(value: string | number, json: boolean): string {
  if (typeof value === 'number') return String(value);
  if (json) return JSON.stringify(value);
  return /^[A-Za-z0-9][\w./@%-]*$/.test(value) &&
    !/^\d+$/.test(value) &&
    !/^(true|false|null|~)$/i.test(value)
    ? value
    : `'${value.replaceAll("'", "''")}'`;
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Renames a key in place, keeping its quotes: `step` → `size`, `"step"` → `"size"`. */
export function renameKey(text: string, keyRange: Range, newKey: string): TextEdit {
  const first = text[keyRange.start];
  const quote = first === '"' || first === "'" ? first : '';
  return { range: keyRange, newText: `${quote}${newKey}${quote}` };
}

// A line ends at LF, CRLF or a lone CR, as the parser reads it (`parseYaml`).
function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

function lineEnd(text: string, offset: number): number {
  const found = /[\r\n]/.exec(text.slice(offset));
  return found === null ? text.length : offset + found.index;
}

/**
 * The line break to write at `at`: the one ending that line, else the file's first, else LF. An inserted line
 * ends as the lines around it do; not every editor converts a `\n` of an edit to CRLF.
 */
function lineBreakAt(text: string, at: number): string {
  const end = lineEnd(text, at);
  if (end < text.length) return text.startsWith('\r\n', end) ? '\r\n' : (text[end] as string);
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}

/** Past the line break at `at` (`lineEnd`'s answer): one character, or two for CRLF. */
function pastBreak(text: string, at: number): number {
  return Math.min(text.length, at + (text.startsWith('\r\n', at) ? 2 : 1));
}

/**
 * Removes a `key: value` pair, with its line(s) in block style or its comma in flow style. The last member of a
 * mapping written one member a line (pretty-printed JSON) goes with the comma before it, so no trailing comma is
 * left before `}`:
 *
 *   `{\n  "a": 1,\n  "b": 2\n}` without "b" → `{\n  "a": 1\n}`
 */
export function removePair(text: string, keyRange: Range, valueRange: Range): TextEdit | undefined {
  const start = lineStart(text, keyRange.start);
  const end = Math.max(keyRange.end, valueRange.end);
  const before = text.slice(start, keyRange.start);
  const afterEnd = lineEnd(text, end);
  const after = text.slice(end, afterEnd);
  const back = commaBefore(text, keyRange.start);
  if (/^\s*$/.test(before) && /^\s*(#.*)?$/.test(after)) {
    const closes = /^\s*\}/.test(text.slice(afterEnd));
    if (closes && back !== null)
      return { range: { start: keyRange.start - back[0].length, end }, newText: '' };
    return { range: { start, end: pastBreak(text, afterEnd) }, newText: '' };
  }
  const comma = /^\s*,\s*/.exec(text.slice(end, end + 200));
  if (comma !== null) return { range: { start: keyRange.start, end: end + comma[0].length }, newText: '' };
  if (back !== null) return { range: { start: keyRange.start - back[0].length, end }, newText: '' };
  if (/[{]\s*$/.test(text.slice(0, keyRange.start)) && /^\s*[}]/.test(text.slice(end))) {
    return { range: { start: keyRange.start, end }, newText: '' };
  }
  return undefined;
}

/**
 * The comma before the key at `at` and the whitespace between them, when nothing else lies between: a comma that
 * ends a comment (`type: canary, # one, two,` above the key) is the comment's, not a separator.
 */
function commaBefore(text: string, at: number): RegExpExecArray | null {
  const back = /,\s*$/.exec(text.slice(Math.max(0, at - 200), at));
  if (back === null) return null;
  const comma = at - back[0].length;
  return inComment(text.slice(lineStart(text, comma), comma)) ? null : back;
}

/**
 * Whether a YAML comment has begun by the end of `line`: a `#` at its start or after a space, outside a quoted
 * scalar (one that opens at a scalar's start: the apostrophe of `it's` opens none).
 */
function inComment(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s{[,:]/.test(line[i - 1] ?? ''))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return true;
  }
  return false;
}

/** A value to insert: scalar text already written for the file, or a mapping of such texts. */
export type InsertValue = string | readonly (readonly [key: string, text: string])[];

/** Where `insertPair` writes into a mapping. */
export interface InsertTarget {
  /** The mapping's value range. */
  readonly mapRange: Range;
  /** Its first key; needed in block style. */
  readonly firstKey?: Range;
  /**
   * The value of the key the new one follows in the documented order: in a JSON file the new pair goes right after
   * it (`"endpoint": "e",` then the new `"endpointConfig"`). Without it, or in YAML, the pair goes where the layout
   * says below.
   */
  readonly after?: Range;
}

/**
 * Inserts `key: value` into the mapping whose value range is `mapRange` and whose first key is at
 * `firstKey`, in the mapping's own layout:
 *
 * - block style: a new last line at the first key's indentation (a mapping value goes on the lines below, two
 *   spaces deeper), its line break the file's own (LF, CRLF or a lone CR);
 * - JSON with `after`: right after that key's value, on a line of its own at the keys' indentation when they have
 *   theirs (`"endpoint": "e",\n  "endpointConfig": "c",\n  "strategy"…`), else with the mapping's own spacing;
 * - flow style or JSON written one key a line: a line of its own before the first key, at its indentation
 *   (`{\n  "version": 1` → `{\n  "model": "m",\n  "version": 1`);
 * - flow style or JSON on one line: before the first key, with the mapping's own spacing
 *   (`{type: linear, bake: 5m}` → `{step: 20%, type: linear, bake: 5m}`).
 *
 * In JSON a mapping or list value is written as the file writes its own: over lines at the file's indentation
 * when the file opens its nested mappings or lists at the end of a line (as `JSON.stringify(value, null, 2)`
 * does), else on one line with the file's spacing after `:` and `,`.
 *
 * `comment` (a YAML comment with the spaces before it, `   # keep me`) ends the new line; a mapping written on one
 * line has no room for one, so it is dropped there.
 */
export function insertPair(
  text: string,
  target: InsertTarget,
  key: string,
  value: InsertValue,
  options: { readonly comment?: string } = {},
): TextEdit | undefined {
  const { mapRange, firstKey } = target;
  if (text[mapRange.start] === '{') return insertFlowPair(text, target, key, value, options.comment);
  if (firstKey === undefined) return undefined;
  const indent = text.slice(lineStart(text, firstKey.start), firstKey.start);
  if (!/^ *$/.test(indent)) return undefined;
  const at = mapRange.end;
  const br = lineBreakAt(text, at);
  const body =
    typeof value === 'string'
      ? ` ${value}${options.comment ?? ''}`
      : `${options.comment ?? ''}${value.map(([k, v]) => `${br}${indent}  ${k}: ${v}`).join('')}`;
  return { range: { start: at, end: at }, newText: `${br}${indent}${key}:${body}` };
}

/** `insertPair` into a `{ ... }` mapping: before its first key, on a line of its own when the keys have theirs. */
function insertFlowPair(
  text: string,
  { mapRange, firstKey, after }: InsertTarget,
  key: string,
  value: InsertValue,
  comment: string | undefined,
): TextEdit {
  const json = isFlowText(text);
  const mapText = text.slice(mapRange.start, mapRange.end);
  // JSON keeps the file's own `:` spacing (`"a":1` in compact JSON); a plain YAML key needs the space.
  const colon = json ? `:${/"\s*:([ \t]*)/.exec(mapText)?.[1] ?? ' '}` : ': ';
  const comma = /,(?=\S)/.test(mapText) && !/, /.test(mapText) ? ',' : ', ';
  const name = (k: string) => (json ? JSON.stringify(k) : k);
  const keyIndent = firstKey && text.slice(lineStart(text, firstKey.start), firstKey.start);
  const onLines =
    firstKey !== undefined &&
    /[\r\n]/.test(text.slice(mapRange.start, firstKey.start)) &&
    /^[ \t]*$/.test(keyIndent ?? '');
  const indent = onLines ? (keyIndent ?? '') : '';
  const br = lineBreakAt(text, firstKey?.start ?? mapRange.start);
  const layout = json ? jsonLayout(text, mapRange, indent, { colon, comma, br }) : undefined;
  const inline =
    layout !== undefined
      ? jsonText(value, layout)
      : typeof value === 'string'
        ? value
        : `{ ${value.map(([k, v]) => `${name(k)}${colon}${v}`).join(comma)} }`;
  const pair = `${name(key)}${colon}${inline}`;
  if (firstKey === undefined || /^\{\s*\}$/.test(mapText)) {
    const at = mapRange.start + 1;
    const empty = /^\{\s*\}$/.test(mapText);
    return { range: { start: at, end: at }, newText: ` ${pair}${empty ? ' ' : ','}` };
  }
  // After the key it follows, when nothing but the separator comes next (no comment to step over).
  if (json && after !== undefined && /^\s*[,}]/.test(text.slice(after.end, mapRange.end + 1))) {
    const newText = onLines ? `,${br}${indent}${pair}` : `${comma}${pair}`;
    return { range: { start: after.end, end: after.end }, newText };
  }
  const at = firstKey.start;
  if (onLines) return { range: { start: at, end: at }, newText: `${pair},${comment ?? ''}${br}${indent}` };
  return { range: { start: at, end: at }, newText: `${pair}${comma}` };
}

/** How a JSON file writes values: its spacing, and its indentation when it writes nested values over lines. */
interface JsonLayout {
  readonly colon: string;
  readonly comma: string;
  readonly br: string;
  /** What a mapping on one line has inside its braces: `{ "a": 1 }` or `{"a": 1}`. */
  readonly padding: string;
  /** The indentation of the new key's line. */
  readonly indent: string;
  /** One level of indentation, when the file opens nested mappings and lists at the end of a line. */
  readonly unit?: string;
}

function jsonLayout(
  text: string,
  mapRange: Range,
  indent: string,
  written: { colon: string; comma: string; br: string },
): JsonLayout {
  const spacing = { ...written, padding: /\{[ \t]+"/.test(text) ? ' ' : '' };
  const nestedOnLines = /[{[][ \t]*[\r\n]/.test(text.slice(text.indexOf('{') + 1));
  if (indent === '' || !nestedOnLines) return { ...spacing, indent };
  const opening = text.slice(lineStart(text, mapRange.start), mapRange.start).match(/^[ \t]*/)?.[0] ?? '';
  const unit =
    indent.startsWith(opening) && indent.length > opening.length ? indent.slice(opening.length) : '  ';
  return { ...spacing, indent, unit };
}

/** A JSON value (text, or a mapping of texts) written in the file's layout; text that is no JSON stays as it is. */
function jsonText(value: InsertValue, layout: JsonLayout): string {
  let parsed: unknown;
  try {
    parsed =
      typeof value === 'string'
        ? JSON.parse(value)
        : Object.fromEntries(value.map(([k, v]) => [k, JSON.parse(v)]));
  } catch {
    return typeof value === 'string'
      ? value
      : `{ ${value.map(([k, v]) => `${JSON.stringify(k)}${layout.colon}${v}`).join(layout.comma)} }`;
  }
  if (typeof parsed !== 'object' || parsed === null) return value as string;
  if (layout.unit === undefined) return inlineJson(parsed, layout);
  return JSON.stringify(parsed, null, layout.unit).split('\n').join(`${layout.br}${layout.indent}`);
}

/** A JSON value on one line, with the file's spacing after `:` and `,`. */
function inlineJson(value: unknown, layout: JsonLayout): string {
  if (Array.isArray(value)) return `[${value.map((v) => inlineJson(v, layout)).join(layout.comma)}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const pairs = Object.entries(value).map(
    ([k, v]) => `${JSON.stringify(k)}${layout.colon}${inlineJson(v, layout)}`,
  );
  return `{${layout.padding}${pairs.join(layout.comma)}${layout.padding}}`;
}

/**
 * The comment ending the line of a `key: value` pair that stands alone on its line(s), with the spaces before it
 * (`  bake: 10m   # keep me` → `   # keep me`), and where it ends: what a fix that moves the pair carries with it.
 */
export function trailingComment(
  text: string,
  keyRange: Range,
  valueRange: Range,
): { readonly text: string; readonly end: number } | undefined {
  const end = Math.max(keyRange.end, valueRange.end);
  const lineEndAt = lineEnd(text, end);
  const after = /^([ \t]+#.*?)\s*$/.exec(text.slice(end, lineEndAt));
  if (after === null || !/^\s*$/.test(text.slice(lineStart(text, keyRange.start), keyRange.start)))
    return undefined;
  return { text: after[1] as string, end: lineEndAt };
}

/**
 * The edits of a move: `insert` (the pair where it belongs) and `remove` (the pair where it was). When the insert
 * lands inside the lines the removal takes (the pair is the last of the file, written inside the mapping before
 * it), one edit writes the pair in place of its lines instead: two edits there would overlap, and would leave a
 * blank line before the pair at the end of a file without a final line break.
 *
 *   'strategy:\n  bake: 5m\n  timeout: 1h' → 'strategy:\n  bake: 5m\ntimeout: 1h'
 */
export function moveEdits(text: string, insert: TextEdit, remove: TextEdit): TextEdit[] {
  const at = insert.range.start;
  const { start, end } = remove.range;
  if (start !== lineStart(text, start) || at < start || at > end || insert.range.end !== at)
    return [insert, remove];
  const ending = /(\r\n|\r|\n)$/.exec(text.slice(start, end))?.[0] ?? '';
  return [{ range: remove.range, newText: `${insert.newText.replace(/^(\r\n|\r|\n)/, '')}${ending}` }];
}

/** Removes a list item: its whole `- item` line in block style, or the item and one comma in flow style. */
export function removeItem(text: string, itemRange: Range): TextEdit | undefined {
  const start = lineStart(text, itemRange.start);
  const end = lineEnd(text, itemRange.end);
  if (
    /^\s*-\s*$/.test(text.slice(start, itemRange.start)) &&
    /^\s*(#.*)?$/.test(text.slice(itemRange.end, end))
  ) {
    return { range: { start, end: pastBreak(text, end) }, newText: '' };
  }
  const back = /,\s*$/.exec(text.slice(Math.max(0, itemRange.start - 200), itemRange.start));
  if (back !== null)
    return { range: { start: itemRange.start - back[0].length, end: itemRange.end }, newText: '' };
  const comma = /^\s*,\s*/.exec(text.slice(itemRange.end, itemRange.end + 200));
  if (comma !== null)
    return { range: { start: itemRange.start, end: itemRange.end + comma[0].length }, newText: '' };
  return undefined;
}
