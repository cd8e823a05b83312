import type { Fix } from '../diagnostics/diagnostic.js';
import { insertPair, moveEdits, removePair, renameKey, trailingComment } from '../diagnostics/edits.js';
import { keyOf, keysFor, type Placement, placement } from '../fields/lookup.js';
import type { FieldDoc } from '../fields/table.js';
import type { ProviderName, StrategyType } from '../model.js';
import { keyBefore } from './key-order.js';
import { limits } from './limits.js';
import { entry, type RawEntry, type RawMap } from './raw.js';
import { note, type Reader } from './reader.js';

const providerLabel: Record<ProviderName, string> = { sagemaker: 'SageMaker', 'vertex-ai': 'Vertex AI' };

/** The key a strategy type sizes its steps with. */
export const sizeKey: Partial<Record<StrategyType, string>> = {
  canary: 'size',
  linear: 'step',
  rolling: 'batch',
};

/** What to do with a key that is known but out of place. */
interface Advice {
  readonly message: string;
  /** Rename the key to this sibling (when the sibling is not there yet). */
  readonly renameTo?: string;
  /** Move the pair to this root key (when it is not there yet). */
  readonly moveToRoot?: string;
}

/**
 * Checks every key of `map` (at `parentPath`) against the field table for the file's provider and strategy:
 * `unknown-key` with the nearest valid key, `provider-fit` for the other provider's fields, `misplaced-field`
 * for another strategy's fields. Each carries a fix: rename, move or remove.
 *
 * Linear in the keys: only the first `limits.maxSuggestions` unknown keys of a document get a suggestion (an edit
 * distance to every candidate); the rest list the valid keys, written once per mapping.
 */
export function checkKeys(r: Reader, map: RawMap, parentPath: string, root: RawMap): void {
  const expected = lazy(() => expectedKeys(r, parentPath));
  for (const e of map.entries) {
    const suggest = r.unknownKeys < limits.maxSuggestions;
    const where = placement(parentPath, e.key, r.context, { suggest });
    if (where.kind === 'ok') continue;
    const path = parentPath === '' ? e.key : `${parentPath}.${e.key}`;
    if (where.kind === 'unknown') {
      r.unknownKeys++;
      unknownKey(r, e, { map, root, parentPath }, where.suggestion, expected);
    } else {
      const { code, advice } = misfit(where, path, r, map, root);
      outOfPlace(r, code, e, map, root, advice);
    }
  }
}

/** The finding for a known key out of place: whose field it is, and what to write instead. */
function misfit(
  where: Exclude<Placement, { kind: 'ok' | 'unknown' }>,
  path: string,
  r: Reader,
  map: RawMap,
  root: RawMap,
): { readonly code: string; readonly advice: Advice } {
  if (where.kind === 'provider')
    return { code: 'provider-fit', advice: providerAdvice(path, where.field, r) };
  if (where.kind === 'target') {
    const code = path === 'endpointConfig' ? 'one-target' : 'misplaced-field';
    return { code, advice: targetAdvice(path, r) };
  }
  return { code: 'misplaced-field', advice: strategyAdvice(path, r, map, root) };
}

/** `; expected one of: a, b, c` for the keys that fit under `parentPath`, or nothing when none does. */
function expectedKeys(r: Reader, parentPath: string): string {
  const keys = keysFor(parentPath, r.context).map((f) => keyOf(f.path));
  return keys.length > 0 ? `; expected one of: ${keys.join(', ')}` : '';
}

function lazy<T>(make: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}

/**
 * `unknown-key`, with the nearest key when one is near. A near key that does not fit the file (`batchh` under a
 * canary's `rollback`, where `batch` is rolling's) is not offered as a rename, which would only trade this finding
 * for `misplaced-field`: the message says whose key it is and the fix is that finding's (rename to the key that
 * fits, move, or remove).
 */
