// The pure part of core: parse, validate, plan and render a rollout file. Read this first.
// Architecture invariant: no I/O and no throw on user input; nothing here imports the engine (core/src/engine),
// node:*, a cloud SDK, @actions/* or another workspace package.
// Architecture invariant: folders are layered (test/architecture/rules.ts lists them): model and source at the
// ground, then diagnostics and values, plan, fields, parse, rules, render and format; a module never imports a
// layer above it.

export { type RuleInfo, ruleCatalog, ruleInfo, rulesDocsBase } from './diagnostics/catalog.js';
export type { Diagnostic, Fix, Result, Severity, TextEdit } from './diagnostics/diagnostic.js';
export { isFlowText } from './diagnostics/edits.js';
export {
  describeValue,
  type FieldContext,
  type FieldDoc,
  type FieldKind,
  fieldAt,
  fieldDocs,
  fieldTable,
  keysFor,
  rolloutSchema,
} from './fields/index.js';
export * from './format/index.js';
export {
  type FleetTarget,
  fleetTarget,
  type ProviderName,
  type Rollout,
  type SageMakerRollout,
  type SageMakerStrategy,
  type SageMakerTarget,
  type Size,
  type StrategyType,
  type VertexRollout,
  type VertexStrategy,
} from './model.js';
export { type ParsedRollout, type ParseOptions, parseDocumentText, parseRollout } from './parse/index.js';
export { type RawNode, type RawScalar, scalarsByPath } from './parse/raw.js';
export { childPath, pathAt } from './parse/source-map.js';
export { type FleetOf, fleetCount, fleetUnit } from './plan/fleet-unit.js';
export * from './plan/index.js';
export { type StepNoun, type SummaryParts, stepNoun, summaryParts } from './plan/summary.js';
export type { BakeKind, Plan, PlanOptions, PlanStep } from './plan/types.js';
export * from './render/index.js';
export { type HoleWatch, watchHoles } from './rules/holes.js';
export type { Rule, RuleContext } from './rules/rule.js';
export { type LineIndex, lineIndex, type Position, type Range } from './source/range.js';
export {
  isJsonFileName,
  isRolloutFile,
  isRolloutPath,
  rolloutGlob,
  rolloutGlobAnyCase,
} from './source/rollout-files.js';
export type { SourceMap, SourceSpan } from './source/source-map.js';
export { type DecodedText, decodeUtf8, type NotUtf8, utf8Length } from './source/utf8.js';
export {
  statesCapacity,
  usableCapacity,
  type ValidateOptions,
  type Validation,
  validateRollout,
} from './validate.js';
export { canonicalDuration, parseDuration } from './values/duration.js';
export { formatSize, parseSize } from './values/size.js';
