import type { SourceMap } from '@shiftwise/core';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toRange } from './convert.js';

/**
 * The outline: every key of the file as a symbol, nested as in the file (`strategy` holds `type`, `size`, `bake`;
 * `rollback.alarms` holds one symbol per alarm), from core's SourceMap.
 */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const source = analysis.validation.source;
  return childrenOf('', source.paths(), source, analysis);
}

function childrenOf(
  parent: string,
  paths: readonly string[],
  source: SourceMap,
  analysis: Analysis,
): DocumentSymbol[] {
  const prefix = parent === '' ? '' : `${parent}.`;
  const direct = paths.filter(
    (p) => p !== '' && p.startsWith(prefix) && !p.slice(prefix.length).includes('.'),
  );
  return direct.flatMap((path) => {
    const span = source.get(path);
    if (span === undefined) return [];
    const name = path.slice(prefix.length);
    const full = span.key
      ? { start: span.key.start, end: Math.max(span.key.end, span.value.end) }
      : span.value;
    const children = childrenOf(path, paths, source, analysis);
    const value = analysis.text.slice(span.value.start, span.value.end);
    const symbol: DocumentSymbol = {
      name: span.key ? name : value || name,
      kind: children.length > 0 ? SymbolKind.Object : span.key ? SymbolKind.Property : SymbolKind.String,
      range: toRange(analysis, full),
      selectionRange: toRange(analysis, span.key ?? span.value),
      ...(children.length === 0 &&
        span.key && { detail: value.length > 60 ? `${value.slice(0, 57)}…` : value }),
      ...(children.length > 0 && { children }),
    };
    return [symbol];
  });
}
