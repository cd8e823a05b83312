import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The diagnostics of one file, with its text (line and column are computed from it at the edges). */
export interface FileResult {
  /** The path as the user gave it (SARIF writes it as a URI reference: `artifactUri`). */
  readonly file: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** A file given that could not be read (a pipe, a device, no permission): no findings, and the run failed. */
export interface Unreadable {
  readonly file: string;
  /** Why, in words: `not a regular file`, `permission denied`. */
  readonly reason: string;
}

/** Counts for the summary line. */
export interface Totals {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

export function totals(results: readonly FileResult[]): Totals {
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { files: results.length, errors, warnings };
}

/** `3 files, 1 error, 2 warnings`. */
export function summaryLine(results: readonly FileResult[]): string {
  const t = totals(results);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(t.files, 'file')}, ${n(t.errors, 'error')}, ${n(t.warnings, 'warning')}`;
}
