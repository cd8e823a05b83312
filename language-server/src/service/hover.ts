import { describeValue, type FieldDoc, fieldDocs, pathAt } from '@shiftwise/core';
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
  const { source, value } = analysis.validation;
  const at = pathAt(source, toOffset(analysis, position));
  if (at === undefined || at.path === '') return null;
  const field = fieldDocs(at.path, fieldContext(analysis));
  if (field === undefined) return null;
  const span = source.get(at.path);
  const normalised = value === undefined ? undefined : describeValue(at.path, value, analysis.capacity);
  return {
    contents: { kind: 'markdown', value: hoverMarkdown(field, normalised) },
    ...(span !== undefined && {
      range: toRange(analysis, at.on === 'key' && span.key ? span.key : span.value),
    }),
  };
}

/** The hover text of one field; `normalised` is this file's value in seconds or instances, when it has one. */
export function hoverMarkdown(field: FieldDoc, normalised?: string): string {
  const lines = [`**${field.title}** \`${field.path}\``, '', field.description];
  if (normalised !== undefined) lines.push('', `Here: **${normalised}**`);
  if (field.bounds !== undefined) lines.push('', `Bounds: ${field.bounds}`);
  if (field.values !== undefined) lines.push('', `Values: ${field.values.map((v) => `\`${v}\``).join(', ')}`);
  if (field.apiField !== undefined) lines.push('', `API field: \`${field.apiField}\``);
  return lines.join('\n');
}
