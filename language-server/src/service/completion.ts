import {
  type FieldContext,
  type FieldDoc,
  fieldDocs,
  isJsonFileName,
  keysFor,
  type SourceMap,
} from '@shiftwise/core';
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  InsertTextFormat,
  InsertTextMode,
  type Position,
} from 'vscode-languageserver';
import { alarmItems, unlisted } from './alarm-items.js';
import { type Analysis, fileNameOf } from './analysis.js';
import { fieldContext } from './context.js';
import { toOffset, toRange } from './convert.js';
import { type CursorContext, cursorContext, isJsonText } from './cursor.js';
import { hoverMarkdown } from './hover.js';
import { fitsBeside, possibleContexts, statedRootKeys } from './key-fit.js';
import { listSkeleton } from './list-skeleton.js';
import { componentSnippet, strategySnippets } from './snippets.js';

export interface CompletionOptions {
  /** Alarm names used in the workspace's other rollout files, offered for `rollback.alarms`. */
  readonly knownAlarms?: readonly string[];
}

/**
 * Completion at `position`: the keys that fit the file's provider, strategy and target (endpoint or inference
 * component) and are not there yet (with a snippet per strategy type for `strategy`, and one for an inference
 * component's keys), the allowed values of enums, examples of durations and sizes, and alarm names already used in
 * the workspace.
 */
export function completion(
  analysis: Analysis,
  position: Position,
  options: CompletionOptions = {},
): CompletionList {
  const offset = toOffset(analysis, position);
  // A `.json` file is JSON as the parser reads it, even before it has a `{` (an empty file).
  const json = isJsonText(analysis.text) || isJsonFileName(fileNameOf(analysis.uri));
  const at = cursorContext(analysis.text, offset, json);
  if (at === undefined) return { isIncomplete: false, items: [] };
  // In a blank JSON file a key comes with the braces of the root object.
  const braced = json && analysis.text.trim() === '';
  const context = fieldContext(analysis);
  // A new item of a list of mappings (`- |` under `steps:`) starts with one of the list's keys.
  const listOfMappings = at.kind === 'item' && fieldDocs(at.path, context)?.kind === 'list';
  const tail = at.quoted
    ? at.kind === 'key'
      ? keyTail(analysis.text, offset, json ? undefined : analysis.text[at.from])
      : stringTail(analysis.text, offset, analysis.text[at.from - 1])
    : wordTail(analysis.text, offset, at.kind === 'key' || listOfMappings);
  const range = toRange(analysis, { start: at.from, end: tail?.end ?? offset });
  const nameOnly = tail?.colon === true;
  const items =
    at.kind === 'key'
      ? keyItems(analysis, at, context, { json, nameOnly, end: tail?.end ?? offset })
      : listOfMappings
        ? keyItems(analysis, { kind: 'key', parent: at.path, from: at.from, quoted: at.quoted }, context, {
            json,
            nameOnly,
            end: tail?.end ?? offset,
          })
        : at.kind === 'value'
          ? valueItems(at.path, context, json, at.quoted)
          : alarmItems(at, unlisted(analysis, at.path, offset, options.knownAlarms ?? []), {
              json,
              before: analysis.text[at.from - 1],
            });
  // Inserted lines end as the document's do: not every editor converts a `\n` of an edit to CRLF.
  const eol = analysis.text.includes('\r\n') ? '\r\n' : '\n';
  return {
    isIncomplete: false,
    items: items.map((item) => {
      const text = item.textEdit ?? item.label;
      const newText = braced ? `{\n  ${text}\n}\n` : text;
      return {
        ...item,
        textEdit: { range, newText: eol === '\n' ? newText : newText.replaceAll('\n', eol) },
      };
    }),
  };
}

/** An item before its range is known: `textEdit` is just the text to insert. */
export type Draft = Omit<CompletionItem, 'textEdit'> & { textEdit?: string };

/**
 * The rest of a plain word the cursor stands in (`type: can|ary`, `|canary`, `stra|tegy:`): the item replaces the
 * whole word, as a word typed over would, not only what is before the cursor (`linearcanary`). A word is what the
 * cursor's context takes for one (./cursor.ts). After a key's word, a colon that is already there stays (the item
 * then writes the name alone).
 */
function wordTail(text: string, offset: number, key: boolean): { end: number; colon: boolean } | undefined {
  const rest = (key ? /^([\w$.-]*)([ \t]*:(?=\s|$))?/ : /^([\w$%.@/-]*)/).exec(
    text.slice(offset, offset + 200),
  );
  const word = rest?.[1] ?? '';
  const colon = key && rest?.[2] !== undefined;
  if (word === '' && !colon) return undefined;
  return { end: offset + word.length, colon };
}

