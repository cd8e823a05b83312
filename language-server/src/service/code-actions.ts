import { visibleControls } from '@shiftwise/core';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { sameRange, toRange, toTextEdit } from './convert.js';

/**
 * Quick fixes for the diagnostics touching `range`: core attaches them to each diagnostic (clamp to the bound,
 * rename an unknown key, move a misplaced field, add missing required fields); this only converts them. A fix
 * is tied to the client's diagnostic with the same code and range, so the editor shows it on that squiggle.
 * With the document's `version` (a client that takes `documentChanges`), each edit names the version it was made
 * for, so a client can refuse a fix applied to a text that has moved on, instead of writing it at stale offsets.
 */
export function codeActions(
  analysis: Analysis,
  range: Range,
  reported: readonly Diagnostic[] = [],
  version?: number,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of analysis.validation.diagnostics) {
    if (d.fixes === undefined || d.fixes.length === 0) continue;
    const at = toRange(analysis, d.range);
    if (!overlaps(at, range)) continue;
    const client = reported.find((r) => r.code === d.code && sameRange(r.range, at));
    for (const fix of d.fixes) {
      const edits: TextEdit[] = fix.edits.map((e) => toTextEdit(analysis, e));
      actions.push({
        // A title may quote the file (`Remove duplicate x`): shown as the diagnostic's message is.
        title: visibleControls(fix.title),
        kind: CodeActionKind.QuickFix,
        ...(client !== undefined && { diagnostics: [client] }),
        isPreferred: d.fixes.length === 1,
        edit:
          version === undefined
            ? { changes: { [analysis.uri]: edits } }
            : { documentChanges: [{ textDocument: { uri: analysis.uri, version }, edits }] },
      });
    }
  }
  return actions;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Touching counts: a cursor at either end of a diagnostic gets its fixes. */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
