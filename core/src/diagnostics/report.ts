import type { Range } from '../source/range.js';
import { ruleInfo } from './catalog.js';
import type { Diagnostic, Fix } from './diagnostic.js';

/**
 * Builds a diagnostic whose severity comes from the rule catalog, so a code never changes severity
 * from one call site to another. An unknown code is reported as an error (and is a bug the tests catch).
 */
export function report(code: string, message: string, range: Range, fixes?: readonly Fix[]): Diagnostic {
  const severity = ruleInfo(code)?.severity ?? 'error';
  return fixes !== undefined && fixes.length > 0
    ? { code, severity, message, range, fixes }
    : { code, severity, message, range };
}

/** Orders diagnostics by where they start, then end, then code: the order every output uses. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
