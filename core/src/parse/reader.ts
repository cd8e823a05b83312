import type { Diagnostic, Fix } from '../diagnostics/diagnostic.js';
import { isFlowText, replace, valueText } from '../diagnostics/edits.js';
import { report } from '../diagnostics/report.js';
import { type FieldContext, fieldDocs } from '../fields/lookup.js';
import type { Size } from '../model.js';
import type { Range } from '../source/range.js';
import { isJsonFileName } from '../source/rollout-files.js';
import { parseDuration } from '../values/duration.js';
import { parseSize } from '../values/size.js';
import { example } from './example.js';
import { entry, type RawEntry, type RawMap, type RawNode, typeName } from './raw.js';

/**
 * What the model holds in place of a value the reader could not read: one there but unreadable (`bake: 10 min`), or
 * one required and missing. Only a model whose reading stopped at a finding (`Reader.complete` false) holds it: such
 * a model is never a file's value, but the rules still run on it, each noting whether it read a hole
 * (core/src/rules/holes.ts). Typed `never`, so that it stands in for a value of any field's type.
 *
 *   bake: 10 min  → { type: 'canary', size: …, bakeSeconds: unread }
 */
export const unread: never = Object.freeze({ unread: true }) as never;

/** State of one reading of a document into the typed model. */
export interface Reader {
  readonly text: string;
  /** The file is JSON (or YAML flow style): fixes write JSON values. */
  readonly json: boolean;
  readonly diagnostics: Diagnostic[];
  /**
   * False once a value the model needs is missing or unreadable: then no typed value is returned, only the partial
   * model with `unread` in its holes.
   */
  complete: boolean;
  context: FieldContext;
  /** Unknown keys seen so far: only the first `limits.maxSuggestions` get a nearest-key suggestion. */
  unknownKeys: number;
  /** The keys suggested for unknown keys, by parent path: a misspelt `bak` already says that `bake` is missing. */
  readonly suggested: Map<string, Set<string>>;
}

/**
 * A reader of `text`. Its fixes write JSON when the file's name ends in `.json` (any case: the parser reads such a
 * file as JSON, and an empty `x.rollout.json` has no `{` to tell it by) or when the text's root is `{`.
 */
export function reader(text: string, diagnostics: Diagnostic[], fileName?: string): Reader {
  return {
    text,
    json: isJsonFileName(fileName) || isFlowText(text),
    diagnostics,
    complete: true,
    context: {},
    unknownKeys: 0,
    suggested: new Map(),
  };
}

/** Reports a problem that leaves the model without a value it needs. */
export function fail(
  r: Reader,
  code: string,
  message: string,
  range: Range,
  fixes?: readonly Fix[],
): undefined {
  r.complete = false;
  r.diagnostics.push(report(code, message, range, fixes));
  return undefined;
}

/**
 * A value the model needs: itself, or `unread` when it is missing or did not read, which leaves the model
 * incomplete (its finding is already reported, or is about to be, by the required-key checks).
 */
export function needed<T>(r: Reader, value: T | undefined): T {
  if (value !== undefined) return value;
  r.complete = false;
  return unread;
}

/** Reports a problem that does not affect the model (an extra key, say). */
export function note(r: Reader, code: string, message: string, range: Range, fixes?: readonly Fix[]): void {
  r.diagnostics.push(report(code, message, range, fixes));
}

/** Where to point for a value: the value itself, or its key when the value is empty (`bake:`). */
export function valueRange(e: RawEntry): Range {
  return e.node.range.end > e.node.range.start ? e.node.range : e.keyRange;
}

