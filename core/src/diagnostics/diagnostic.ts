import type { Range } from '../source/range.js';

export type Severity = 'error' | 'warning' | 'information';

/** One text replacement; an insertion has `range.start === range.end`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A fix the user can apply as one step (the language server offers it as a quick fix). */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * The fix writes an example the user must make real (an alarm name Shiftwise cannot know): offered, never
   * applied on its own (an editor's "auto fix" would silence the finding with a name that may not exist).
   */
  readonly placeholder?: true;
}

/**
 * A finding about a rollout file. Never thrown: parsing and validation collect these.
 * `code` is a stable rule code from `rules/catalog.ts` (documented in docs/rules.md).
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** Says what is wrong, the bound or the valid choices, and what to do. */
  readonly message: string;
  /** The offending value (or key), never the whole file unless the file itself is the problem. */
  readonly range: Range;
  readonly fixes?: readonly Fix[];
}

/** The result of every parse and validation: a value when one could be built, and all findings. */
export interface Result<T> {
  readonly value: T | undefined;
  readonly diagnostics: readonly Diagnostic[];
}
