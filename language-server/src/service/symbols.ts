import { type RawScalar, type SourceMap, scalarsByPath, visibleControls } from '@shiftwise/core';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toRange } from './convert.js';

/**
 * The outline: every key of the file as a symbol, nested as in the file (`strategy` holds `type`, `size`, `bake`;
 * `rollback.alarms` holds one symbol per alarm), from core's SourceMap. Linear in the number of paths, since
 * editors ask for it after every change (breadcrumbs, outline).
 */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const source = analysis.validation.source;
  const children = new Map<string, string[]>();
  for (const path of source.paths()) {
    if (path === '') continue;
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const list = children.get(parent);
    if (list) list.push(path);
    else children.set(parent, [path]);
  }
  const scalars = scalarsByPath(analysis.validation.tree);
  return symbolsUnder('', children, { source, analysis, scalars });
}

/** What naming a symbol reads: where each path stands, the text, and each scalar's value as read. */
interface Reading {
  readonly source: SourceMap;
  readonly analysis: Analysis;
  readonly scalars: ReadonlyMap<string, RawScalar>;
}

function symbolsUnder(
  parent: string,
  children: ReadonlyMap<string, readonly string[]>,
  reading: Reading,
): DocumentSymbol[] {
  const { source, analysis } = reading;
  return (children.get(parent) ?? []).flatMap((path) => {
    const span = source.get(path);
    if (span === undefined) return [];
    const nested = symbolsUnder(path, children, reading);
    // Names and details are the file's values, a scalar as YAML and JSON read it (`"fraud-5xx"` → `fraud-5xx`), else
    // its text; shown with control characters visible (as diagnostics are): a NUL in a key made Neovim's symbol list
    // fail.
    const written = analysis.text.slice(span.value.start, span.value.end);
    const value = visibleControls(readValue(path, written, reading));
    const name = visibleControls(parent === '' ? path : path.slice(parent.length + 1));
    // A list item of mappings (a step, a check) is named for what it is, not by its whole text.
    const item = span.key ? undefined : itemName(path, reading);
    const full = span.key
      ? { start: span.key.start, end: Math.max(span.key.end, span.value.end) }
      : span.value;
    const symbol: DocumentSymbol = {
      // LSP clients reject empty names (a JSON key "" or an empty list item).
      // An empty item (`- ""`) is shown as written.
      name:
        (span.key
          ? name
          : shortened(item ?? firstLine(value)) || shortened(visibleControls(written)) || name) || '""',
      kind: nested.length > 0 ? SymbolKind.Object : span.key ? SymbolKind.Property : SymbolKind.String,
      range: toRange(analysis, full),
      selectionRange: toRange(analysis, span.key ?? span.value),
      ...(nested.length === 0 && span.key && { detail: shortened(value) }),
      ...(nested.length > 0 && { children: nested }),
    };
    return [symbol];
  });
}

/**
 * The outline name of an item of `strategy.steps` or `analysis`, from its keys' text: `step 1 · 5%`,
 * `pause (manual)`, a check's `name`. Undefined for other lists (an alarm is named by its text).
 */
function itemName(path: string, reading: Reading): string | undefined {
  const scalar = (key: string) => {
    const span = reading.source.get(`${path}.${key}`);
    const written = span && reading.analysis.text.slice(span.value.start, span.value.end);
    return written === undefined
      ? undefined
      : visibleControls(readValue(`${path}.${key}`, written, reading).trim());
  };
  const step = /^strategy\.steps\.(\d+)$/.exec(path);
  if (step !== null) {
    const n = Number(step[1]) + 1;
    const traffic = scalar('traffic');
    const pause = scalar('pause');
    return traffic !== undefined
      ? `step ${n} · ${traffic}`
      : pause !== undefined
        ? `pause (${pause})`
        : `step ${n}`;
  }
  const check = /^analysis\.(\d+)$/.exec(path);
  if (check !== null) return scalar('name') ?? `check ${Number(check[1]) + 1}`;
  return undefined;
}

/**
 * A string scalar's value as YAML and JSON read it (`"5%"` → `5%`, `'it''s'` → `it's`, `"caf\u00e9"` → `café`);
 * anything else as written (`[a, b]`, `600`, `true`, `~`).
 */
function readValue(path: string, written: string, reading: Reading): string {
  const scalar = reading.scalars.get(path);
  return typeof scalar?.value === 'string' ? scalar.value : written;
}

/** The text before its first line break (shown as `\u{a}` by `visibleControls`). */
function firstLine(text: string): string {
  const end = text.search(/\\u\{[ad]\}/);
  return end < 0 ? text : `${text.slice(0, end).trimEnd()} …`;
}

/** At most 60 UTF-16 units: a longer text is cut to 57 and ends with `…`. */
function shortened(text: string): string {
  return text.length > 60 ? `${cut(text, 57)}…` : text;
}

/** The first `length` UTF-16 units of `text`, one fewer when that would split a surrogate pair (an emoji). */
function cut(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
