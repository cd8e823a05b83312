/** A span of the source text as UTF-16 offsets, `end` exclusive. Line and column are computed at the edges. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** A zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Converts between offsets and positions for one text; build it once per text. */
export interface LineIndex {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  readonly lineCount: number;
}

/** Indexes the line starts of `text` (`\n`, `\r\n` and `\r` all end a line). */
export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  const clamp = (offset: number) => Math.max(0, Math.min(offset, text.length));
  return {
    lineCount: starts.length,
    positionAt(offset) {
      const at = clamp(offset);
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] as number) <= at) low = mid;
        else high = mid - 1;
      }
      return { line: low, character: at - (starts[low] as number) };
    },
    offsetAt({ line, character }) {
      if (line >= starts.length) return text.length;
      const start = starts[Math.max(0, line)] as number;
      const next = line + 1 < starts.length ? (starts[line + 1] as number) : text.length;
      return clamp(Math.min(start + Math.max(0, character), next));
    },
  };
}
