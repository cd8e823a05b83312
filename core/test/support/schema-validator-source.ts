// The source of core/src/fields/schema-validator.generated.ts: ajv's standalone code for the rollout schema, so
// that no process compiles the schema at run time (about 100 ms of a CLI run, and ajv itself in every bundle).
// ajv stays a dependency of the tests only: they regenerate this text and compare it with the committed file,
// and check that the generated validator finds what a validator compiled at run time finds.
import { createRequire } from 'node:module';
import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { rolloutSchema } from '../../src/fields/schema.js';

/**
 * The options of both validators: every error, not the first (each becomes a finding); the schema's strictness is
 * checked once in core/test/schema.test.ts; `$defs` are functions of their own, not inlined at each of their
 * 146 references (a third less code).
 */
export const validatorOptions: Options = { allErrors: true, strict: false, inlineRefs: false };

/** A validator compiled now from the schema the code is generated from (`generatedSchema`). */
export function compiledValidator(): ValidateFunction {
  return new Ajv2020(validatorOptions).compile(generatedSchema());
}

type Schema = { [key: string]: unknown };

/**
 * The rollout schema with every `then` and `else` moved into `$defs` and referred to: the same schema (a `$ref` to
 * a subschema validates as the subschema, and errors keep their instance paths), but each branch becomes a
 * function of its own that V8 compiles only when a file takes that branch, instead of one large function whose
 * first call compiles every provider's and strategy's branch (several milliseconds of a CLI run).
 */
export function generatedSchema(): Schema {
  const schema = withoutAnnotations(structuredClone(rolloutSchema())) as Schema;
  const defs = schema.$defs as Schema;
  let next = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const object = node as Schema;
    for (const [key, value] of Object.entries(object)) {
      visit(value);
      if ((key === 'then' || key === 'else') && value !== null && typeof value === 'object') {
        const name = `branch${next++}`;
        defs[name] = value;
        object[key] = { $ref: `#/$defs/${name}` };
      }
    }
  };
  visit({ ...schema, $defs: {} });
  return schema;
}

/** Keywords that only describe (editors show them); validation never reads them. */
const annotations = new Set([
  'title',
  'description',
  'markdownDescription',
  'examples',
  'default',
  '$comment',
]);
/** Keywords whose value is a map of names to subschemas, or a list of subschemas. */
const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value is one subschema. */
const schemaValues = new Set([
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/**
 * The schema without its annotations: the same validation, but the generated code no longer carries every title,
 * description and example as constants (ajv keeps the schema objects it was given): about a tenth less code for a
 * process that validates a file to parse (335 kB → 303 kB of generated source).
 */
export function withoutAnnotations(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const kept: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (annotations.has(key)) continue;
    if (schemaMaps.has(key) && value !== null && typeof value === 'object')
      kept[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutAnnotations(v)]));
    else if (schemaLists.has(key) && Array.isArray(value)) kept[key] = value.map(withoutAnnotations);
    else if (schemaValues.has(key)) kept[key] = withoutAnnotations(value);
    else kept[key] = value;
  }
  return kept;
}

const require = createRequire(import.meta.url);

/** The module text: ajv's ESM standalone code, with its runtime helpers (`ucs2length`) inlined. */
export function schemaValidatorSource(): string {
  const ajv = new Ajv2020({ ...validatorOptions, code: { source: true, esm: true } });
  // ajv/dist/standalone is CommonJS: imported from ESM, its default export is the function or holds it.
  type Generate = (ajv: Ajv2020, validate: ValidateFunction) => string;
  const module = standalone as unknown as Generate | { default: Generate };
  const generate = typeof module === 'function' ? module : module.default;
  const code = generate(ajv, ajv.compile(generatedSchema())).replace(
    /require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)\.default/gi,
    (_: string, path: string) => `(${String(require(path).default)})`,
  );
  if (/\brequire\(/.test(code)) throw new Error('the generated validator still requires a module');
  return `${header}${withSchemaReadsHoisted(code)}\n`;
}

