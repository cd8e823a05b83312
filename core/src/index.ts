// The pure part of core: no I/O, never throws on user input, knows nothing of the engine.
export type { Diagnostic, Fix, Result, Severity, TextEdit } from './diagnostic.js';
export type {
  ProviderName,
  Rollout,
  SageMakerRollout,
  SageMakerStrategy,
  Size,
  StrategyType,
  VertexRollout,
  VertexStrategy,
} from './model.js';
export type { BakeKind, Plan, PlanOptions, PlanStep } from './plan/types.js';
export { type LineIndex, lineIndex, type Position, type Range } from './source/range.js';
