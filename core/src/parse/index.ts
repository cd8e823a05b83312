import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { byPosition, report } from '../diagnostics/report.js';
import type { Rollout } from '../model.js';
import { isJsonFileName } from '../source/rollout-files.js';
import type { SourceMap } from '../source/source-map.js';
import { type NotUtf8, utf8Length } from '../source/utf8.js';
import { type ParseCache, parseBlocks } from './blocks.js';
import { capFindings } from './cap.js';
import { jsonSyntaxError } from './json-syntax.js';
import { limits } from './limits.js';
import type { RawNode } from './raw.js';
import { readRollout } from './read-rollout.js';
import { reader } from './reader.js';
import { type SourceMapBuilder, sourceMapBuilder } from './source-map.js';
import { nonEmpty, parseYamlDocument } from './syntax.js';
import { readTree, readTreeOfBlocks } from './tree.js';

export interface ParseOptions {
  /** The file's path as the caller names it: decides JSON vs YAML messages and the default `name`. */
  readonly fileName?: string;
  /**
   * The parses of this document's top-level blocks from its last parse (./blocks.ts), kept by the caller per
   * document and updated here: a block whose text did not change is not parsed again. The result is the same with
   * or without it. Default: none (every block is parsed).
   */
  readonly cache?: ParseCache;
  /**
   * Where the bytes `text` was decoded from stop being UTF-8 (`decodeUtf8`): the file is then one finding there,
   * not read, since a value holding U+FFFD in place of a Latin-1 letter would be deployed as it reads. Default:
   * none (the text is what was written).
   */
  readonly notUtf8?: NotUtf8;
  /**
   * The whole file's size in bytes, when `text` is only its start (the CLI reads no more than a file within the
   * limit can hold): the too-large finding then gives the file's size, not the part read. Default: `text` is whole.
   */
  readonly fileSize?: number;
}

/** A parsed rollout file: the typed model when it could be built, every finding, and where each part stands. */
export interface ParsedRollout {
  readonly value: Rollout | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly source: SourceMap;
}

/** Internal: the parse with the plain tree, which validation hands to the JSON Schema. */
export interface ParsedDocument extends ParsedRollout {
  /**
   * When `value` could not be read: the model with `unread` in its holes (core/src/parse/reader.ts), on which the
   * rules that read no hole still run (core/src/rules/holes.ts).
   */
  readonly partial: Rollout | undefined;
  readonly tree: RawNode | undefined;
  /** The file had syntax errors: the tree may be partial, and the model was not read. */
  readonly syntaxFailed: boolean;
}

/**
 * Parses a rollout file (YAML, or JSON for `*.json`) into the typed model of docs/rollout-file.md with a source map,
 * reporting syntax errors, limits, unknown keys, wrong types, bad durations and sizes, missing fields.
 * Semantic bounds are `validateRollout`'s. Pure and total: never throws, bounded in time and memory. At most
 * 200 findings (`limits.maxFindings`), the rest counted in one `too-many-findings` error.
 */
export function parseRollout(text: string, options: ParseOptions = {}): ParsedRollout {
  const {
    tree: _tree,
    syntaxFailed: _failed,
    partial: _partial,
    diagnostics,
    ...parsed
  } = parseDocumentText(text, options);
  return { ...parsed, diagnostics: capFindings(diagnostics) };
}

/** Internal: the parse with every finding (no cap), for `validateRollout`, which caps once it has them all. */
export function parseDocumentText(text: string, options: ParseOptions = {}): ParsedDocument {
  const source = sourceMapBuilder();
  const diagnostics: Diagnostic[] = [];
  let tree: RawNode | undefined;
  let value: Rollout | undefined;
  let partial: Rollout | undefined;
  let syntaxFailed = true;
  try {
    const bytes = bytesOverLimit(text, options.fileSize);
    if (bytes !== undefined) {
      diagnostics.push(
        report(
          'file-too-large',
          `the file is ${mebibytesUp(bytes)} MiB (${bytes.toLocaleString('en-US')} bytes); a rollout file must be ` +
            `at most 5 MiB (${limits.maxFileBytes.toLocaleString('en-US')} bytes; they are usually under 1 KiB)`,
          { start: 0, end: Math.min(text.length, firstLineEnd(text)) },
        ),
      );
    } else if (text.includes('\u0000')) {
      diagnostics.push(binaryFile(text, options.fileName));
    } else if (options.notUtf8 !== undefined) {
      diagnostics.push(notUtf8File(options.notUtf8, options.fileName));
    } else {
      const read =
        readByBlocks(text, source, diagnostics, options) ?? readWhole(text, source, diagnostics, options);
      tree = read.tree;
      syntaxFailed = read.syntaxFailed;
      if (!syntaxFailed)
        ({ value, partial } = readRollout(
          reader(text, diagnostics, options.fileName),
          tree,
          options.fileName,
        ));
    }
  } catch (error) {
    diagnostics.push(internal(error, text));
    value = undefined;
    partial = undefined;
  }
  const sorted = diagnostics.map((d) => ({ ...d, range: nonEmpty(d.range, text) })).sort(byPosition);
  return { value, partial, diagnostics: sorted, source, tree, syntaxFailed };
}

