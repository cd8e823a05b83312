import type { FleetTarget, ProviderName, StrategyType } from '../model.js';
import { fits, keyOf } from './lookup.js';
import { durationRangePattern, pauseRangePattern, percentRangePattern } from './schema-patterns.js';
import { type FieldDoc, fieldTable } from './table.js';

type Schema = Record<string, unknown>;

export { durationPattern, percentPattern } from './schema-patterns.js';

/**
 * Where the schema is published: the file in the repository, at a URL that stays put. It is the schema's `$id`
 * and the `$schema` a rollout file names (docs/schema.md).
 */
export const schemaUrl =
  'https://raw.githubusercontent.com/shiftwise/shiftwise/main/core/schema/rollout.schema.json';

/** 1–255 code points, not blank, no control characters or line separators (the alarm-name rule). */
const alarmNamePattern = '^(?=.*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]{1,255}$';

/** The strategy types of each provider: the values of its `strategy.type` fields in the table. */
function strategiesOf(provider: ProviderName): StrategyType[] {
  const types = fieldTable
    .filter((f) => f.path === 'strategy.type' && f.providers.includes(provider))
    .flatMap((f) => (f.values ?? []) as StrategyType[]);
  return [...new Set(types)];
}

/**
 * The JSON Schema (draft 2020-12) of the rollout file, built from the field table so that it says what the
 * reader and the rules say, as far as a schema can. Two halves:
 *
 * - `properties` is the annotation tree: every path any provider or strategy knows, with its title,
 *   `markdownDescription` and `examples`, once. Editors collect annotations from every subschema that matches a
 *   value (yaml-language-server prints an "Example" per example of each), so nothing else carries them.
 * - `allOf` holds the shapes: per provider (`if`/`then`) and per strategy type, exactly the fields that belong,
 *   closed with `additionalProperties: false`, each a `$ref` to its shape in `$defs` (type, integer bounds, the
 *   pattern of a bounded percent or duration, and a `patternErrorMessage` that says what to write).
 *
 * Bounds that depend on capacity, on other fields or on the sum of a duration's units are the rules'
 * (docs/schema.md lists them). Written to core/schema/rollout.schema.json (a test keeps the file equal to this).
 */
