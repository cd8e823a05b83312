import * as actions from '@actions/core';
import { type Diagnostic, type LineIndex, ruleInfo } from '@shiftwise/core';

/**
 * One workflow annotation per finding, at `file:line:col` (1-based) to the end of the offending value:
 *
 *   ::error title=Shiftwise canary-size: …,file=r/a.rollout.yaml,line=7,endLine=7,col=11,endColumn=14::canary size 60% … [canary-size]
 *
 * `@actions/core` escapes the message and properties, so text from the file cannot forge a command.
 */
export function annotate(report: {
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: LineIndex;
}): void {
  for (const d of report.diagnostics) {
    const start = report.lines.positionAt(d.range.start);
    const end = report.lines.positionAt(d.range.end);
    const title = `Shiftwise ${d.code}${ruleInfo(d.code) ? `: ${ruleInfo(d.code)?.title}` : ''}`;
    const properties: actions.AnnotationProperties = {
      title,
      file: report.path,
      startLine: start.line + 1,
      startColumn: start.character + 1,
      endLine: end.line + 1,
      // An end column only means something on the start line.
      ...(end.line === start.line && { endColumn: end.character + 1 }),
    };
    const message = `${d.message} [${d.code}]`;
    if (d.severity === 'error') actions.error(message, properties);
    else if (d.severity === 'warning') actions.warning(message, properties);
    else actions.notice(message, properties);
  }
}
