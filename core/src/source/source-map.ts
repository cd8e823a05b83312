import type { Range } from './range.js';

/** Where a key and its value stand in the file. */
export interface SourceSpan {
  /** The key's range; absent for the document root and for items of a sequence. */
  readonly key?: Range;
  readonly value: Range;
}

/**
 * Ranges of every key and value of a parsed rollout file, by dotted path:
 * `''` (the root), `strategy`, `strategy.size`, `rollback.alarms`, `rollback.alarms.0`.
 */
export interface SourceMap {
  get(path: string): SourceSpan | undefined;
  /** Every recorded path, in document order. */
  paths(): readonly string[];
}