/**
 * ajv's code keeps a schema object as a constant wherever an error reads part of it (`schema19.propertyNames.enum`
 * for the allowed values), and so the whole schema, every `$defs` entry of it, becomes an object literal that each
 * process builds when it loads the module, for a list of a few names. Each read becomes a constant of its own that
 * holds the part read (`const schema19_propertyNames_enum = [...]`), and a schema constant nothing reads any more
 * goes: about a quarter of the generated code, and the same values where an error reads them.
 */
export function withSchemaReadsHoisted(code: string): string {
  const schemas = new Map<string, { start: number; end: number; value: unknown }>();
  for (const match of code.matchAll(/\bconst (schema\d+) = /g)) {
    const start = match.index;
    const valueStart = start + match[0].length;
    const end = jsonEnd(code, valueStart);
    if (code[end] !== ';') throw new Error(`${match[1]}: expected ';' after its value`);
    schemas.set(match[1] as string, { start, end: end + 1, value: JSON.parse(code.slice(valueStart, end)) });
  }
  const hoisted = new Map<string, unknown>();
  const readOf = new Map<string, string>(); // constant → the read it holds
  const body = code.replace(
    /\b(schema\d+)((?:\.[A-Za-z_$][\w$]*)+)/g,
    (read: string, name: string, path: string) => {
      const schema = schemas.get(name);
      if (schema === undefined) return read;
      let value = schema.value;
      for (const key of path.slice(1).split('.')) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key))
          throw new Error(`${read}: the schema constant has no such part`);
        value = (value as Record<string, unknown>)[key];
      }
      const constant = `${name}${path.replaceAll('.', '_')}`;
      // Two reads must not share a name (`a.b` and `a_b` would), nor take one the code already uses.
      const earlier = readOf.get(constant);
      if (earlier === undefined ? new RegExp(`\\b${constant}\\b`).test(code) : earlier !== read)
        throw new Error(`${read}: the name of its constant, ${constant}, is taken`);
      readOf.set(constant, read);
      hoisted.set(constant, value);
      return constant;
    },
  );
  // Cut each schema constant that nothing reads any more, from the text after the reads were replaced.
  let kept = body;
  for (const name of schemas.keys()) {
    const definition = new RegExp(`\\bconst ${name} = `).exec(kept);
    if (definition === null) continue;
    const end = jsonEnd(kept, definition.index + definition[0].length) + 1;
    const rest = kept.slice(0, definition.index) + kept.slice(end);
    if (!new RegExp(`\\b${name}\\b`).test(rest)) kept = rest;
  }
  const constants = [...hoisted].map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`).join('');
  const directive = '"use strict";';
  return kept.startsWith(directive) ? directive + constants + kept.slice(directive.length) : constants + kept;
}

/** Where the JSON value that starts at `start` of `text` ends (the index after it). */
function jsonEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const c = text[at];
    if (c === '"') {
      at++;
      while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth === 0 && (c === '}' || c === ']' || c === '"')) return at + 1;
    if (depth === 0 && /[\d\-tfn]/.test(c as string)) {
      const literal = /^(?:-?[\d.eE+-]+|true|false|null)/.exec(text.slice(at));
      return at + (literal?.[0].length ?? 1);
    }
  }
  throw new Error('a schema constant does not end');
}

const header = `// Generated from rolloutSchema() (core/src/fields/schema.ts) by core/test/support/schema-validator-source.ts:
// ajv's standalone code for the rollout schema (each if/then branch a function of its own), so that nothing
// compiles the schema at run time. Do not edit;
// regenerate with SHIFTWISE_WRITE_SCHEMA=1 pnpm test core/test/schema-validator.test.ts
// biome-ignore-all lint: generated code
// biome-ignore-all format: generated code
// @ts-nocheck
`;
