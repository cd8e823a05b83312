import type { ProviderName, StrategyType } from '../model.js';
import { fits, keyOf } from './lookup.js';
import { type FieldDoc, fieldTable } from './table.js';

type Schema = Record<string, unknown>;

/** `90s`, `10m`, `1h`, `1h30m`: hours, minutes, seconds in that order, at least one. */
export const durationPattern = '^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?$';
export const percentPattern = '^[0-9]+%$';

const strategiesOf: Record<ProviderName, readonly StrategyType[]> = {
  sagemaker: ['all-at-once', 'canary', 'linear', 'rolling', 'retain', 'steps'],
  'vertex-ai': ['rolling'],
};

/**
 * The JSON Schema (draft 2020-12) of the rollout file, built from the field table so that it says what the
 * reader and the rules say: every field with title, description and examples; per provider and strategy
 * type, exactly the fields that belong (`if`/`then` with `additionalProperties: false`). Integer bounds
 * are in the schema; bounds that depend on capacity or on a string's meaning (`'2h'`, `'60%'`) are the
 * rules'. Written to core/schema/rollout.schema.json (a test keeps the file equal to this).
 */
export function rolloutSchema(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://shiftwise.dev/schema/rollout.schema.json',
    title: 'Shiftwise rollout file',
    description:
      'One model-endpoint rollout (format version 1): the provider, the endpoint, what to deploy and how traffic moves. See docs/rules.md for every rule.',
    type: 'object',
    required: ['version', 'provider', 'endpoint', 'strategy'],
    properties: Object.fromEntries(childPaths('').map((path) => [keyOf(path), generic(path)])),
    $defs: Object.fromEntries(
      fieldTable
        .filter((f) => f.kind !== 'mapping' && f.kind !== 'list')
        .map((f) => [defName(f), fieldSchema(f, f.providers[0] as ProviderName)]),
    ),
    propertyNames: { enum: childPaths('').map(keyOf) },
    allOf: (['sagemaker', 'vertex-ai'] as const).map((provider) => ({
      if: { type: 'object', properties: { provider: { const: provider } }, required: ['provider'] },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
      then: providerSchema(provider),
    })),
    examples: [
      {
        version: 1,
        provider: 'sagemaker',
        endpoint: 'fraud-detector-prod',
        endpointConfig: 'fraud-detector-v42',
        capacity: 4,
        strategy: { type: 'canary', size: '25%', bake: '10m' },
        terminationWait: '10m',
        timeout: '1h',
        rollback: { alarms: ['fraud-5xx', 'fraud-latency-p99'] },
      },
    ],
  };
}

/** Distinct paths directly under `parent`, in table order. */
function childPaths(parent: string): string[] {
  const paths = fieldTable
    .map((f) => f.path)
    .filter((p) => p.slice(0, Math.max(0, p.lastIndexOf('.'))) === parent);
  return [...new Set(paths)];
}

/** The `$defs` name of a field: its path, plus provider and strategies when the path has variants. */
function defName(f: FieldDoc): string {
  if (fieldTable.filter((g) => g.path === f.path).length === 1) return f.path;
  return [f.path, ...f.providers, ...(f.strategies ?? []), ...(f.targets ?? [])].join('-');
}

/** A reference to a field's definition; mappings are written out, since their shape depends on the strategy. */
function fieldRef(f: FieldDoc, provider: ProviderName, strategy?: StrategyType): Schema {
  return f.kind === 'mapping' || f.kind === 'list'
    ? fieldSchema(f, provider, strategy)
    : { $ref: `#/$defs/${defName(f)}` };
}

/** A field's annotations (shown by editors) and value shape. */
function fieldSchema(f: FieldDoc, provider: ProviderName, strategy?: StrategyType): Schema {
  return { title: f.title, description: describe(f), examples: f.examples, ...shape(f, provider, strategy) };
}

function describe(f: FieldDoc): string {
  const parts = [f.description];
  if (f.bounds !== undefined) parts.push(`Bounds: ${f.bounds}.`);
  if (f.apiField !== undefined) parts.push(`Becomes ${f.apiField}.`);
  return parts.join(' ');
}