function expected(path: string, r: Reader): string {
  const doc = fieldDocs(path, r.context);
  switch (doc?.kind) {
    case 'duration':
      return "a duration: seconds (600) or a string like '10m' or '1h30m'";
    case 'size':
      return "a size: a count of instances (2) or a percent ('25%')";
    case 'percent':
      return "a whole percent like '25%'";
    case 'pause':
      return "'manual' (wait for shiftwise promote) or a duration like '1h'";
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of: ${(doc.values ?? []).join(', ')}`;
    case 'mapping':
      return 'a mapping of keys';
    case 'names':
      return 'a list of names';
    case 'list':
      return listWords[doc.path]?.(r.json) ?? 'a list';
    default:
      return 'a string';
  }
}

/** What a list field holds, in the words of its entries, written in the file's syntax. */
const listWords: Readonly<Record<string, (json: boolean) => string>> = {
  'strategy.steps': (json) =>
    `a list of steps: ${example('- traffic: 10%', json)} with a 'bake', or ${example('- pause: manual', json)}`,
  analysis: (json) =>
    `a list of checks: ${example('- name: …', json)} with a 'metric' or an 'expression', a 'period' and 'max' or 'min'`,
};

/** What was found, as a verb phrase: "is a string", "has no value" (an empty `key:`). */
function foundWords(node: RawNode): string {
  const found = typeName(node);
  return found === 'no value' ? 'has no value' : `is ${found}`;
}

/** `wrong-type` for the value of `e` at `path`, naming what was found and what is expected. */
export function wrongType(r: Reader, e: RawEntry, path: string, fixes?: readonly Fix[]): undefined {
  return fail(
    r,
    'wrong-type',
    `'${path}' ${foundWords(e.node)}; expected ${expected(path, r)}`,
    valueRange(e),
    fixes,
  );
}

function scalarText(r: Reader, node: RawNode): string | undefined {
  if (node.kind !== 'scalar') return undefined;
  return r.text.slice(node.range.start, node.range.end);
}

/** A string field; numbers are refused (with a fix that quotes them) so that long IDs keep every digit. */
export function readString(r: Reader, e: RawEntry, path: string): string | undefined {
  const n = e.node;
  if (n.kind === 'scalar' && typeof n.value === 'string') return n.value;
  if (n.kind === 'scalar' && (typeof n.value === 'number' || typeof n.value === 'boolean')) {
    const source = scalarText(r, n) ?? String(n.value);
    const quoted = r.json ? JSON.stringify(source) : `'${source}'`;
    return wrongType(r, e, path, [{ title: `Quote it: ${quoted}`, edits: [replace(n.range, quoted)] }]);
  }
  return wrongType(r, e, path);
}

/** A duration field in seconds (docs/rollout-file.md). */
export function readDuration(r: Reader, e: RawEntry, path: string): number | undefined {
  const n = e.node;
  if (n.kind !== 'scalar' || n.value === null || typeof n.value === 'boolean') return wrongType(r, e, path);
  const result = parseDuration(n.value, scalarText(r, n));
  if (result.ok) return result.seconds;
  const fixes = result.suggestion === undefined ? undefined : [fixTo(r, n.range, result.suggestion)];
  return fail(r, 'bad-duration', `'${path}': ${result.message}`, n.range, fixes);
}

/** A size field: a count or a percent (docs/rollout-file.md). */
export function readSize(r: Reader, e: RawEntry, path: string): Size | undefined {
  const n = e.node;
  if (n.kind !== 'scalar' || n.value === null || typeof n.value === 'boolean') return wrongType(r, e, path);
  const result = parseSize(n.value, scalarText(r, n));
  if (result.ok) return result.size;
  const fixes = result.suggestion === undefined ? undefined : [fixTo(r, n.range, result.suggestion)];
  return fail(r, 'bad-size', `'${path}': ${result.message}`, n.range, fixes);
}

/**
 * A whole number field (capacity, copies, failureLimit). A number past 2^53 − 1 (where every float is whole, and
 * `9007199254740993` reads as `…992`) or one that overflows to Infinity (`1e400`) is still a whole number, only far
 * too large: it is returned as read, so the field's range rule (`capacity-range`, say) names the bound and the fix,
 * as for any value above it. A string of digits gets a fix that writes them as a number, digit for digit.
 *
 *   4 → 4;  9007199254740993 → 9007199254740992 (the range rule reports it);  '4' → wrong-type, fix 4;  4.5 → wrong-type
 */
export function readInteger(r: Reader, e: RawEntry, path: string): number | undefined {
  const n = e.node;
  if (n.kind === 'scalar' && typeof n.value === 'number') {
    if (Number.isSafeInteger(n.value) || Math.abs(n.value) > Number.MAX_SAFE_INTEGER) return n.value;
  }
  if (n.kind === 'scalar' && typeof n.value === 'string' && /^\d+$/.test(n.value.trim())) {
    // Written digit for digit (without leading zeros, which JSON refuses): Number() would round a long one.
    const digits = n.value.trim().replace(/^0+(?=\d)/, '');
    return wrongType(r, e, path, [{ title: `Change to ${digits}`, edits: [replace(n.range, digits)] }]);
  }
  return wrongType(r, e, path);
}

/** A fix that replaces the value at `range` with `value`, written for this file. */
export function fixTo(r: Reader, range: Range, value: string | number): Fix {
  const written = valueText(value, r.json);
  return { title: `Change to ${written}`, edits: [replace(range, written)] };
}

/** The mapping under `key`, or undefined (with `wrong-type` if it is there but not a mapping). */
export function readMap(r: Reader, parent: RawMap, key: string, path: string): RawMap | undefined {
  const e = entry(parent, key);
  if (e === undefined) return undefined;
  if (e.node.kind === 'map') return e.node;
  return wrongType(r, e, path);
}
