import { ruleInfo } from '../diagnostics/catalog.js';
import type { Fix } from '../diagnostics/diagnostic.js';
import { lineIndex } from '../source/range.js';
import { type FileResult, totals, type Unreadable } from './types.js';

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
  readonly files: readonly {
    readonly file: string;
    /** Present when the file could not be read: why. Its `diagnostics` are then empty. */
    readonly unreadable?: string;
    readonly diagnostics: readonly JsonDiagnostic[];
  }[];
  /** `totals`: `files` counts every file given; `unreadable`, present when some could not be read, those. */
  readonly summary: {
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
    readonly unreadable?: number;
  };
}

/**
 * The JSON report of `shiftwise validate --format json`: the files read with their findings, then the files that
 * could not be read (`unreadable`, default none), so that no file given is left out of the report.
 */
export function diagnosticsToJson(
  results: readonly FileResult[],
  { unreadable = [] }: { readonly unreadable?: readonly Unreadable[] } = {},
): JsonReport {
  const { unreadable: notRead, ...counts } = totals(results, { unreadable: unreadable.length });
  return {
    files: [
      ...results.map((r) => {
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
      ...unreadable.map((u) => ({ file: u.file, unreadable: u.reason, diagnostics: [] })),
    ],
    summary: { ...counts, ...(notRead > 0 && { unreadable: notRead }) },
  };
}
