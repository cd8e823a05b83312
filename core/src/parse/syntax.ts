import { type Document, parseDocument, type YAMLError } from 'yaml';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { type LineIndex, lineIndex, type Range } from '../source/range.js';
import { limits } from './limits.js';
import { unclosedMessage } from './unclosed.js';

/**
 * Parses `text` as one YAML 1.2 document (JSON is a subset) without expanding aliases, and reports
 * every syntax error with its range. Returns the document even when it has errors, for the source map.
 */
export function parseYamlDocument(text: string, diagnostics: Diagnostic[]): Document {
  const tooDeep = flowNestingBeyond(text, limits.maxDepth);
  if (tooDeep !== undefined) {
    diagnostics.push(
      report(
        'too-deep',
        `brackets nest more than ${limits.maxDepth} levels deep here; a rollout file needs three`,
        { start: tooDeep, end: tooDeep + 1 },
      ),
    );
    return parseDocument('');
  }
  const { doc, strays } = parseAroundStrayClosers(text);
  // After the first error on a line, the parser's recovery often adds more there; they only repeat it.
  const lines = new Set<number>();
  let index: LineIndex | undefined; // built only when there is a finding to place
  for (const e of [...strays, ...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])) {
    index ??= lineIndex(text);
    const line = index.positionAt(e.pos[0]).line;
    if (lines.has(line)) continue;
    lines.add(line);
    diagnostics.push(yamlDiagnostic(e, text));
  }
  return doc;
}

/**
 * Re-readings past stray closers, one closer each: only the first the parser meets is surely stray, since its
 * recovery takes every later token for unexpected, a `]` that closes a list included.
 */
const maxStrayRounds = 4;

/**
 * `yaml`'s parse of `text`, with each `}` or `]` that closes nothing read as a space, and the errors that said so.
 * After such a closer the parser's recovery takes every later line for an unexpected token (`Unexpected scalar
 * token in YAML stream: "model"`), one finding per line, all of them the one mistake; read without it, the rest of
 * the file gets its own findings, the real ones only, and a tree for the editor. Offsets are kept (a space for a
 * space), and the closers are reported (`closes no mapping … remove it`, ./unclosed.ts), so the file never reads as
 * valid.
 *
 *   'a: 1\n}\nb: 2\n' → one error at the '}', and the document { a: 1, b: 2 }
 */
function parseAroundStrayClosers(text: string): { doc: Document; strays: YAMLError[] } {
  const strays: YAMLError[] = [];
  let read = text;
  let doc = parseYaml(read);
  for (let round = 0; round < maxStrayRounds; round++) {
    const first = doc.errors[0];
    if (first === undefined || !isStrayCloser(first, read)) break;
    strays.push(first);
    read = `${read.slice(0, first.pos[0])} ${read.slice(first.pos[0] + 1)}`;
    doc = parseYaml(read);
  }
  return { doc, strays };
}

/**
 * The fix of a closer that closes nothing: remove it, with its line when nothing else is on it.
 *
 *   'a: 1\n}\nb: 2\n' → 'a: 1\nb: 2\n';   'alarms: [a]]\n' → 'alarms: [a]\n'
 */
function strayCloserRemoval(at: number, text: string): Fix {
  const title = `Remove the '${text[at]}' that closes nothing`;
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  const lineEnd = text.slice(at + 1).search(/\r\n|\r|\n|$/) + at + 1;
  const alone = text.slice(lineStart, lineEnd).trim().length === 1;
  const breakAfter = /^(\r\n|\r|\n)/.exec(text.slice(lineEnd))?.[0].length ?? 0;
  const range =
    alone && breakAfter > 0 ? { start: lineStart, end: lineEnd + breakAfter } : { start: at, end: at + 1 };
  return { title, edits: [{ range, newText: '' }] };
}

/** A `}` or `]` with nothing open for it to close: `yaml`'s "Unexpected flow-map-end token" at that character. */
function isStrayCloser(e: YAMLError, text: string): boolean {
  const c = text[e.pos[0]];
  return /^Unexpected flow-(seq|map)-end token/.test(e.message) && (c === '}' || c === ']');
}

