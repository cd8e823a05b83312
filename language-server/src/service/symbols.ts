import { type SourceMap, visibleControls } from '@shiftwise/core';
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
  return symbolsUnder('', children, source, analysis);
}

function symbolsUnder(
  parent: string,
  children: ReadonlyMap<string, readonly string[]>,
  source: SourceMap,
  analysis: Analysis,
): DocumentSymbol[] {
  return (children.get(parent) ?? []).flatMap((path) => {
    const span = source.get(path);
    if (span === undefined) return [];
    const nested = symbolsUnder(path, children, source, analysis);
    // Names and details are the file's text, shown with its control characters visible (as diagnostics are): a
    // NUL in a key made Neovim's symbol list fail.
    const value = visibleControls(analysis.text.slice(span.value.start, span.value.end));
    const name = visibleControls(parent === '' ? path : path.slice(parent.length + 1));
    const full = span.key
      ? { start: span.key.start, end: Math.max(span.key.end, span.value.end) }
      : span.value;
    const symbol: DocumentSymbol = {
      // LSP clients reject empty names (a JSON key "" or an empty list item).
      name: (span.key ? name : value || name) || '""',
      kind: nested.length > 0 ? SymbolKind.Object : span.key ? SymbolKind.Property : SymbolKind.String,
      range: toRange(analysis, full),
      selectionRange: toRange(analysis, span.key ?? span.value),
      ...(nested.length === 0 && span.key && { detail: value.length > 60 ? `${cut(value, 57)}…` : value }),
      ...(nested.length > 0 && { children: nested }),
    };
    return [symbol];
  });
}

/** The first `length` UTF-16 units of `text`, one fewer when that would split a surrogate pair (an emoji). */
function cut(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
