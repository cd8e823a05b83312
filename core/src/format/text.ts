import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { visibleControls } from '../render/escape.js';
import { lineIndex } from '../source/range.js';

export interface TextFormatOptions {
  /** The path shown before each finding. */
  readonly file: string;
  /** The file's text, for line and column and the quoted source line. */
  readonly text: string;
  /** ANSI colours (for a terminal). Default false. */
  readonly color?: boolean;
}

const paint = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  information: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
} as const;

/**
 * Diagnostics the way actionlint prints them: `file:line:col: severity message [code]`, then the source
 * line and a caret under the offending value (1-based line and column):
 *
 *   rollouts/fraud.rollout.yaml:9:9: error `strategy.size` 60% is above 50%; ... [canary-size]
 *      9 |   size: 60%
 *        |         ^~~
 *
 * Text from the file (the path, the message's quoted values, the echoed line) shows its control characters and
 * bidirectional overrides as `\u{…}` text (`visibleControls`), so a file cannot drive the terminal; the caret
 * is measured on the text as shown.
 */
export function formatDiagnosticsText(
  diagnostics: readonly Diagnostic[],
  options: TextFormatOptions,
): string {
  const index = lineIndex(options.text);
  const lines = options.text.split(/\r\n|\r|\n/);
  const file = visibleControls(options.file);
  return diagnostics
    .map((d) => {
      const start = index.positionAt(d.range.start);
      const end = index.positionAt(d.range.end);
      const line = lines[start.line] ?? '';
      const head = `${file}:${start.line + 1}:${start.character + 1}: `;
      const message = visibleControls(d.message);
      const endCharacter = end.line === start.line ? end.character : line.length;
      const { shown, before, width } = excerpt(line, start.character, endCharacter);
      const gutter = String(start.line + 1);
      const pad = ' '.repeat(gutter.length);
      const caret = `${' '.repeat(before)}^${'~'.repeat(width - 1)}`;
      if (!options.color) {
        return `${head}${d.severity} ${message} [${d.code}]\n ${gutter} | ${shown}\n ${pad} | ${caret}\n`;
      }
      const c = paint[d.severity as Severity];
      return (
        `${paint.bold}${head}${paint.reset}${c}${d.severity}${paint.reset} ${message} ${paint.dim}[${d.code}]${paint.reset}\n` +
        `${paint.dim} ${gutter} |${paint.reset} ${shown}\n${paint.dim} ${pad} |${paint.reset} ${c}${caret}${paint.reset}\n`
      );
    })
    .join('');
}

/** How much of a long source line is echoed: the flagged part and some context, never a whole minified line. */
const excerptWidth = { before: 40, flagged: 80, total: 160 } as const;

/**
 * The source line as echoed, with where the caret starts and how wide it is, all measured on the echoed text. A
 * line longer than `excerptWidth.total` is cut to a window: up to 40 characters before the flagged part, at most
 * 80 of it, and what fits after; each cut is marked with `…` (a 300 kB line is one short line, not 300 kB per
 * finding). Cuts fall between characters as shown: never inside a surrogate pair or a `\u{…}` escape.
 */
function excerpt(line: string, from: number, to: number): { shown: string; before: number; width: number } {
  const head = shownLine(line.slice(0, from));
  const flagged = shownLine(line.slice(from, to));
  const tail = shownLine(line.slice(to));
  if (head.length + flagged.length + tail.length <= excerptWidth.total)
    return { shown: head + flagged + tail, before: head.length, width: Math.max(1, flagged.length) };
  const left = fromEnd(line.slice(0, from), excerptWidth.before);
  const middle = fromStart(line.slice(from, to), excerptWidth.flagged);
  const right = fromStart(line.slice(to), Math.max(1, excerptWidth.total - left.length - middle.length));
  return { shown: left + middle + right, before: left.length, width: Math.max(1, middle.length) };
}

/**
 * The start of `text` as echoed that fits in `width` characters, with `…` when some is left out. Only a bounded
 * slice is looked at (each character is at least one shown character), cut between code points.
 */
function fromStart(text: string, width: number): string {
  const units = Array.from(text.slice(0, width + 1), (c) => shownLine(c));
  if (text.length <= width + 1 && units.join('').length <= width) return units.join('');
  let out = '';
  for (const unit of units) {
    if (out.length + unit.length > width - 1) break;
    out += unit;
  }
  return `${out}…`;
}

/** The end of `text` as echoed that fits in `width` characters, after `…` when some is left out. */
function fromEnd(text: string, width: number): string {
  const units = Array.from(text.slice(-(width + 1)), (c) => shownLine(c));
  if (text.length <= width + 1 && units.join('').length <= width) return units.join('');
  let out = '';
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i] as string;
    // A slice that began inside a surrogate pair starts with its lone half: never shown.
    if (i === 0 && text.length > width + 1 && /^[\udc00-\udfff]$/.test(unit)) break;
    if (out.length + unit.length > width - 1) break;
    out = unit + out;
  }
  return `…${out}`;
}

/** A source line as echoed: a tab is one space (keeping columns), other controls are `\u{…}` text. */
function shownLine(text: string): string {
  return visibleControls(text.replaceAll('\t', ' '));
}
