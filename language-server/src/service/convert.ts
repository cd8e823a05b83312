import type { TextEdit as CoreEdit, LineIndex, Range as OffsetRange } from '@shiftwise/core';
import type { Range, TextEdit } from 'vscode-languageserver';

/** Core's offsets → LSP line/character, clamped into the document (offsets past the end land on the end). */
export function toRange(index: LineIndex, range: OffsetRange): Range {
  return { start: index.positionAt(range.start), end: index.positionAt(range.end) };
}

export function toTextEdit(index: LineIndex, edit: CoreEdit): TextEdit {
  return { range: toRange(index, edit.range), newText: edit.newText };
}

/** Whether two LSP ranges are the same span. */
export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