function unknownKey(
  r: Reader,
  e: RawEntry,
  at: { readonly map: RawMap; readonly root: RawMap; readonly parentPath: string },
  suggestion: string | undefined,
  expected: () => string,
): void {
  const { map, parentPath } = at;
  // A top-level key written inside a mapping (`terminationWait` under `strategy`): removing it would drop its value.
  if (parentPath !== '' && placement('', e.key, r.context, { suggest: false }).kind === 'ok') {
    const there = entry(at.root, e.key) !== undefined;
    const message = there
      ? `'${e.key}' belongs at the top level of the file, not in '${parentPath}', and is set there already; remove this one`
      : `'${e.key}' belongs at the top level of the file, not in '${parentPath}'; move it there`;
    outOfPlace(r, 'misplaced-field', e, map, at.root, { message, ...(!there && { moveToRoot: e.key }) });
    return;
  }
  const where = parentPath === '' ? '' : ` in '${parentPath}'`;
  const head = `unknown key '${e.key}'${where}`;
  if (suggestion !== undefined && entry(map, suggestion) === undefined) {
    const fit = placement(parentPath, suggestion, r.context, { suggest: false });
    if (fit.kind !== 'ok' && fit.kind !== 'unknown') {
      const path = parentPath === '' ? suggestion : `${parentPath}.${suggestion}`;
      const { advice } = misfit(fit, path, r, map, at.root);
      const message = `${head}; the nearest key, '${suggestion}', does not fit this file: ${advice.message}`;
      outOfPlace(r, 'unknown-key', e, map, at.root, { ...advice, message });
      return;
    }
    const seen = r.suggested.get(parentPath) ?? new Set<string>();
    r.suggested.set(parentPath, seen.add(suggestion));
    const fix: Fix = { title: `Rename to ${suggestion}`, edits: [renameKey(r.text, e.keyRange, suggestion)] };
    note(r, 'unknown-key', `${head}; did you mean '${suggestion}'?`, e.keyRange, [fix]);
    return;
  }
  if (suggestion !== undefined) {
    const seen = r.suggested.get(parentPath) ?? new Set<string>();
    r.suggested.set(parentPath, seen.add(suggestion));
  }
  // Past the findings a document reports, the finding is only counted: it needs no fix.
  const fix = r.diagnostics.length < limits.maxFindings ? removeFix(r, e) : undefined;
  note(r, 'unknown-key', `${head}${expected()}`, e.keyRange, fix && [fix]);
}

function removeFix(r: Reader, e: RawEntry): Fix | undefined {
  const edit = removePair(r.text, e.keyRange, e.node.range);
  return edit && { title: `Remove ${e.key}`, edits: [edit] };
}

function outOfPlace(r: Reader, code: string, e: RawEntry, map: RawMap, root: RawMap, advice: Advice): void {
  const fixes: Fix[] = [];
  if (advice.renameTo !== undefined && entry(map, advice.renameTo) === undefined) {
    fixes.push({
      title: `Rename to ${advice.renameTo}`,
      edits: [renameKey(r.text, e.keyRange, advice.renameTo)],
    });
  } else if (advice.moveToRoot !== undefined && entry(root, advice.moveToRoot) === undefined) {
    const remove = removePair(r.text, e.keyRange, e.node.range);
    const first = root.entries[0];
    // The comment ending the pair's line goes with it, when the removal takes that line.
    const comment = trailingComment(r.text, e.keyRange, e.node.range);
    const carried = comment !== undefined && remove !== undefined && remove.range.end >= comment.end;
    // In a JSON file, after the key it follows in the documented order.
    const before = keyBefore(
      '',
      advice.moveToRoot,
      root.entries.map((x) => x.key),
    );
    const after = before === undefined ? undefined : entry(root, before)?.node.range;
    const insert = insertPair(
      r.text,
      { mapRange: root.range, ...(first && { firstKey: first.keyRange }), ...(after && { after }) },
      advice.moveToRoot,
      r.text.slice(e.node.range.start, e.node.range.end),
      carried ? { comment: comment.text } : {},
    );
    if (remove && insert)
      fixes.push({ title: `Move to ${advice.moveToRoot}`, edits: moveEdits(r.text, insert, remove) });
  }
  if (fixes.length === 0) {
    const remove = removeFix(r, e);
    if (remove) fixes.push(remove);
  }
  note(r, code, advice.message, e.keyRange, fixes);
}

/** A key of the other provider: say whose it is and what this provider uses instead. */
function providerAdvice(path: string, field: FieldDoc, r: Reader): Advice {
  const mine = r.context.provider ?? 'sagemaker';
  const theirs = field.providers[0] ?? 'sagemaker';
  const head = `'${path}' is a ${providerLabel[theirs]} field, not used with provider: ${mine}`;
  const key = keyOf(path);
  if (mine === 'sagemaker') {
    if (path === 'location')
      return { message: `${head}; SageMaker takes the AWS 'region'`, renameTo: 'region' };
    if (path === 'strategy.maxSurge' || path === 'strategy.maxUnavailable') {
      const right = sizeKey[r.context.strategy ?? 'rolling'];
      return right
        ? {
            message: `${head}; a SageMaker ${r.context.strategy ?? 'rolling'} strategy takes '${right}'`,
            renameTo: right,
          }
        : { message: `${head}; remove it` };
    }
    return { message: `${head}; remove it` };
  }
  if (path === 'region') return { message: `${head}; Vertex AI takes 'location'`, renameTo: 'location' };
  if (path === 'endpointConfig')
    return { message: `${head}; Vertex AI deploys a 'model'`, renameTo: 'model' };
  if (['strategy.size', 'strategy.step', 'strategy.batch'].includes(path)) {
    return {
      message: `${head}; Vertex AI rolls by 'maxSurge' and 'maxUnavailable'`,
      renameTo: 'maxSurge',
    };
  }
  if (key === 'bake')
    return { message: `${head}; Vertex AI moves on when new replicas are ready; remove it` };
  if (path === 'rollback') {
    return {
      message: `${head}; Vertex AI has no alarm rollback (a failed deployment is rolled back by Shiftwise); remove it`,
    };
  }
  if (path === 'terminationWait')
    return { message: `${head}; Vertex AI rolling deployments keep no old fleet; remove it` };
  return { message: `${head}; remove it` };
}

