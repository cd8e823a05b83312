import { removePair } from '../diagnostics/edits.js';
import { fieldDocs, fits } from '../fields/lookup.js';
import type { SageMakerRollout, SageMakerStrategy, StrategyType } from '../model.js';
import { example } from './example.js';
import { entry, type RawEntry, type RawMap } from './raw.js';
import { readAnalysis, readRunSteps } from './read-steps.js';
import {
  fail,
  needed,
  type Reader,
  readDuration,
  readInteger,
  readMap,
  readSize,
  readString,
  unread,
  valueRange,
  wrongType,
} from './reader.js';
import { addFieldFix } from './required.js';

/** The entry for a field that belongs here (misplaced ones are reported by the key checks and ignored). */
export function placed(r: Reader, map: RawMap, key: string, path: string): RawEntry | undefined {
  const e = entry(map, key);
  if (e === undefined) return undefined;
  const doc = fieldDocs(path, r.context);
  return doc !== undefined && doc.path === path && fits(doc, r.context) ? e : undefined;
}

/**
 * A field that may be absent: undefined when it is, its value when it reads, and `unread` when it is there but
 * does not read (the reading reported why).
 *
 *   (no timeout) → undefined;  timeout: 10m → 600;  timeout: 10 min → unread
 */
export function optional<T>(
  r: Reader,
  map: RawMap,
  key: string,
  path: string,
  read: (r: Reader, e: RawEntry, path: string) => T | undefined,
): T | undefined {
  const e = placed(r, map, key, path);
  return e === undefined ? undefined : (read(r, e, path) ?? unread);
}

/**
 * Reads the SageMaker fields of docs/rollout-file.md into the typed model: whole when every value it needs reads
 * (`r.complete`), else with `unread` in each hole.
 */
export function readSageMaker(
  r: Reader,
  root: RawMap,
  strategyMap: RawMap | undefined,
  type: StrategyType | undefined,
  name: string,
): SageMakerRollout {
  const endpoint = needed(r, optional(r, root, 'endpoint', 'endpoint', readString));
  const read = readTarget(r, root);
  // An endpointConfig under type: steps is reported by the key checks (misplaced-field, with a rename to model).
  const target = needed(r, type === 'steps' && read?.kind !== 'model' ? undefined : read);
  const strategy = needed(r, strategyMap && type && readStrategy(r, strategyMap, type, root));
  const analysis = needed(r, type === 'steps' ? readAnalysis(r, root) : []);
  const terminationWaitSeconds = optional(r, root, 'terminationWait', 'terminationWait', readDuration) ?? 0;
  const timeoutSeconds = optional(r, root, 'timeout', 'timeout', readDuration);
  const capacity =
    optional(r, root, 'capacity', 'capacity', readInteger) ??
    optional(r, root, 'copies', 'copies', readInteger);
  const rollback = needed(r, readRollback(r, root));
  const label = optional(r, root, 'name', 'name', readString) ?? name;
  const region = optional(r, root, 'region', 'region', readString);
  return {
    version: 1,
    provider: 'sagemaker',
    name: label,
    endpoint,
    target,
    strategy,
    terminationWaitSeconds,
    rollback,
    ...(region !== undefined && { region }),
    ...(capacity !== undefined && { capacity }),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
    ...((analysis === unread || analysis.length > 0) && { analysis }),
  };
}

