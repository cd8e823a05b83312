import type { Range } from '../source/range.js';
import { ruleInfo } from './catalog.js';
import type { Diagnostic, Fix } from './diagnostic.js';

/**
 * Builds a diagnostic whose severity comes from the rule catalog, so a code never changes severity
 * from one call site to another. An unknown code is reported as an error (and is a bug the tests catch).
 */
export function report(code: string, message: string, range: Range, fixes?: readonly Fix[]): Diagnostic {
  const severity = ruleInfo(code)?.severity ?? 'error';
  const said = withStepNumbers(message);
  return fixes !== undefined && fixes.length > 0
    ? { code, severity, message: said, range, fixes }
    : { code, severity, message: said, range };
}

/**
 * A path into the steps list counts from 0, as every path does (`rollback.alarms.0`), while the plan, the status and
 * the other steps messages count steps from 1: a message that starts with a quoted steps path names the step after
 * it, so that nobody edits the step beside the one meant.
 *
 *   "'strategy.steps.0.bake' is 86401 s; …" → "'strategy.steps.0.bake' (step 1) is 86401 s; …"
 */
export function withStepNumbers(message: string): string {
  if (!message.startsWith("'strategy.steps.")) return message;
  // Only the path a message starts with: a quoted value further on is the user's text, said as written.
  return message.replace(
    /^'strategy\.steps\.(\d+)((?:\.[^'\s]*)?)'(?! \(step)/,
    (_, index: string, rest: string) => `'strategy.steps.${index}${rest}' (step ${Number(index) + 1})`,
  );
}

/** Orders diagnostics by where they start, then end, then code: the order every output uses. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