/**
 * The rest of a quoted value or list item the cursor is inside (`provider: "sage|maker"`): the item replaces the
 * text up to the closing quote, which stays. Undefined when the string does not close on this line.
 */
function stringTail(
  text: string,
  offset: number,
  quote: string | undefined,
): { end: number; colon: boolean } | undefined {
  if (quote !== '"' && quote !== "'") return undefined;
  const rest = new RegExp(`^[^${quote}\\\\\\r\\n]*(?=${quote})`).exec(text.slice(offset, offset + 200));
  return rest === null || rest[0] === '' ? undefined : { end: offset + rest[0].length, colon: false };
}

/**
 * The rest of a quoted key the cursor is inside, as an editor that closes quotes leaves it: the edit runs over the
 * closing quote (`"ver|sion"` → the whole `"version"`), so the item's own quote is not a second one. In JSON, when
 * the key already has its colon (`"|": 1`), the edit stops before the quote and the item is the name alone. In YAML
 * (`yamlQuote`, the opening quote, which the edit already covers) the item is written plain, over both quotes, and
 * before a colon it is the name alone.
 */
function keyTail(
  text: string,
  offset: number,
  yamlQuote?: string,
): { end: number; colon: boolean } | undefined {
  const quote = yamlQuote ?? '"';
  if (quote !== '"' && quote !== "'") return undefined;
  const rest = new RegExp(`^([\\w$-]*)${quote}(\\s*:)?`).exec(text.slice(offset, offset + 200));
  if (rest === null) return undefined;
  const name = (rest[1] as string).length;
  const colon = rest[2] !== undefined;
  return { end: offset + name + (colon && yamlQuote === undefined ? 0 : 1), colon };
}

/**
 * A step either moves traffic (with its bake) or pauses: in an item that has one, the keys of the other do not fit
 * (`steps-order` refuses a step with both).
 *
 *   `- traffic: 5%` or `- bake: 1m` → no `pause`;  `- pause: manual` → neither `traffic` nor `bake`
 */
function excludedInItem(field: FieldDoc, item: string | undefined, present: ReadonlySet<string>): boolean {
  if (item === undefined || !/^strategy\.steps\.\d+$/.test(item)) return false;
  const key = fieldKey(field);
  if (present.has(`${item}.traffic`) || present.has(`${item}.bake`)) return key === 'pause';
  if (present.has(`${item}.pause`)) return key === 'traffic' || key === 'bake';
  return false;
}

function keyItems(
  analysis: Analysis,
  at: Extract<CursorContext, { kind: 'key' }>,
  context: FieldContext,
  written: { readonly json: boolean; readonly nameOnly: boolean; readonly end: number },
): Draft[] {
  const { json, nameOnly } = written;
  const present = new Set(analysis.validation.source.paths());
  const indent = currentIndent(analysis.text, at.from);
  // In an item of a list of mappings (`strategy.steps`, `analysis`) a key is there when this item has it.
  const item = itemAt(analysis.validation.source, at.parent, at.from);
  const pathOf = (field: FieldDoc) => (item === undefined ? field.path : `${item}.${fieldKey(field)}`);
  const possible = possibleContexts(context, statedRootKeys(analysis, at.from, written.end));
  const keys = keysFor(at.parent, context).filter(
    (f) =>
      !present.has(pathOf(f)) &&
      !excludedInItem(f, item, present) &&
      possible.some((c) => keysFor(at.parent, c).some((g) => g.path === f.path)),
  );
  // Before a colon that stays, a key is its name alone: quoted in JSON unless the edit is inside its quotes.
  const name = (field: FieldDoc) => (json && !at.quoted ? JSON.stringify(fieldKey(field)) : fieldKey(field));
  const style = { json, quoted: at.quoted, flow: at.flow === true, indent };
  const drafts = keys.map((field) => ({
    field,
    item: nameOnly ? { ...keyItem(field, style), textEdit: name(field) } : keyItem(field, style),
  }));
  // What the field table cannot say (endpointConfig and model name two targets), core says of the file with the
  // item in it: only the keys that take part in choosing a SageMaker target are tried, a few validations at most.
  const trial = at.parent === '' && context.provider !== 'vertex-ai' && analysis.text.trim() !== '';
  const fitting = trial ? fitsBeside(analysis, { start: at.from, end: written.end }) : () => true;
  const items: Draft[] = drafts
    .filter(({ field, item }) => field.targets === undefined || fitting(item.textEdit ?? item.label))
    .map(({ item }) => item);
  // A snippet writes whole lines of keys and values: never in front of a key's colon and value that stay, nor
  // inside a flow mapping.
  if (nameOnly || at.flow) return items;
  if (at.parent === '' && !present.has('strategy') && !json) {
    // A snippet per strategy type the file can still take (`strategy (steps)` beside `endpointConfig` cannot).
    const types = new Set<string | undefined>(possible.map((c) => c.strategy));
    items.push(...strategySnippets(context, indent).filter((s) => types.has(/\((.+)\)$/.exec(s.label)?.[1])));
  }
  if (at.parent === '' && !json && offersComponent(context, present)) items.push(componentSnippet(indent));
  return items;
}

