import type { FleetTarget, ProviderName, StrategyType } from '../model.js';
import { nearest } from '../values/suggest.js';
import { type FieldDoc, fieldTable } from './table.js';

/**
 * What is known of the file around a field: its provider and strategy type, when they are valid, and for
 * SageMaker whether it updates the endpoint or an inference component (a root `inferenceComponent` key).
 */
export interface FieldContext {
  readonly provider?: ProviderName;
  readonly strategy?: StrategyType;
  readonly target?: FleetTarget;
}

/** Whether the field belongs with this provider, strategy and target (unknown ones match anything). */
export function fits(field: FieldDoc, context: FieldContext): boolean {
  return fitsProvider(field, context) && fitsStrategy(field, context) && fitsTarget(field, context);
}

function fitsTarget(field: FieldDoc, { target }: FieldContext): boolean {
  return target === undefined || field.targets === undefined || field.targets.includes(target);
}

function fitsProvider(field: FieldDoc, { provider }: FieldContext): boolean {
  return provider === undefined || field.providers.includes(provider);
}

function fitsStrategy(field: FieldDoc, { strategy }: FieldContext): boolean {
  return strategy === undefined || field.strategies === undefined || field.strategies.includes(strategy);
}

/**
 * `rollback.alarms.3` → `rollback.alarms`, `strategy.steps.2.bake` → `strategy.steps.bake`: list items are
 * documented by their list, and the keys of a list's mappings under it.
 */
export function fieldPath(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, '');
}

/**
 * The documentation of the field at `path` for this provider and strategy: title, description, bounds in
 * words, the provider API field, allowed values. Falls back to the field of another provider or strategy
 * when the path exists only there; undefined for paths no rollout file has.
 *
 *   fieldDocs('strategy.bake', { provider: 'sagemaker', strategy: 'canary' }).apiField
 *     → 'TrafficRoutingConfiguration.WaitIntervalInSeconds'
 */
export function fieldDocs(path: string, context: FieldContext = {}): FieldDoc | undefined {
  const candidates = fieldsAt(fieldPath(path));
  return (
    candidates.find((f) => fits(f, context)) ??
    candidates.find((f) => fitsProvider(f, context) && fitsTarget(f, context)) ??
    candidates.find((f) => fitsProvider(f, context)) ??
    candidates[0]
  );
}

/** The same as `fieldDocs`, under the name the language server uses. */
export const fieldAt = fieldDocs;

/**
 * The keys that may appear under `parentPath` (`''` for the root) for this provider and strategy, in the
 * table's order: what completion offers. Without a provider, every key of either provider.
 */
export function keysFor(parentPath: string, context: FieldContext = {}): readonly FieldDoc[] {
  const seen = new Set<string>();
  const keys: FieldDoc[] = [];
  for (const f of index().byParent.get(parentPath) ?? []) {
    if (!fits(f, context) || seen.has(f.path)) continue;
    seen.add(f.path);
    keys.push(f);
  }
  return keys;
}

/** The last segment of a dotted path: `strategy.bake` → `bake`. */
export function keyOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? path : path.slice(dot + 1);
}

/** The table's rows by path and by parent path, in the table's order: built once, on first use. */
let tableIndex: { byPath: Map<string, FieldDoc[]>; byParent: Map<string, FieldDoc[]> } | undefined;

function index(): NonNullable<typeof tableIndex> {
  if (tableIndex !== undefined) return tableIndex;
  const byPath = new Map<string, FieldDoc[]>();
  const byParent = new Map<string, FieldDoc[]>();
  const add = (map: Map<string, FieldDoc[]>, key: string, field: FieldDoc) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [field]);
    else list.push(field);
  };
  for (const f of fieldTable) {
    add(byPath, f.path, f);
    add(byParent, parentOf(f.path), f);
  }
  tableIndex = { byPath, byParent };
  return tableIndex;
}

/** Every row documenting exactly `path` (one per provider, strategy or target it differs for). */
function fieldsAt(path: string): readonly FieldDoc[] {
  return index().byPath.get(path) ?? [];
}

function parentOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}

/** Where a key stands for the file's provider and strategy. */
export type Placement =
  | { readonly kind: 'ok'; readonly field: FieldDoc }
  /** Known, but only for the other provider. */
  | { readonly kind: 'provider'; readonly field: FieldDoc }
  /** Known for this provider, but not for this strategy type. */
  | { readonly kind: 'strategy'; readonly field: FieldDoc }
  /** Known for this provider, but only for the other SageMaker target (endpoint or inference component). */
  | { readonly kind: 'target'; readonly field: FieldDoc }
  | { readonly kind: 'unknown'; readonly suggestion?: string };

/**
 * Classifies `key` under `parentPath`; the suggestion for an unknown key prefers keys that fit. `suggest: false`
 * skips the suggestion (its edit distances), for callers that have made enough of them. Default: suggest.
 */
export function placement(
  parentPath: string,
  key: string,
  context: FieldContext,
  options: { readonly suggest?: boolean } = {},
): Placement {
  const path = parentPath === '' ? key : `${parentPath}.${key}`;
  const known = fieldsAt(path);
  if (known.length === 0) {
    if (options.suggest === false) return { kind: 'unknown' };
    const fitting = keysFor(parentPath, context).map((f) => keyOf(f.path));
    const all = keysFor(parentPath).map((f) => keyOf(f.path));
    const suggestion = nearest(key, fitting) ?? nearest(key, all);
    return suggestion === undefined ? { kind: 'unknown' } : { kind: 'unknown', suggestion };
  }
  const ok = known.find((f) => fits(f, context));
  if (ok !== undefined) return { kind: 'ok', field: ok };
  const sameTarget = known.find((f) => fitsProvider(f, context) && fitsTarget(f, context));
  if (sameTarget !== undefined) return { kind: 'strategy', field: sameTarget };
  const sameProvider = known.find((f) => fitsProvider(f, context));
  if (sameProvider !== undefined) return { kind: 'target', field: sameProvider };
  return { kind: 'provider', field: known[0] as FieldDoc };
}

/** Fields required for this provider and strategy directly under `parentPath`. */
export function requiredKeys(parentPath: string, context: FieldContext): readonly FieldDoc[] {
  // Without a known strategy, only what every strategy requires: `capacity` is required by type: steps alone.
  return keysFor(parentPath, context).filter(
    (f) => f.required === true && (context.strategy !== undefined || f.strategies === undefined),
  );
}
