// Fixtures and helpers shared by the language-server tests: rollout texts, `|` cursor markers, edits.
import { lineIndex } from '@shiftwise/core';
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

/** The rollout the editor suite opens: a canary at 60%, over the 50% bound. */
export const canary60 = `version: 1
provider: sagemaker
endpoint: fraud-detector-prod
endpointConfig: fraud-detector-v42
capacity: 4
strategy:
  type: canary
  size: 60%
  bake: 10m
terminationWait: 10m
timeout: 1h
rollback:
  alarms: [fraud-5xx, fraud-latency-p99]
`;

/** The position and text of a `|` cursor marker: `cursor('type: |')` → position after `type: `. */
export function cursor(marked: string): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor in the fixture');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, position: lineIndex(text).positionAt(offset), offset };
}

/** The range of the `nth` occurrence (0-based) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not in the text`);
  }
  const index = lineIndex(text);
  return { start: index.positionAt(at), end: index.positionAt(at + needle.length) };
}

/** Applies LSP text edits (non-overlapping, as a workspace edit's are) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = lineIndex(text);
  const sorted = edits
    .map((e) => ({
      start: index.offsetAt(e.range.start),
      end: index.offsetAt(e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