/**
 * The path of the item of the list at `parent` that the cursor at `offset` is in (`strategy.steps.1`): the last one
 * starting before it. Undefined when `parent` holds no list items.
 */
function itemAt(source: SourceMap, parent: string, offset: number): string | undefined {
  let found: string | undefined;
  for (let i = 0; ; i++) {
    const span = source.get(`${parent}.${i}`);
    if (span === undefined || span.value.start > offset) return found;
    found = `${parent}.${i}`;
  }
}

/** The inference-component snippet fits a SageMaker file (or one without a provider yet) that names no target. */
function offersComponent(context: FieldContext, present: ReadonlySet<string>): boolean {
  return (
    context.provider !== 'vertex-ai' &&
    context.target !== 'endpoint' &&
    !['inferenceComponent', 'endpointConfig', 'model'].some((key) => present.has(key))
  );
}

/** The key a field is written under: `strategy.bake` → `bake`. */
function fieldKey(field: FieldDoc): string {
  return field.path.slice(field.path.lastIndexOf('.') + 1);
}

/**
 * How a key is written: as JSON (`quoted`: inside quotes the editor opened), or as YAML in block style (a mapping's
 * keys on the lines below, `indent` deeper) or in a flow mapping (`flow`: one line, a mapping as `{}`).
 */
interface KeyStyle {
  readonly json: boolean;
  readonly quoted: boolean;
  readonly flow: boolean;
  readonly indent: string;
}

function keyItem(field: FieldDoc, { json, quoted, flow, indent }: KeyStyle): Draft {
  const key = fieldKey(field);
  const mapping = field.kind === 'mapping';
  // A list of mappings (`analysis`, `strategy.steps`) goes in with its example, never empty (an error).
  const list = field.kind === 'list' ? listSkeleton(field, { json, flow, indent }) : undefined;
  const value = mapping
    ? json || flow
      ? '{$0}'
      : `\n${indent}  $0`
    : `\${1:${escapeSnippet(field.insert)}}`;
  const text =
    list !== undefined
      ? `${json ? `${quoted ? '' : '"'}${key}":` : `${key}:`}${list}`
      : json
        ? `${quoted ? '' : '"'}${key}": ${mapping ? value : jsonValue(field)}`
        : `${key}:${mapping && !flow ? '' : ' '}${value}`;
  return {
    label: key,
    kind: CompletionItemKind.Property,
    detail: field.title,
    documentation: { kind: 'markdown', value: hoverMarkdown(field) },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: text,
    sortText: `${field.required ? '0' : '1'}${key}`,
  };
}

function jsonValue(field: FieldDoc): string {
  const raw = field.insert.replace(/^'(.*)'$/, '$1');
  const literal = /^-?\d+$/.test(raw) || field.kind === 'names' ? raw : JSON.stringify(raw);
  return `\${1:${escapeSnippet(literal === '' ? '""' : literal)}}`;
}

function valueItems(path: string, context: FieldContext, json: boolean, quoted: boolean): Draft[] {
  const field = fieldDocs(path, context);
  if (field === undefined) return [];
  const values = field.values ?? examplesOf(field);
  return values.map((v, i) => {
    const text = String(v);
    const bare = typeof v === 'number' || /^\d+$/.test(text);
    return {
      label: text,
      kind: field.values ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: field.title,
      sortText: String(i).padStart(3, '0'),
      textEdit: json && !quoted && !bare ? JSON.stringify(text) : text,
    };
  });
}

/**
 * Example values of a field that has no fixed set: its table examples for durations, sizes and percents
 * (`strategy.steps.traffic` → `5%`, `100%`); for a pause, `manual` and example durations.
 */
function examplesOf(field: FieldDoc): readonly unknown[] {
  if (field.kind === 'pause') return [...new Set(['manual', '10m', '1h', ...field.examples.map(String)])];
  return field.kind === 'duration' || field.kind === 'size' || field.kind === 'percent' ? field.examples : [];
}

/** The indentation of the line holding `offset`. */
function currentIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Snippet syntax treats `$`, `}` and `\` specially. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