/** A SageMaker key of the other target: endpoint fields in an inference-component rollout, or the reverse. */
function targetAdvice(path: string, r: Reader): Advice {
  if (r.context.target !== 'inference-component') {
    return path === 'copies'
      ? {
          message:
            "'copies' counts the copies of an inference component (with 'inferenceComponent'); an endpoint update counts its instances in 'capacity'",

          renameTo: 'capacity',
        }
      : {
          message: `'${path}' belongs to inference-component rollouts (with 'inferenceComponent'); remove it`,
        };
  }
  if (path === 'endpointConfig')
    return {
      message:
        "'endpointConfig' and 'inferenceComponent' are both set; give one: an inference-component rollout deploys 'model' onto the component, an endpoint rollout deploys an endpoint config",
    };
  if (path === 'capacity')
    return {
      message: "'capacity' counts endpoint instances; an inference component counts its 'copies'",

      renameTo: 'copies',
    };
  if (path === 'terminationWait')
    return {
      message:
        "'terminationWait' is for blue/green endpoint updates; an inference component bakes each batch for 'strategy.bake'; remove it",
    };
  return { message: `'${path}' does not apply to an inference-component rollout; remove it` };
}

/** A key of this provider that the strategy type does not take: name the right field. */
function strategyAdvice(path: string, r: Reader, map: RawMap, root: RawMap): Advice {
  const strategy = r.context.strategy;
  const key = keyOf(path);
  if (strategy === 'steps') {
    if (path === 'endpointConfig')
      return {
        message:
          "type: steps runs the new 'model' as a second production variant beside the live one; name the model instead of an endpoint config",
        renameTo: 'model',
      };
    if (path === 'terminationWait')
      return {
        message:
          "type: steps bakes every step itself: the last step's 'bake' is the wait on full traffic; remove 'terminationWait'",
      };
    if (path === 'rollback.batch')
      return {
        message:
          "'rollback.batch' is for type: rolling; type: steps puts all traffic back on the old variant at once",
      };
    if (['strategy.size', 'strategy.step', 'strategy.batch', 'strategy.bake'].includes(path))
      return {
        message: `type: steps takes a list of 'steps' (traffic and bake each, or pause), not '${key}'`,
      };
  }
  if (path === 'analysis') {
    return {
      message: `'analysis' runs only with type: steps, where Shiftwise moves the traffic and reads the metrics; with type: ${strategy} SageMaker rolls back on 'rollback.alarms' alone: put the metric in a CloudWatch alarm, or use type: steps`,
    };
  }
  if (path === 'strategy.steps') {
    return {
      message: `'steps' belongs to type: steps, where Shiftwise moves the traffic itself; type: ${strategy} is run by SageMaker`,
    };
  }
  if (strategy === 'retain') {
    return {
      message: `'${path}' does not apply to type: retain, which reuses the deployment config stored on the endpoint; remove it or choose another type`,
    };
  }
  if (['strategy.size', 'strategy.step', 'strategy.batch'].includes(path)) {
    const right = strategy && sizeKey[strategy];
    if (right === undefined) {
      return {
        message: `type: ${strategy} moves all traffic in one step and takes no '${key}'; remove it, or use type: canary or linear`,
      };
    }
    const renameTo = entry(map, right) === undefined ? right : undefined;
    return { message: `type: ${strategy} takes '${right}', not '${key}'`, ...(renameTo && { renameTo }) };
  }
  if (path === 'strategy.bake') {
    const message = `type: all-at-once has no steps to bake between; its bake on full capacity is the root 'terminationWait'`;
    return entry(root, 'terminationWait') === undefined
      ? { message, moveToRoot: 'terminationWait' }
      : { message };
  }
  if (path === 'terminationWait') {
    return {
      message: `'terminationWait' is for blue/green strategies; type: rolling keeps no old fleet to wait on, and bakes each batch for 'strategy.bake'`,
    };
  }
  if (path === 'rollback.batch') {
    return {
      message: `'rollback.batch' is for type: rolling only; a blue/green rollback shifts all traffic back at once; remove it`,
    };
  }
  return { message: `'${path}' does not apply to type: ${strategy}; remove it` };
}
