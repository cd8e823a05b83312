// The field catalog for editors (hover, completion) and the JSON Schema, built from one table.
export { describeValue } from './describe.js';
export {
  type FieldContext,
  fieldAt,
  fieldDocs,
  fits,
  keyOf,
  keysFor,
  type Placement,
  placement,
  requiredKeys,
} from './lookup.js';
export { fieldReference } from './reference.js';
export { durationPattern, percentPattern, rolloutSchema } from './schema.js';
export { pathOf, schemaDiagnostics, schemaValidator } from './schema-check.js';
export { type FieldDoc, type FieldKind, fieldTable, sageMakerName } from './table.js';
