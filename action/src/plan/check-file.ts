import {
  type Diagnostic,
  diffPlans,
  type LineIndex,
  lineIndex,
  type Plan,
  type PlanDiff,
  plan,
  validateRollout,
} from '@shiftwise/core';

/** One changed rollout file, checked and planned: what the comment, the summary and the annotations show. */
export interface FileReport {
  /** Repository-relative path. */
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Line/column for the diagnostics' offsets. */
  readonly lines: LineIndex;
  /** Present when the file has no errors. */
  readonly plan?: Plan;
  /** Base branch vs this one; present with `plan`. */
  readonly diff?: PlanDiff;
}

/**
 * Validates the pull request's version of a file and plans it; plans the base branch's version too (when it
 * exists and parses) for the diff. Pure: the texts come from the caller.
 *
 *   checkFile('r/a.rollout.yaml', headText, undefined) → diff.isNew === true
 */
export function checkFile(path: string, headText: string, baseText: string | undefined): FileReport {
  const validation = validateRollout(headText, { fileName: path });
  const lines = lineIndex(headText);
  const failed = validation.diagnostics.some((d) => d.severity === 'error');
  if (validation.value === undefined || failed) return { path, diagnostics: validation.diagnostics, lines };
  const head = plan(validation.value);
  const base = baseText === undefined ? undefined : validateRollout(baseText, { fileName: path }).value;
  return {
    path,
    diagnostics: validation.diagnostics,
    lines,
    plan: head,
    diff: diffPlans(base === undefined ? undefined : plan(base), head),
  };
}

/** Counts by severity: `{ errors: 1, warnings: 2 }`. */
export function countFindings(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}
