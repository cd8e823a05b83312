import {
  type Diagnostic as CoreDiagnostic,
  rulesDocsBase,
  type Severity,
  visibleControls,
} from '@shiftwise/core';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toRange } from './convert.js';

/** Where the rule docs are published; `#<code>` is appended. Overridable for forks and mirrors. */
export const defaultRulesDocsUrl = `https://github.com/shiftwise/shiftwise/blob/main/${rulesDocsBase}`;

export interface DiagnosticOptions {
  /** The docs page of the rules; default `defaultRulesDocsUrl`. */
  readonly rulesDocsUrl?: string;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * Every finding of core's `validateRollout` as an LSP diagnostic: the same range (converted to line/character),
 * the rule code with a link to its docs, source `shiftwise`. Quick fixes are looked up again from the analysis
 * (see `codeActions`), so the diagnostic itself stays small. The message quotes the file's text with its control
 * characters and bidirectional overrides shown as `\u{…}` (core's `visibleControls`, as the CLI prints it): a NUL
 * in a quoted key made Neovim's diagnostic float and quickfix list fail (E976), a line break split the message,
 * and an override reordered what the Problems panel shows.
 */
export function diagnostics(analysis: Analysis, options: DiagnosticOptions = {}): Diagnostic[] {
  const docs = options.rulesDocsUrl ?? defaultRulesDocsUrl;
  return analysis.validation.diagnostics.map((d) => toDiagnostic(analysis, d, docs));
}

function toDiagnostic(analysis: Analysis, d: CoreDiagnostic, docs: string): Diagnostic {
  return {
    range: toRange(analysis, d.range),
    severity: severities[d.severity],
    code: d.code,
    codeDescription: { href: `${docs}#${d.code}` },
    source: 'shiftwise',
    message: visibleControls(d.message),
  };
}