/** A field that means different things per provider (`endpoint`, `model`, `timeout`): annotations only. */
function generic(path: string): Schema {
  const all = fieldTable.filter((f) => f.path === path);
  const first = all[0] as FieldDoc;
  if (all.length === 1) return fieldRef(first, first.providers[0] as ProviderName);
  return {
    title: first.title,
    description: all.map((f) => `${f.providers.map(label).join(', ')}: ${describe(f)}`).join('\n\n'),
    examples: all.flatMap((f) => f.examples),
  };
}

function label(p: ProviderName): string {
  return p === 'sagemaker' ? 'SageMaker' : 'Vertex AI';
}

function integer(f: FieldDoc, floor = 0): Schema {
  return {
    type: 'integer',
    minimum: f.minimum ?? floor,
    ...(f.maximum !== undefined && { maximum: f.maximum }),
  };
}

function shape(f: FieldDoc, provider: ProviderName, strategy?: StrategyType): Schema {
  switch (f.kind) {
    case 'version':
      return { const: 1 };
    case 'text':
      return { type: 'string' };
    case 'name':
      return { type: 'string', ...(f.pattern !== undefined && { pattern: f.pattern }) };
    case 'integer':
      return integer(f);
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'percent':
      return { type: 'string', pattern: percentPattern };
    case 'pause':
      return { anyOf: [{ const: 'manual' }, integer(f), { type: 'string', pattern: durationPattern }] };
    case 'enum':
      return { type: 'string', enum: f.values };
    case 'duration':
      return { anyOf: [integer(f), { type: 'string', pattern: durationPattern }] };
    case 'size':
      return { anyOf: [integer(f), { type: 'string', pattern: percentPattern }] };
    case 'names':
      return {
        type: 'array',
        maxItems: f.maximum ?? 10,
        items: { type: 'string', minLength: 1, maxLength: 255, pattern: '\\S' },
      };
    case 'mapping':
      return mapping(f.path, provider, strategy);
    case 'list':
      return {
        type: 'array',
        minItems: f.minimum ?? 1,
        ...(f.maximum !== undefined && { maxItems: f.maximum }),
        items: mapping(f.path, provider, strategy ?? f.strategies?.[0]),
      };
  }
}

/** The fields under `parent` for one provider and (when given) strategy; closed when the strategy is known. */
function mapping(parent: string, provider: ProviderName, strategy?: StrategyType): Schema {
  const context = { provider, ...(strategy !== undefined && { strategy }) };
  const fields = childPaths(parent)
    .map((path) => fieldTable.find((f) => f.path === path && fits(f, context)))
    .filter((f): f is FieldDoc => f !== undefined);
  // Without a strategy, only what every strategy requires (a field required by one type is that type's).
  const required = fields
    .filter((f) => f.required && (strategy !== undefined || f.strategies === undefined))
    .map((f) => keyOf(f.path));
  const closed = strategy !== undefined || parent === 'strategy';
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [keyOf(f.path), fieldRef(f, provider, strategy)])),
    ...(required.length > 0 && {
      required: strategy === undefined && parent === 'strategy' ? ['type'] : required,
    }),
    ...(closed && strategy !== undefined && { additionalProperties: false }),
  };
}

/** Per provider: its fields; per strategy type: exactly the fields that type takes. */
function providerSchema(provider: ProviderName): Schema {
  const open = mapping('', provider);
  return {
    ...open,
    ...(provider === 'sagemaker' && {
      oneOf: [
        { type: 'object', required: ['endpointConfig'], not: { type: 'object', required: ['model'] } },
        { type: 'object', required: ['model'], not: { type: 'object', required: ['endpointConfig'] } },
      ],
    }),
    allOf: strategiesOf[provider].map((strategy) => ({
      if: {
        type: 'object',
        properties: {
          strategy: { type: 'object', properties: { type: { const: strategy } }, required: ['type'] },
        },
        required: ['strategy'],
      },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
      then: mapping('', provider, strategy),
    })),
  };
}
