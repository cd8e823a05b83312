import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Rollout } from '../model.js';
import { plan } from '../plan/plan.js';
import type { Plan, PlanOptions } from '../plan/types.js';
import { type LineIndex, lineIndex } from '../source/range.js';
import { diffPlans, type PlanDiff } from './diff.js';

/** One rollout file of a pull request, checked and planned: what its section of the body shows. */
export interface FileReport {
  /** Repository-relative path, as the pull request lists it. */
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Line and column of the diagnostics' offsets. */
  readonly lines: LineIndex;
  /** Present when the file has no errors. */
  readonly plan?: Plan;
  /** The base branch's plan against this one; present with `plan` when there was a base to compare with. */
  readonly diff?: PlanDiff;
}

/** A file's two versions as the caller validated them (`validateRollout`, which sits above the renderers). */
export interface FileVersions {
  readonly path: string;
  /** The pull request's text: its line index places the findings. */
  readonly text: string;
  /** `validateRollout(text, { fileName: path, capacity })`. */
  readonly head: { readonly value: Rollout | undefined; readonly diagnostics: readonly Diagnostic[] };
  /**
   * The base branch's rollout, validated with the same `fileName` as the head, so that a `name` defaulted from
   * the file name compares equal; undefined when the file is new or does not parse there.
   */
  readonly base: Rollout | undefined;
  /**
   * The base branch has the file, but its version does not parse into a rollout (a syntax error, a wrong type):
   * no plan to compare with, and the diff says so instead of calling the file new. Default false.
   */
  readonly baseInvalid?: boolean;
  /**
   * Whether there was a base to compare with at all (a pull request, `--base`). Default true; false on a push,
   * where nothing was compared: the report then has no diff, rather than calling every file new.
   */
  readonly compared?: boolean;
  /** The fleet size both versions are planned for (the CLI's `--capacity`); default each file's own. */
  readonly capacity?: number;
}

/**
 * Plans the head (unless it has errors) and the base, and diffs them: the one way the action and
 * `shiftwise plan --base` turn a file pair into a section of the pull-request body.
 *
 *   canary 25% → 50% on the base branch: { plan, diff: { changes: [{ what: 'canary', before: '25%', after: '50%' }] } }
 *   a head with an error:               { path, diagnostics, lines } (no plan, no diff)
 *   compared: false (a push):           { path, diagnostics, lines, plan } (no diff)
 */
export function fileReport(versions: FileVersions): FileReport {
  const { path, head } = versions;
  const lines = lineIndex(versions.text);
  const failed = head.diagnostics.some((d) => d.severity === 'error');
  if (head.value === undefined || failed) return { path, diagnostics: head.diagnostics, lines };
  const options: PlanOptions = versions.capacity === undefined ? {} : { capacity: versions.capacity };
  const planned = plan(head.value, options);
  if (versions.compared === false) return { path, diagnostics: head.diagnostics, lines, plan: planned };
  const base = versions.base === undefined ? undefined : plan(versions.base, options);
  const diff = diffPlans(base, planned);
  return {
    path,
    diagnostics: head.diagnostics,
    lines,
    plan: planned,
    diff: diff.isNew && versions.baseInvalid === true ? { ...diff, baseInvalid: true } : diff,
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
