import { type Diagnostic, diagnosticsToJson, type JsonDiagnostic } from '@shiftwise/core';

/**
 * The engine names the command to run next with a placeholder (`shiftwise promote FILE`), since only a face knows
 * how the user named the file; the CLI puts in the path as it was given.
 *
 *   ("paused …; run shiftwise promote FILE to continue", "r/s.rollout.yaml") → "paused …; run shiftwise promote r/s.rollout.yaml to continue"
 */
export function withFile(text: string, file: string): string {
  return text.replace(
    /\bshiftwise (deploy|promote|abort|status) FILE\b/g,
    (_, command: string) => `shiftwise ${command} ${file}`,
  );
}

/**
 * Findings as `shiftwise validate --format json` prints them (line, column, endLine, endColumn, start, end, docs,
 * fixes), so that every JSON the CLI prints has one shape of diagnostic.
 */
export function jsonDiagnostics(
  file: string,
  text: string,
  diagnostics: readonly Diagnostic[],
): readonly JsonDiagnostic[] {
  return diagnosticsToJson([{ file, text, diagnostics }]).files[0]?.diagnostics ?? [];
}
