import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The diagnostics of one file, with its text (line and column are computed from it at the edges). */
export interface FileResult {
  /** The path as the user gave it (SARIF writes it as a URI reference: `artifactUri`). */
  readonly file: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The text came on standard input with no name (`file` is what to show, `<stdin>`): SARIF locates it by no URI,
   * as an artifact of its own (./sarif.ts).
   */
  readonly standardInput?: true;
}

/** A file given that could not be read (a pipe, a device, no permission): no findings, and the run failed. */
export interface Unreadable {
  readonly file: string;
  /** Why, in words: `not a regular file`, `permission denied`. */
  readonly reason: string;
  /** Standard input with no name, as in FileResult. */
  readonly standardInput?: true;
}

/** Counts for the summary line and the JSON summary. */
export interface Totals {
  /** Every file given: those read and those that could not be read. */
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  /** Files given that could not be read. */
  readonly unreadable: number;
}

/** What a count covers beyond the files read. */
export interface CountOptions {
  /** How many files given could not be read (default 0): they count as files, with no findings. */
  readonly unreadable?: number;
}

/** The counts of a run: files given (read or not), errors and warnings found, files that could not be read. */
export function totals(results: readonly FileResult[], { unreadable = 0 }: CountOptions = {}): Totals {
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { files: results.length + unreadable, errors, warnings, unreadable };
}

/**
 * `3 files, 1 error, 2 warnings`, and `, 1 unreadable` when some could not be read: the same counts as the JSON
 * summary (`2 files, 0 errors, 0 warnings, 1 unreadable` for one file read and one not).
 */
export function summaryLine(results: readonly FileResult[], options: CountOptions = {}): string {
  const t = totals(results, options);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const notRead = t.unreadable > 0 ? `, ${t.unreadable} unreadable` : '';
  return `${n(t.files, 'file')}, ${n(t.errors, 'error')}, ${n(t.warnings, 'warning')}${notRead}`;
}
