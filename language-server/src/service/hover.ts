import { describeValue, type FieldDoc, fieldDocs, pathAt, watchHoles } from '@shiftwise/core';
import type { Hover, Position } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { fieldContext } from './context.js';
import { toOffset, toRange } from './convert.js';

/**
 * Hover on a key or value: what the field means, its bounds, the provider API field it becomes, and the value
 * normalised for this file (`10m` → `600 s (10m)`, `25%` of 4 → `1 instance of 4 (25% of traffic)`).
 * Null off any known field.
 */
export function hover(analysis: Analysis, position: Position): Hover | null {
  const { source } = analysis.validation;
  const offset = toOffset(analysis, position);
  // A comment is no field's, after a nested value (`  batch: 25% # x`, inside `strategy`'s span) as at the root.
  if (inComment(analysis.text, offset)) return null;
  const at = pathAt(source, offset);
  if (at === undefined || at.path === '') return null;
  const field = fieldDocs(at.path, fieldContext(analysis));
  if (field === undefined) return null;
  const span = source.get(at.path);
  const normalised = here(analysis, at.path);
  return {
    contents: { kind: 'markdown', value: hoverMarkdown(field, normalised) },
    ...(span !== undefined && {
      range: toRange(analysis, at.on === 'key' && span.key ? span.key : span.value),
    }),
  };
}

/**
 * The value at `path` normalised (core's `describeValue`), also in a file whose reading stopped at a finding: from
 * its partial model, through a view that notes any hole read, so a value that did read is described and one that
 * depends on a hole (a share of a capacity that did not read) is not.
 */
function here(analysis: Analysis, path: string): string | undefined {
  // Validation's own partial model: the file is not parsed a second time for a hover.
  const { value, partial } = analysis.validation;
  if (value !== undefined) return describeValue(path, value, analysis.capacity);
  if (partial === undefined) return undefined;
  const watch = watchHoles(partial);
  try {
    const words = describeValue(path, watch.view, analysis.capacity);
    return watch.readHole() ? undefined : words;
  } catch {
    // A hole read as undefined where core expects a value: nothing to say, rather than no hover at all.
    return undefined;
  }
}

/**
 * Whether `offset` is in a YAML comment: after a `#` that starts its line or follows a space or tab, outside quotes.
 *
 *   'size: 25% # no|te' → true;  'expression: "a # b|"' → false;  'name: a#b|' → false;  "name: it's # x|" → true
 */
function inComment(text: string, offset: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && /(^|[:\-[{,])\s*$/.test(line.slice(0, i))) quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return true;
  }
  return false;
}

/** The hover text of one field; `normalised` is this file's value in seconds or instances, when it has one. */
export function hoverMarkdown(field: FieldDoc, normalised?: string): string {
  const lines = [`**${field.title}** \`${field.path}\``, '', field.description];
  if (normalised !== undefined) lines.push('', `Here: **${normalised}**`);
  if (field.bounds !== undefined) lines.push('', `Bounds: ${field.bounds}`);
  if (field.values !== undefined) lines.push('', `Values: ${field.values.map((v) => `\`${v}\``).join(', ')}`);
  if (field.apiField !== undefined) lines.push('', `API field: ${apiFieldMarkdown(field.apiField)}`);
  return lines.join('\n');
}

/**
 * A field's API field, its API names in code and its words as words: some name a place in a request in prose
 * (`projects/{project} in the endpoint resource name`), which one code span would set as code whole.
 *
 *   'RollingUpdatePolicy.MaximumBatchSize'           → '`RollingUpdatePolicy.MaximumBatchSize`'
 *   'keys of Endpoint.trafficSplit'                  → 'keys of `Endpoint.trafficSplit`'
 *   'MaximumBatchSize (COPY_COUNT or CAPACITY_PERCENT)' → '`MaximumBatchSize` (`COPY_COUNT` or `CAPACITY_PERCENT`)'
 */
export function apiFieldMarkdown(text: string): string {
  return text.replace(apiName, (name) => (products.has(name) ? name : `\`${name}\``));
}

/** A dotted or slashed path (`Alarms[].AlarmName`, `projects/{project}`), a CamelCase or camelCase name, a CONSTANT. */
const apiName =
  /[A-Za-z_][\w{}[\]]*(?:[./][\w{}[\]]+)+|\b[A-Z][a-z0-9]+[A-Z]\w*\b|\b[a-z]+[A-Z]\w*\b|\b[A-Z]+_[A-Z_]+\b/g;

/** Product names that look like API names, said as words. */
const products = new Set(['SageMaker', 'CloudWatch']);
