import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Rollout } from '../model.js';
import type { SourceMap } from '../source/source-map.js';

/** What a semantic rule sees: the typed rollout, where its parts stand, and the capacity in force. */
export interface RuleContext {
  readonly rollout: Rollout;
  readonly source: SourceMap;
  /** The file's text, for fixes that edit around a value (whole lines, quotes, commas). */
  readonly text: string;
  /** The capacity given by the caller (`--capacity`, an editor setting), else the file's `capacity`, else undefined. */
  readonly capacity: number | undefined;
}

/** A semantic rule: a pure function from a typed rollout to findings. It never throws. */
export type Rule = (context: RuleContext) => readonly Diagnostic[];