export function rolloutSchema(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaUrl,
    title: 'Shiftwise rollout file',
    description:
      'One model-endpoint rollout (format version 1): the provider, the endpoint, what to deploy and how traffic moves. See docs/rules.md for every rule.',
    type: 'object',
    required: ['version', 'provider', 'endpoint', 'strategy'],
    properties: Object.fromEntries(childPaths('').map((path) => [keyOf(path), annotated(path)])),
    $defs: Object.fromEntries(
      fieldTable
        .filter((f) => f.kind !== 'mapping' && f.kind !== 'list')
        .map((f) => [defName(f), shape(f, f.providers[0] as ProviderName)]),
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

/** A reference to a field's shape; mappings and lists are written out, since their shape depends on the strategy. */
function fieldRef(f: FieldDoc, provider: ProviderName, strategy?: StrategyType): Schema {
  return f.kind === 'mapping' || f.kind === 'list'
    ? shape(f, provider, strategy)
    : { $ref: `#/$defs/${defName(f)}` };
}

/**
 * The annotations of the path (every variant's words, labelled by where each applies) and, under mappings
 * and lists, of the paths beneath it. A leaf with one variant also checks its shape here, so a file whose
 * provider is not known yet still gets its values checked.
 */
function annotated(path: string): Schema {
  const all = fieldTable.filter((f) => f.path === path);
  const first = all[0] as FieldDoc;
  const words = {
    title: first.title,
    description:
      all.length === 1 ? describe(first) : all.map((f) => `${where(f)}: ${describe(f)}`).join('\n\n'),
    markdownDescription:
      all.length === 1 ? markdown(first) : all.map((f) => `**${where(f)}**: ${markdown(f)}`).join('\n\n'),
    examples: distinct(all.flatMap((f) => f.examples)),
  };
  if (first.kind === 'mapping') return { ...words, type: 'object', properties: children(path) };
  if (first.kind === 'list')
    return { ...words, type: 'array', items: { type: 'object', properties: children(path) } };
  return all.length === 1 ? { ...words, $ref: `#/$defs/${defName(first)}` } : words;
}

function children(parent: string): Schema {
  return Object.fromEntries(childPaths(parent).map((p) => [keyOf(p), annotated(p)]));
}

function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where a variant of a field applies: `SageMaker, canary, linear`, `Vertex AI`, `SageMaker, inference component`. */
function where(f: FieldDoc): string {
  const parts = [f.providers.map(label).join(', ')];
  if (f.strategies !== undefined) parts.push(`type ${f.strategies.join(', ')}`);
  if (f.targets?.length === 1) parts.push(f.targets[0] === 'endpoint' ? 'endpoint' : 'inference component');
  return parts.join('; ');
}

function describe(f: FieldDoc): string {
  const parts = [f.description];
  if (f.bounds !== undefined) parts.push(`Bounds: ${f.bounds}.`);
  if (f.apiField !== undefined) parts.push(`Becomes ${f.apiField}.`);
  return parts.join(' ');
}

/** The description for editors that render markdown: bounds and the API field on lines of their own. */
function markdown(f: FieldDoc): string {
  const lines = [f.description];
  if (f.bounds !== undefined) lines.push(`Bounds: ${f.bounds}.`);
  if (f.apiField !== undefined) lines.push(`Becomes ${f.apiField}.`);
  return lines.join('\n\n');
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

/** `600` → `10m`, `3600` → `1h`, `90` → `90s`: a bound in the unit a reader would write it in. */
function durationWords(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const durationForms =
  "seconds (600) or a string of hours, minutes and seconds in that order, like '90s', '10m', '1h30m'";

/** An integer of seconds or a duration string, both within the field's bounds. */
function duration(f: FieldDoc): Schema {
  const min = f.minimum ?? 0;
  const range =
    f.maximum === undefined
      ? `at least ${durationWords(min)}`
      : `${durationWords(min)}–${durationWords(f.maximum)}`;
  return {
    type: ['integer', 'string'],
    minimum: min,
    ...(f.maximum !== undefined && { maximum: f.maximum }),
    pattern: durationRangePattern(min, f.maximum),
    patternErrorMessage: `Expected a duration of ${range}: ${durationForms}.`,
  };
}

/** A count within the field's bounds, or a whole percent within its percent bounds. */
function size(f: FieldDoc): Schema {
  const lo = f.percentMinimum ?? 0;
  const hi = f.percentMaximum ?? 100;
  return {
    type: ['integer', 'string'],
    minimum: f.minimum ?? 0,
    ...(f.maximum !== undefined && { maximum: f.maximum }),
    pattern: percentRangePattern(lo, hi),
    patternErrorMessage: `Expected a whole percent of ${lo}–${hi}% (like '${f.examples.find((e) => typeof e === 'string') ?? `${hi}%`}') or a count of instances.`,
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
    case 'percent': {
      const [lo, hi] = [f.minimum ?? 0, f.maximum ?? 100];
      return {
        type: 'string',
        pattern: percentRangePattern(lo, hi),
        patternErrorMessage: `Expected a whole percent of ${lo}–${hi}%, like '${f.examples[0]}'.`,
      };
    }
    case 'pause':
      return {
        type: ['integer', 'string'],
        minimum: f.minimum ?? 0,
        ...(f.maximum !== undefined && { maximum: f.maximum }),
        pattern: pauseRangePattern(f.minimum ?? 0, f.maximum),
        patternErrorMessage: `Expected 'manual' or a duration of ${durationWords(f.minimum ?? 0)}–${durationWords(f.maximum ?? 0)}: ${durationForms}.`,
      };
    case 'enum':
      return { type: 'string', enum: f.values };
    case 'duration':
      return duration(f);
    case 'size':
      return size(f);
    case 'names':
      return {
        type: 'array',
        maxItems: f.maximum ?? 10,
        // A pattern, not maxLength: yaml-language-server counts maxLength in UTF-16 units, CloudWatch (and the
        // rules) in code points, and a pattern with the `u` flag counts code points in both.
        items: {
          type: 'string',
          pattern: f.pattern ?? alarmNamePattern,
          patternErrorMessage:
            f.path === 'rollback.alarms'
              ? 'Expected a CloudWatch alarm name: 1–255 characters, not blank, on one line (no control characters).'
              : `Expected ${f.bounds ?? 'a name'}.`,
        },
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
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [keyOf(f.path), fieldRef(f, provider, strategy)])),
    ...(required.length > 0 && {
      required: strategy === undefined && parent === 'strategy' ? ['type'] : required,
    }),
    ...(strategy !== undefined && { additionalProperties: false }),
  };
}

/** Per provider: its fields; per strategy type: exactly the fields that type takes. */
function providerSchema(provider: ProviderName): Schema {
  const open = mapping('', provider);
  return {
    ...open,
    // endpointConfig or model; both is said on `model`, where the rule says it.
    ...(provider === 'sagemaker' && {
      anyOf: [
        { type: 'object', required: ['endpointConfig'] },
        { type: 'object', required: ['model'] },
      ],
    }),
    allOf: [
      ...strategiesOf(provider).map((strategy) => ({
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
      ...(provider === 'sagemaker' ? [targetSchema(), oneTarget] : [noOutage]),
    ],
  };
}

/**
 * SageMaker updates an endpoint or, with a root `inferenceComponent`, one inference component: the fields of the
 * other target do not belong, and a component rolls (`strategy.type: rolling`).
 */
function targetSchema(): Schema {
  const notFor = (target: FleetTarget) =>
    Object.fromEntries(
      childPaths('')
        .filter((path) => {
          const sagemaker = fieldTable.filter((f) => f.path === path && f.providers.includes('sagemaker'));
          return sagemaker.length > 0 && !sagemaker.some((f) => fits(f, { provider: 'sagemaker', target }));
        })
        .map((path) => [keyOf(path), false]),
    );
  const componentType = fieldTable.find(
    (f) => f.path === 'strategy.type' && f.targets?.includes('inference-component'),
  ) as FieldDoc;
  return {
    if: { type: 'object', required: ['inferenceComponent'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
    then: {
      type: 'object',
      properties: {
        ...notFor('inference-component'),
        strategy: { type: 'object', properties: { type: { $ref: `#/$defs/${defName(componentType)}` } } },
      },
    },
    else: { type: 'object', properties: notFor('endpoint') },
  };
}

/** endpointConfig and model both set: said on `model` ("Property model is not allowed"), where the rule says it. */
const oneTarget: Schema = {
  if: { type: 'object', required: ['endpointConfig'] },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
  then: { type: 'object', properties: { model: false } },
};

/** Zero written as a count or a percent (`0`, `'0%'`, `'00%'`). */
const zero = { anyOf: [{ const: 0 }, { type: 'string', pattern: '^0+%$' }] };

/** Vertex AI: `maxSurge` and `maxUnavailable` both zero would replace nothing; said on `maxSurge`, as the rule does. */
const noOutage: Schema = {
  type: 'object',
  properties: {
    strategy: {
      type: 'object',
      if: { type: 'object', required: ['maxUnavailable'], properties: { maxUnavailable: zero } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
      then: {
        type: 'object',
        properties: {
          maxSurge: {
            type: ['integer', 'string'],
            minimum: 1,
            pattern: '^0*[1-9][0-9]*%$',
            patternErrorMessage:
              'maxSurge and maxUnavailable are both zero, so no replica can be replaced: give one of them a value above 0.',
          },
        },
      },
    },
  },
};
