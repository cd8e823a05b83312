import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import type { Range } from '../source/range.js';
import type { SourceMap } from '../source/source-map.js';
import { validate } from './schema-validator.generated.js';

/** A JSON Schema validator as ajv makes them: true or false, and the errors of the last call. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The rollout schema's validator, generated from `rolloutSchema()` ahead of time (ajv's standalone code in
 * `schema-validator.generated.ts`): nothing compiles the schema at run time, and no bundle carries ajv. A test
 * keeps the generated file equal to what the schema generates and checks it finds what a compiled one finds.
 */
export function schemaValidator(): SchemaValidator {
  return validate as SchemaValidator;
}

/** `/strategy/size` → `strategy.size`; `/rollback/alarms/0` → `rollback.alarms.0`. */
export function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

/**
 * Checks plain data against the JSON Schema and maps each error to the range of the value (or key) it is
 * about. The rules are meant to be at least as strict as the schema, so these fire only when the two
 * disagree; combinator errors (`if`, `anyOf`, `oneOf`) that only summarise others are left out.
 */
export function schemaDiagnostics(data: unknown, source: SourceMap, text: string): Diagnostic[] {
  return schemaFindings(schemaValidator(), data, source, text);
}

/** The findings of `validate` on `data`: `schemaDiagnostics` with a validator of the caller's (tests). */
export function schemaFindings(
  validate: SchemaValidator,
  data: unknown,
  source: SourceMap,
  text: string,
): Diagnostic[] {
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter(
    (e) => !['if', 'anyOf', 'oneOf', 'allOf'].includes(e.keyword),
  );
  const chosen = errors.length > 0 ? errors : (validate.errors ?? []).slice(0, 1);
  // One value can fail the same keyword through several branches of the schema (a field's definition is checked
  // under each provider's and strategy's branch that holds it): it is said once.
  const said = new Set<string>();
  return chosen.flatMap((e) => {
    const finding = report('schema', message(e), rangeOf(e, source, text));
    const key = `${finding.range.start}:${finding.range.end}:${finding.message}`;
    if (said.has(key)) return [];
    said.add(key);
    return [finding];
  });
}

function message(e: ErrorObject): string {
  const path = pathOf(e.instancePath) || 'the file';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `'${params.additionalProperty}' is not allowed here by the rollout schema`;
  if (e.keyword === 'required') return `'${params.missingProperty}' is required by the rollout schema`;
  if (e.keyword === 'enum')
    return `'${path}' ${e.message}: ${(params.allowedValues as unknown[]).join(', ')}`;
  return `'${path}' ${e.message} (rollout schema)`;
}

function rangeOf(e: ErrorObject, source: SourceMap, text: string): Range {
  const path = pathOf(e.instancePath);
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const child = path === '' ? params.additionalProperty : `${path}.${params.additionalProperty}`;
    const span = source.get(child);
    if (span?.key) return span.key;
  }
  return source.get(path)?.value ?? { start: 0, end: Math.min(text.length, 1) };
}
