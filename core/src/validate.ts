import type { Diagnostic } from './diagnostics/diagnostic.js';
import { byPosition } from './diagnostics/report.js';
import { schemaDiagnostics } from './fields/schema-check.js';
import type { Rollout } from './model.js';
import { capFindings } from './parse/cap.js';
import { internal, type ParseOptions, parseDocumentText } from './parse/index.js';
import { type RawNode, toPlain } from './parse/raw.js';
import { unread } from './parse/reader.js';
import { nonEmpty } from './parse/syntax.js';
import { maxFleet } from './plan/bounds.js';
import { watchHoles } from './rules/holes.js';
import { rules } from './rules/index.js';
import type { Rule, RuleContext } from './rules/rule.js';
import type { SourceMap } from './source/source-map.js';

export interface ValidateOptions extends ParseOptions {
  /**
   * Instances in the new fleet; overrides the file's `capacity` (`--capacity`, an editor setting).
   * Ignored unless a whole number 1–10000 (`maxFleet`, the bound of `capacity-range`).
   */
  readonly capacity?: number;
  /**
   * Instances in the new fleet when the file states none: used only when the file has neither `capacity` nor an
   * inference component's `copies` (whatever their value), as a default (an editor setting). Ignored unless a
   * whole number 1–10000, like `capacity`.
   */
  readonly fallbackCapacity?: number;
}

/** A validated rollout file: the typed model when it could be built, every finding sorted by position, and ranges. */
export interface Validation {
  readonly value: Rollout | undefined;
  /**
   * When `value` is undefined because the reading stopped at a finding: the model the rules ran on, with `unread`
   * (core/src/parse/reader.ts) in each hole; undefined otherwise. Read it only through `watchHoles`
   * (core/src/rules/holes.ts), as hover does: a hole read as a value would describe what the file does not hold.
   */
  readonly partial: Rollout | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly source: SourceMap;
  /**
   * The file as plain data with positions, what the model was read from (partial after a syntax error; undefined
   * when nothing read): editors read values from it (`scalarsByPath`) instead of reading the text again.
   */
  readonly tree: RawNode | undefined;
}

/**
 * Parses and checks a rollout file against every rule of docs/rules.md: syntax, shape, the JSON Schema,
 * and the semantic bounds (capacity-aware when a capacity is known). Pure and total: never throws; an
 * unexpected failure becomes one `internal` diagnostic. At most 200 findings, sorted by position; the rest are
 * counted in one `too-many-findings` error.
 *
 *   validateRollout('version: 1\nprovider: sagemaker\n...', { fileName: 'a.rollout.yaml', capacity: 4 })
 */
export function validateRollout(text: string, options: ValidateOptions = {}): Validation {
  const parsed = parseDocumentText(text, options);
  const diagnostics = [...parsed.diagnostics];
  // A file whose reading stopped at a finding still gets the findings of every rule that reads none of its holes.
  const rollout = parsed.value ?? parsed.partial;
  if (rollout !== undefined) {
    const context: RuleContext = {
      rollout,
      source: parsed.source,
      text,
      // A capacity beyond any fleet (0, 2147483647, 1e400) is capacity-range's to report; the other rules plan
      // with none rather than say what a share of it would be.
      capacity:
        usableCapacity(options.capacity) ??
        usableCapacity(rollout.capacity) ??
        (statesCapacity(parsed.source) ? undefined : usableCapacity(options.fallbackCapacity)),
    };
    const capacityUnread = rollout.capacity === unread && usableCapacity(options.capacity) === undefined;
    diagnostics.push(
      ...(parsed.value !== undefined
        ? runRules(rules, context)
        : runRulesAroundHoles(rules, context, capacityUnread)),
    );
  }
  diagnostics.push(...schemaSafetyNet(parsed.tree, parsed.syntaxFailed, diagnostics, parsed.source, text));
  const inside = diagnostics.map((d) => ({ ...d, range: nonEmpty(d.range, text) }));
  return {
    value: parsed.value,
    partial: parsed.value === undefined ? parsed.partial : undefined,
    diagnostics: capFindings(inside.sort(byPosition)),
    source: parsed.source,
    tree: parsed.tree,
  };
}

/**
 * Whether the file's root mapping has the key of its fleet size (`capacity`, or an inference component's `copies`),
 * whatever its value: read from the parse, so a key in a comment or a string does not count.
 */
export function statesCapacity(source: SourceMap): boolean {
  return source.get('capacity') !== undefined || source.get('copies') !== undefined;
}

/**
 * A caller's capacity counts only when it is a whole number of instances, 1–`maxFleet`; else the file's is used.
 * Callers that plan with a capacity of their own (an editor's setting) read it through this too, so that what is
 * planned is what was checked.
 *
 *   4 → 4;  100000 → undefined;  2.5 → undefined;  '4' → undefined
 */
export function usableCapacity(capacity: unknown): number | undefined {
  return typeof capacity === 'number' &&
    Number.isSafeInteger(capacity) &&
    capacity >= 1 &&
    capacity <= maxFleet
    ? capacity
    : undefined;
}

/**
 * The JSON Schema, as a safety net: it reports only on files the reader and rules found no error in, since
 * those are meant to be at least as strict (a property test checks it). A finding here is a disagreement
 * between schema and rules, shown as `schema` so that the file is never silently accepted.
 */
function schemaSafetyNet(
  tree: RawNode | undefined,
  syntaxFailed: boolean,
  found: readonly Diagnostic[],
  source: SourceMap,
  text: string,
): Diagnostic[] {
  if (tree === undefined || syntaxFailed || found.some((d) => d.severity === 'error')) return [];
  try {
    return schemaDiagnostics(toPlain(tree), source, text);
  } catch (error) {
    return [internal(error, text)];
  }
}

/**
 * The rules on a partial model: each through a view of its own (core/src/rules/holes.ts), its findings kept only
 * when it read no hole. The capacity in force is a hole too when it would be the file's and that did not read.
 */
function runRulesAroundHoles(
  list: readonly Rule[],
  context: RuleContext,
  capacityUnread: boolean,
): Diagnostic[] {
  return list.flatMap((rule) => {
    const watch = watchHoles(context.rollout);
    const found = runRules([rule], {
      ...context,
      rollout: watch.view,
      get capacity() {
        if (capacityUnread) watch.noteHole();
        return context.capacity;
      },
    });
    return watch.readHole() ? [] : found;
  });
}

/** Runs each rule on its own, so one failing rule reports `internal` and the others still run. */
export function runRules(list: readonly Rule[], context: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const rule of list) {
    try {
      found.push(...rule(context));
    } catch (error) {
      found.push(internal(error, context.text));
    }
  }
  return found;
}
