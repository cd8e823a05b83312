import type { TextEdit as CoreEdit, LineIndex, Range as OffsetRange } from '@shiftwise/core';
import type { Position, Range, TextEdit } from 'vscode-languageserver';

/** A text and its line index: what converting offsets needs. */
export interface Indexed {
  readonly text: string;
  readonly index: LineIndex;
}

/**
 * Core's offset → an LSP position, always inside the document: offsets past the end land on the end, and an
 * offset between the `\r` and `\n` of a line break (which no LSP position can name) moves before the `\r`.
 */
export function toPosition({ text, index }: Indexed, offset: number): Position {
  const at = Math.max(0, Math.min(offset, text.length));
  return index.positionAt(text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10 ? at - 1 : at);
}

/** An LSP position → an offset; characters past the end of a line stop before its line break, as in LSP. */
export function toOffset({ text, index }: Indexed, position: Position): number {
  const offset = index.offsetAt(position);
  if (position.line >= index.lineCount - 1) return offset;
  let lineEnd = index.offsetAt({ line: position.line + 1, character: 0 });
  if (text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
  if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  return Math.min(offset, lineEnd);
}

export function toRange(document: Indexed, range: OffsetRange): Range {
  return { start: toPosition(document, range.start), end: toPosition(document, range.end) };
}

export function toTextEdit(document: Indexed, edit: CoreEdit): TextEdit {
  return { range: toRange(document, edit.range), newText: edit.newText };
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
