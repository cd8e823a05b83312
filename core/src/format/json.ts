import { ruleInfo } from '../diagnostics/catalog.js';
import type { Fix } from '../diagnostics/diagnostic.js';
import { lineIndex } from '../source/range.js';
import { type FileResult, totals } from './types.js';

/** One finding in the CLI's JSON output: offsets plus 1-based line and column, and the rule's docs. */
export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly start: number;
  readonly end: number;
  readonly docs?: string;
  readonly fixes?: readonly Fix[];
}

export interface JsonReport {
  readonly files: readonly { readonly file: string; readonly diagnostics: readonly JsonDiagnostic[] }[];
  readonly summary: { readonly files: number; readonly errors: number; readonly warnings: number };
}

/** The JSON report of `shiftwise validate --format json`. */
export function diagnosticsToJson(results: readonly FileResult[]): JsonReport {
  return {
    files: results.map((r) => {
      const index = lineIndex(r.text);
      return {
        file: r.file,
        diagnostics: r.diagnostics.map((d) => {
          const s = index.positionAt(d.range.start);
          const e = index.positionAt(d.range.end);
          const docs = ruleInfo(d.code)?.docs;
          return {
            code: d.code,
            severity: d.severity,
            message: d.message,
            line: s.line + 1,
            column: s.character + 1,
            endLine: e.line + 1,
            endColumn: e.character + 1,
            start: d.range.start,
            end: d.range.end,
            ...(docs !== undefined && { docs }),
            ...(d.fixes !== undefined && { fixes: d.fixes }),
          };
        }),
      };
    }),
    summary: totals(results),
  };
}
