import {
  type LineIndex,
  lineIndex,
  type NotUtf8,
  type Plan,
  plan,
  statesCapacity,
  usableCapacity,
  type ValidateOptions,
  type Validation,
  validateRollout,
} from '@shiftwise/core';

/** The parses of a document's top-level blocks, kept from one version of it to the next (see `AnalyzeOptions.previous`). */
export type ParseCache = NonNullable<ValidateOptions['cache']>;

/** What every feature of the language service reads about one version of a document. */
export interface Analysis {
  readonly uri: string;
  readonly text: string;
  readonly index: LineIndex;
  readonly validation: Validation;
  /** The capacity the file was validated and planned with (the setting, else the file's own `capacity` or `copies`). */
  readonly capacity: number | undefined;
  /** The parses of the document's top-level blocks, which the analysis of its next version reuses. */
  readonly parseCache: ParseCache;
  /** The schedule, computed on first use; undefined when the file has no rollout to plan. */
  plan(): Plan | undefined;
  /**
   * The plan the views show (code lens, status bar, preview, `shiftwise.showPlan`): none while the file has errors,
   * as `shiftwise plan` refuses such a file, so no face draws a schedule the file does not describe (a canary at 60%
   * would be drawn at 50%).
   */
  shownPlan(): Plan | undefined;
}

export interface AnalyzeOptions {
  /**
   * A default capacity for checking and planning (the `shiftwise.capacity` setting); the file's own `capacity`
   * (an inference component's `copies`) wins. Ignored unless a whole number 1–10000, as core ignores it.
   */
  readonly capacity?: number;
  /**
   * The analysis of the document's previous version: the blocks of the text that did not change are not parsed
   * again (the result is the same without it). Default: none.
   */
  readonly previous?: Analysis;
  /**
   * Where the bytes of a file the server read from disk stop being UTF-8 (`decodeUtf8`): one finding there. An
   * editor's documents come as text, decoded by the editor. Default: none.
   */
  readonly notUtf8?: NotUtf8;
}

/**
 * Validates one document and indexes its lines: pure, total, never throws (core turns its own failures into an
 * `internal` diagnostic). The file name given to core is the URI's last segment, so `name` defaults as in the CLI.
 *
 *   analyze('file:///w/fraud.rollout.yaml', 'version: 1\n…', { capacity: 4 }).validation.diagnostics
 */
export function analyze(uri: string, text: string, options: AnalyzeOptions = {}): Analysis {
  const fileName = fileNameOf(uri);
  const parseCache: ParseCache = options.previous?.parseCache ?? new Map();
  // The setting is a default: a capacity stated in the file is what the user means for this file. Core uses it only
  // for a file that states none (no `capacity`, no `copies`), in one validation.
  const setting = usableCapacity(options.capacity);
  const validation = validateRollout(text, {
    fileName,
    cache: parseCache,
    ...(setting !== undefined && { fallbackCapacity: setting }),
    ...(options.notUtf8 !== undefined && { notUtf8: options.notUtf8 }),
  });
  const fallback = setting === undefined || statesCapacity(validation.source) ? undefined : setting;
  const capacity = fallback ?? validation.value?.capacity;
  let planned: { value: Plan | undefined } | undefined;
  const planOnce = () => {
    // Only the setting is the planner's explicit capacity: the file's own is the planner's to read, so the plan
    // says "from the file's `capacity`" as `shiftwise plan` does, not "as given".
    planned ??= { value: planOf(validation, fallback) };
    return planned.value;
  };
  const hasErrors = validation.diagnostics.some((d) => d.severity === 'error');
  return {
    uri,
    text,
    index: lineIndex(text),
    validation,
    capacity,
    parseCache,
    plan: planOnce,
    shownPlan: () => (hasErrors ? undefined : planOnce()),
  };
}

function planOf(validation: Validation, capacity: number | undefined): Plan | undefined {
  if (validation.value === undefined) return undefined;
  try {
    return plan(validation.value, capacity === undefined ? {} : { capacity });
  } catch {
    // The planner is total by contract; a bug there must not take the editor's features down with it.
    return undefined;
  }
}

/** `file:///w/a%20b.rollout.yaml` → `a b.rollout.yaml`. */
export function fileNameOf(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