interface TreeRead {
  readonly tree: RawNode | undefined;
  readonly syntaxFailed: boolean;
}

/** The tree from the file's top-level blocks, reusing `options.cache`; undefined when the file must be read whole. */
function readByBlocks(
  text: string,
  source: SourceMapBuilder,
  diagnostics: Diagnostic[],
  options: ParseOptions,
): TreeRead | undefined {
  if (options.cache === undefined || isJsonFileName(options.fileName)) return undefined;
  const blocks = parseBlocks(text, options.cache);
  if (blocks === undefined) return undefined;
  return { tree: readTreeOfBlocks(blocks, text, source, diagnostics), syntaxFailed: false };
}

/** The tree from one parse of the whole file, with its syntax errors (JSON's own message for a `.json` file). */
function readWhole(
  text: string,
  source: SourceMapBuilder,
  diagnostics: Diagnostic[],
  options: ParseOptions,
): TreeRead {
  const syntax: Diagnostic[] = [];
  if (isJsonFileName(options.fileName) && text.trim() !== '') {
    const error = jsonSyntaxError(text);
    if (error !== undefined) {
      syntax.push(
        report('json-syntax', `not valid JSON: ${error.message}`, {
          start: error.offset,
          end: error.offset + 1,
        }),
      );
    }
  }
  const doc = parseYamlDocument(text, syntax);
  if (isJsonFileName(options.fileName) && syntax.some((d) => d.code === 'json-syntax')) {
    // The JSON message is the precise one; YAML's view of broken JSON adds only noise.
    syntax.splice(0, syntax.length, ...syntax.filter((d) => d.code === 'json-syntax'));
  }
  diagnostics.push(...syntax);
  const syntaxFailed = syntax.some((d) => d.severity === 'error');
  return { tree: readTree(doc, text, source, diagnostics), syntaxFailed };
}

/**
 * A file with a NUL byte is binary (git's test too): no YAML or JSON text holds one, and parsing it would report
 * whatever the bytes happen to look like (`wrong-type` at 1:1). One syntax error at the first NUL says what it is.
 */
function binaryFile(text: string, fileName: string | undefined): Diagnostic {
  const at = text.indexOf('\u0000');
  const json = isJsonFileName(fileName);
  return report(
    json ? 'json-syntax' : 'yaml-syntax',
    `a NUL byte: this is a binary file, not ${json ? 'JSON' : 'YAML'} text; check that it is the rollout file you meant (an image or archive saved under a rollout file's name, or a file in UTF-16)`,
    { start: at, end: at + 1 },
  );
}

function notUtf8File({ offset, byte }: NotUtf8, fileName: string | undefined): Diagnostic {
  const json = isJsonFileName(fileName);
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return report(
    json ? 'json-syntax' : 'yaml-syntax',
    `the byte 0x${hex} is not UTF-8, and ${json ? 'JSON' : 'YAML'} files are; if the file is text in another encoding (Latin-1, Windows-1252), save it as UTF-8`,
    { start: offset, end: offset + 1 },
  );
}

/** A diagnostic for an exception that escaped: a bug, reported instead of crashing the caller. */
export function internal(error: unknown, text: string): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return report(
    'internal',
    `Shiftwise failed while reading this file (${message}); please report it with the file attached`,
    { start: 0, end: Math.min(text.length, firstLineEnd(text)) },
  );
}

/**
 * The file's size in UTF-8 bytes when it is over `limits.maxFileBytes`, else undefined: `fileSize` when the caller
 * read only the file's start. Cheap for any text: a UTF-16 code unit takes 1 to 3 bytes (a surrogate pair 4 for
 * two), so a text of more code units than the limit is surely over it and one of at most a third of it surely
 * within; only in between are the bytes counted.
 *
 *   6 Mi ASCII characters → over;  1 Mi CJK characters (3 MiB) → within;  2 M CJK characters (6 MB) → over
 */
function bytesOverLimit(text: string, fileSize: number | undefined): number | undefined {
  const max = limits.maxFileBytes;
  if (fileSize !== undefined) return fileSize > max ? fileSize : undefined;
  if (text.length * 3 <= max) return undefined;
  const bytes = utf8Length(text);
  return bytes > max ? bytes : undefined;
}

/** Where the first line ends: at LF, or at CR (a lone one, or CRLF's), as the parser reads line breaks. */
function firstLineEnd(text: string): number {
  const found = /[\r\n]/.exec(text.slice(0, 64 * 1024));
  return found === null ? Math.min(text.length, 64 * 1024) : found.index;
}

/** `bytes` in MiB with one decimal, rounded up: a file just over the limit never reads as exactly at it (`5.0`). */
function mebibytesUp(bytes: number): string {
  return (Math.ceil(bytes / 104_857.6) / 10).toFixed(1);
}
