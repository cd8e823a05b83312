// The value a list of mappings (`strategy.steps`, `analysis`) is completed with: never empty, since an empty
// `analysis:` or `steps:` is itself an error, but the field table's example with a tab stop on each value.
import type { FieldDoc } from '@shiftwise/core';

/** How the list is written: JSON on one line, a YAML flow mapping's one line, or YAML block lines `indent` deeper. */
export interface ListStyle {
  readonly json: boolean;
  readonly flow: boolean;
  readonly indent: string;
}

/**
 * The text after the key's colon for a list field, from the first of its table examples: each entry a mapping,
 * each value a tab stop numbered across the list. Undefined when the field has no example list of mappings.
 *
 *   analysis, block YAML → '\n  - name: ${1:new-5xx}\n    metric: ${2:Invocation5XXErrors}\n    …'
 *   strategy.steps, flow → ' [{traffic: ${1:5%}, bake: ${2:10m}}, {pause: ${3:manual}}, …]'
 *   analysis, JSON       → ' [{"name": ${1:"new-5xx"}, …}]'
 */
export function listSkeleton(field: FieldDoc, style: ListStyle): string | undefined {
  const entries = entriesOf(field);
  if (entries === undefined) return undefined;
  let stop = 0;
  const value = (v: unknown) => {
    const text = style.json ? JSON.stringify(v) : String(v);
    return `\${${++stop}:${text.replace(/[$}\\]/g, '\\$&')}}`;
  };
  if (style.json || style.flow) {
    const key = (k: string) => (style.json ? JSON.stringify(k) : k);
    const maps = entries.map(
      (e) =>
        `{${Object.entries(e)
          .map(([k, v]) => `${key(k)}: ${value(v)}`)
          .join(', ')}}`,
    );
    return ` [${maps.join(', ')}]`;
  }
  const lines = entries.flatMap((e) =>
    Object.entries(e).map(([k, v], i) => `${style.indent}  ${i === 0 ? '- ' : '  '}${k}: ${value(v)}`),
  );
  return `\n${lines.join('\n')}`;
}

/** The first example of a list field, when it is a non-empty list of non-empty mappings of scalars. */
function entriesOf(field: FieldDoc): readonly Record<string, unknown>[] | undefined {
  const example = field.examples[0];
  if (!Array.isArray(example) || example.length === 0) return undefined;
  const mapping = (e: unknown): e is Record<string, unknown> =>
    typeof e === 'object' &&
    e !== null &&
    !Array.isArray(e) &&
    Object.keys(e).length > 0 &&
    Object.values(e).every((v) => ['string', 'number', 'boolean'].includes(typeof v));
  return example.every(mapping) ? example : undefined;
}