/**
 * `yaml`'s parse of `text` with the options every rollout file is read with. A lone carriage return (old Mac line
 * ends) is a line break in YAML 1.2 (`b-break`), in JSON's whitespace and in every editor and in `lineIndex`, but
 * the `yaml` package reads it as part of the line: a file with CR line ends was one long comment ("the file is
 * empty") or a run of syntax errors, a valid JSON file was refused, and `# note\rendpoint: x` hid from Shiftwise a
 * line the editor shows. Each lone CR is read as LF, which keeps every offset.
 */
export function parseYaml(text: string): Document {
  return parseDocument(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: false, // duplicates are reported by the tree reader, with the line of the first one
    prettyErrors: false,
    strict: true,
    // Only the core schema's tags resolve; `!!binary`, `!!timestamp`, `!!set`, `!!omap` and `!!pairs` (which the
    // package resolves by default) would turn what a reviewer reads into another value. They fail to resolve,
    // and `TAG_RESOLVE_FAILED` reports them at the tag.
    resolveKnownTags: false,
  });
}

function yamlDiagnostic(e: YAMLError, text: string): Diagnostic {
  const range = nonEmpty({ start: e.pos[0], end: e.pos[1] }, text);
  switch (e.code) {
    case 'MULTIPLE_DOCS':
      return report(
        'multi-document',
        "a rollout file holds one document: remove this '---' and what follows, or move it to its own file",
        range,
      );
    case 'TAB_AS_INDENT':
      return report('yaml-syntax', 'a tab is used for indentation; YAML indents with spaces only', range);
    case 'TAG_RESOLVE_FAILED':
      return report('yaml-syntax', tagMessage(text.slice(range.start, range.end)), range);
    case 'RESOURCE_EXHAUSTION':
      return report(
        'too-deep',
        'the file nests too deeply to read; a rollout file needs three levels',
        range,
      );
    default: {
      // What is left open ([, {, a quote) is said in Shiftwise's words, at the opener; the rest as `yaml` says it.
      const open = unclosedMessage(e, text);
      if (open !== undefined)
        return report(
          'yaml-syntax',
          open.message,
          open.range ?? range,
          isStrayCloser(e, text) ? [strayCloserRemoval(e.pos[0], text)] : undefined,
        );
      return report(
        'yaml-syntax',
        `${firstSentence(e.message)} (YAML ${e.code.toLowerCase().replaceAll('_', ' ')})`,
        range,
      );
    }
  }
}

/** The YAML 1.2 core schema's tags: the only ones a rollout file may write, since each keeps the value as read. */
export const coreTags = ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq'] as const;

function tagMessage(tag: string): string {
  const allowed = `the YAML core schema's tags (${coreTags.join(', ')})`;
  if ((coreTags as readonly string[]).includes(tag))
    return `the value does not fit its tag ${tag}; remove the tag and write the value plainly (rollout files take only ${allowed})`;
  return `the YAML tag ${tag} is not allowed: it would deploy a value other than the text shown; remove it and write the value plainly (rollout files take only ${allowed})`;
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/[.:]\s*$/, '');
}

/** Widens an empty range to one character (when there is one) so editors can underline it. */
export function nonEmpty(range: Range, text: string): Range {
  const start = Math.max(0, Math.min(range.start, text.length));
  const end = Math.max(start, Math.min(range.end, text.length));
  if (end > start) return { start, end };
  if (start < text.length) return { start, end: start + 1 };
  return { start: Math.max(0, start - 1), end: start };
}

/**
 * The offset of the first `[` or `{` nested deeper than `max`, outside quotes and comments; undefined if none.
 * A cheap scan ahead of the parser, whose recursion would otherwise be the bound.
 */
export function flowNestingBeyond(text: string, max: number): number | undefined {
  if (fewerOpeners(text, max + 1)) return undefined;
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 && quote === 34)
        i++; // backslash escape in "..."
      else if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || /\s/.test(text[i - 1] as string))) {
      // A comment ends at a line break: LF, or a CR, which `parseYaml` reads as one too.
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Whether `text` holds fewer than `count` of `[` and `{` in all: then nothing nests `count` deep (a search, no scan). */
function fewerOpeners(text: string, count: number): boolean {
  let found = 0;
  for (const opener of ['[', '{']) {
    for (let at = text.indexOf(opener); at >= 0; at = text.indexOf(opener, at + 1)) {
      if (++found >= count) return false;
    }
  }
  return true;
}