/** `endpointConfig` or `model`: exactly one; or `inferenceComponent` with its `model`. */
function readTarget(r: Reader, root: RawMap): SageMakerRollout['target'] | undefined {
  const component = entry(root, 'inferenceComponent');
  if (component !== undefined) {
    // A missing `model` is reported as required, an `endpointConfig` beside it by the key checks.
    const name = readString(r, component, 'inferenceComponent');
    const model = optional(r, root, 'model', 'model', readString);
    return { kind: 'inferenceComponent', name: needed(r, name), model: needed(r, model) };
  }
  const config = entry(root, 'endpointConfig');
  const model = entry(root, 'model');
  if (config !== undefined && model !== undefined) {
    const edit = removePair(r.text, model.keyRange, model.node.range);
    return fail(
      r,
      'one-target',
      "'endpointConfig' and 'model' are both set; give one: endpointConfig deploys that config, model deploys the model onto a copy of the current config",

      model.keyRange,
      edit && [{ title: 'Remove model', edits: [edit] }],
    );
  }
  // A name that does not read leaves a hole in the target, not the target: its kind is known.
  if (config !== undefined)
    return { kind: 'endpointConfig', name: needed(r, readString(r, config, 'endpointConfig')) };
  if (model !== undefined) return { kind: 'model', name: needed(r, readString(r, model, 'model')) };
  if (r.context.strategy === 'steps') {
    const fix = addFieldFix(r, root, 'model', 'model');
    return fail(
      r,
      'required',
      `type: steps deploys a 'model' as a second production variant beside the live one; add ${example('model: my-model', r.json)}`,
      root.entries[0]?.keyRange ?? root.range,
      fix && [fix],
    );
  }
  const fix = addFieldFix(r, root, 'endpointConfig', 'endpointConfig');
  return fail(
    r,
    'one-target',
    "say what to deploy: 'endpointConfig' (an endpoint config name) or 'model' (a model deployed onto a copy of the current config)",

    root.entries[0]?.keyRange ?? root.range,
    fix && [fix],
  );
}

function readStrategy(
  r: Reader,
  map: RawMap,
  type: StrategyType,
  root: RawMap,
): SageMakerStrategy | undefined {
  const bake = () => optional(r, map, 'bake', 'strategy.bake', readDuration);
  const size = (key: string) => optional(r, map, key, `strategy.${key}`, readSize);
  switch (type) {
    case 'all-at-once':
    case 'retain':
      return { type };
    case 'canary':
      return { type, size: needed(r, size('size')), bakeSeconds: needed(r, bake()) };
    case 'linear':
      return { type, step: needed(r, size('step')), bakeSeconds: needed(r, bake()) };
    case 'rolling':
      return { type, batch: needed(r, size('batch')), bakeSeconds: needed(r, bake()) };
    case 'steps':
      return { type, steps: needed(r, readRunSteps(r, map, root)) };
  }
}

/** `rollback`: alarms (possibly none) and, on rolling updates, the rollback batch. */
function readRollback(r: Reader, root: RawMap): SageMakerRollout['rollback'] | undefined {
  if (placed(r, root, 'rollback', 'rollback') === undefined) return { alarms: [] };
  const map = readMap(r, root, 'rollback', 'rollback');
  if (map === undefined) return undefined;
  const alarmsEntry = placed(r, map, 'alarms', 'rollback.alarms');
  const alarms = alarmsEntry === undefined ? [] : readAlarmNames(r, alarmsEntry);
  const batch = optional(r, map, 'batch', 'rollback.batch', readSize);
  return { alarms: needed(r, alarms), ...(batch !== undefined && { batch }) };
}

/**
 * A list of names (`rollback.alarms`, Vertex AI's `otherDeployedModels`): strings only; a single name gets the fix
 * that makes it a list. An item that is not a string is `unread` in its place, so the model stays incomplete.
 *
 *   [a, 123, b] → ['a', unread, 'b'] (wrong-type at 123);  a → wrong-type, fix [a]
 */
export function readAlarmNames(
  r: Reader,
  e: RawEntry,
  path = 'rollback.alarms',
  one = 'an alarm name',
): readonly string[] | undefined {
  const n = e.node;
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    const text = r.text.slice(n.range.start, n.range.end);
    return wrongType(r, e, path, [
      { title: `Make it a list: [${text}]`, edits: [{ range: n.range, newText: `[${text}]` }] },
    ]);
  }
  if (n.kind !== 'seq') return wrongType(r, e, path);
  // A name that does not read is a hole of its own: the rules judge the names around it (core/src/rules/holes.ts).
  return n.items.map((item, i) => {
    if (item.kind === 'scalar' && typeof item.value === 'string') return item.value;
    const what = item.kind === 'scalar' && item.value === null ? 'empty' : `not a string`;
    fail(
      r,
      'wrong-type',
      `'${path}.${i}' is ${what}; ${one} is a string`,
      valueRange({ key: '', keyRange: item.range, node: item }),
    );
    return unread;
  });
}
