import type { FleetTarget, ProviderName, StrategyType } from '../model.js';
import { maxDisplayName } from '../plan/bounds.js';
import { fits, keyOf } from './lookup.js';
import { annotated } from './schema-annotations.js';
import { childPaths, defName, type Schema } from './schema-names.js';
import { leafShape } from './schema-values.js';
import { type FieldDoc, fieldTable } from './table.js';

export { durationPattern, percentPattern } from './schema-patterns.js';

/**
 * Where the schema is published: the file in the repository, at a URL that stays put. It is the schema's `$id`
 * and the `$schema` a rollout file names (docs/schema.md).
 */
export const schemaUrl =
  'https://raw.githubusercontent.com/shiftwise/shiftwise/main/core/schema/rollout.schema.json';

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

/** A reference to a field's shape; mappings and lists are written out, since their shape depends on the strategy. */
function fieldRef(f: FieldDoc, provider: ProviderName, strategy?: StrategyType): Schema {
  return f.kind === 'mapping' || f.kind === 'list'
    ? shape(f, provider, strategy)
    : { $ref: `#/$defs/${defName(f)}` };
}

function shape(f: FieldDoc, provider: ProviderName, strategy?: StrategyType): Schema {
  if (f.kind === 'mapping') return mapping(f.path, provider, strategy);
  if (f.kind !== 'list') return leafShape(f);
  return {
    type: 'array',
    minItems: f.minimum ?? 1,
    ...(f.maximum !== undefined && { maxItems: f.maximum }),
    items: mapping(f.path, provider, strategy ?? f.strategies?.[0]),
  };
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
    properties: Object.fromEntries(
      fields.map((f) => [
        keyOf(f.path),
        strategy === undefined ? openRef(f, provider) : fieldRef(f, provider, strategy),
      ]),
    ),
    ...(required.length > 0 && {
      required: strategy === undefined && parent === 'strategy' ? ['type'] : required,
    }),
    ...(strategy !== undefined && { additionalProperties: false }),
  };
}

/**
 * A field's shape where the strategy is not known yet: what any of its rows for this provider accepts, so that a
 * bound of one strategy type never applies to another (SageMaker's `timeout` is 10m–8h, with `type: steps` up to
 * 7 days). The strategy type's own branch then holds the value to its row.
 *
 *   timeout, sagemaker → anyOf [10m–8h, 10m–7 days];  endpoint, sagemaker → its one shape
 */
function openRef(f: FieldDoc, provider: ProviderName): Schema {
  if (f.kind === 'mapping' || f.kind === 'list') return shape(f, provider);
  // Rows that differ by target (endpoint or inference component) are told apart by `targetSchema`; a row for any
  // target (a steps file's timeout) is one of every target's.
  const rows = fieldTable.filter(
    (g) =>
      g.path === f.path &&
      fits(g, { provider }) &&
      (g.targets === undefined || f.targets === undefined || String(g.targets) === String(f.targets)),
  );
  const shapes = new Map(rows.map((g) => [JSON.stringify(leafShape(g)), g]));
  if (shapes.size < 2) return fieldRef(f, provider);
  return { anyOf: [...shapes.values()].map((g) => fieldRef(g, provider)) };
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
      ...(provider === 'sagemaker' ? [targetSchema(), oneTarget] : [noOutage, displayName]),
      ...requirements(provider),
    ],
  };
}

/**
 * A root field that needs others beside it (`requires` in the table): "Missing property" when they are absent. A
 * list needs them only when it names something (`otherDeployedModels: []` names no other model, as the rule reads it).
 */
function requirements(provider: ProviderName): Schema[] {
  return fieldTable
    .filter((f) => f.requires !== undefined && !f.path.includes('.') && f.providers.includes(provider))
    .map((f) => ({
      if: {
        type: 'object',
        required: [f.path],
        ...(f.kind === 'names' && { properties: { [f.path]: { type: 'array', minItems: 1 } } }),
      },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
      then: { type: 'object', required: f.requires },
    }));
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

/**
 * Vertex AI: the rollout's `name` is the new DeployedModel's display name, at most 128 characters. A pattern, not
 * maxLength: yaml-language-server counts maxLength in UTF-16 units, Vertex AI (and the rule) in code points, and a
 * pattern with the `u` flag counts code points in both. A name defaulted from the file name is the rule's alone
 * (`resource-name`).
 */
const displayName: Schema = {
  type: 'object',
  properties: {
    name: {
      type: 'string',
      pattern: `^[\\s\\S]{0,${maxDisplayName}}$`,
      patternErrorMessage: `On Vertex AI the name is the new DeployedModel's display name: at most ${maxDisplayName} characters.`,
    },
  },
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
