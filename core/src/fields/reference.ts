import type { ProviderName } from '../model.js';
import { type FieldDoc, type FieldKind, fieldTable } from './table.js';

/** How each kind of value is written, in the reference's words. */
const kindWords: Record<FieldKind, string> = {
  version: 'integer',
  text: 'string',
  name: 'name',
  integer: 'integer',
  number: 'number',
  boolean: 'true or false',
  duration: 'duration',
  size: 'size',
  percent: 'percent',
  pause: "'manual' or duration",
  enum: 'one of',
  mapping: 'mapping',
  list: 'list of mappings',
  names: 'list of names',
};

const providerTitles: Record<ProviderName, string> = {
  sagemaker: 'Amazon SageMaker (`provider: sagemaker`)',
  'vertex-ai': 'Google Vertex AI (`provider: vertex-ai`)',
};

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
}

function typeOf(field: FieldDoc): string {
  return field.values === undefined
    ? kindWords[field.kind]
    : `${kindWords[field.kind]} ${field.values.map((v) => `\`${v}\``).join(', ')}`;
}

function row(field: FieldDoc): string {
  const strategies = field.strategies === undefined ? 'every strategy' : field.strategies.join(', ');
  const targets = field.targets?.map((t) => (t === 'endpoint' ? 'endpoint updates' : 'inference components'));
  const where = targets === undefined ? strategies : `${strategies}; ${targets.join(', ')} only`;
  const example =
    field.examples.length === 0 || field.kind === 'mapping' || field.kind === 'list'
      ? ''
      : `\`${JSON.stringify(field.examples[0])}\``;
  return `| \`${field.path}\` | ${cell(typeOf(field))} | ${field.required ? 'yes' : 'no'} | ${where} | ${cell(
    field.bounds ?? '',
  )} | ${cell(field.apiField ?? '')} | ${example} |`;
}

function details(field: FieldDoc): string {
  return `- **\`${field.path}\`** (${field.title}): ${cell(field.description)}`;
}

/**
 * The field reference of docs/rollout-file.md, built from the field table that also builds the JSON Schema,
 * hover and completion, so the doc cannot drift from what the tools check. One section per provider: a table
 * (field, type, required, strategies, bounds, API field, example), then each field's meaning.
 *
 *   fieldReference().startsWith('### Amazon SageMaker') → true
 */
export function fieldReference(): string {
  return (['sagemaker', 'vertex-ai'] as const)
    .map((provider) => {
      const fields = fieldTable.filter((f) => f.providers.includes(provider));
      return [
        `### ${providerTitles[provider]}`,
        '',
        '| field | type | required | strategies | bounds | API field | example |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...fields.map(row),
        '',
        ...fields.map(details),
      ].join('\n');
    })
    .join('\n\n');
}
