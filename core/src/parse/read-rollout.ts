import { replace, valueText } from '../diagnostics/edits.js';
import { fieldDocs, keyOf, placement, requiredKeys } from '../fields/lookup.js';
import type { FleetTarget, ProviderName, Rollout, StrategyType } from '../model.js';
import type { Range } from '../source/range.js';
import { nearest } from '../values/suggest.js';
import { checkKeys, sizeKey } from './keys.js';
import { entry, type RawEntry, type RawMap, type RawNode } from './raw.js';
import { readSageMaker } from './read-sagemaker.js';
import { readVertex } from './read-vertex.js';
import { fail, type Reader, readString, unread, valueRange, wrongType } from './reader.js';
import { requireKeys } from './required.js';

/** Common names for the providers, so `provider: aws` gets a precise suggestion. */
const providerAliases: Record<string, ProviderName> = {
  aws: 'sagemaker',
  amazonsagemaker: 'sagemaker',
  awssagemaker: 'sagemaker',
  vertex: 'vertex-ai',
  gcp: 'vertex-ai',
  google: 'vertex-ai',
  googlevertexai: 'vertex-ai',
};

/** Common names for the strategy types. */
const strategyAliases: Record<string, StrategyType> = {
  bluegreen: 'all-at-once',
  rollingupdate: 'rolling',
};

/** What reading a document gives: the typed model, or the model with holes where values did not read. */
export interface ReadRollout {
  /** The model, when every value it needs was present and readable; extra or misplaced keys do not prevent it. */
  readonly value: Rollout | undefined;
  /**
   * Otherwise the model with `unread` in its holes (core/src/parse/reader.ts), for the rules that read none of
   * them; undefined when the file is no mapping.
   */
  readonly partial: Rollout | undefined;
}

/** Reads the whole document into the typed model, reporting every structural problem. */
export function readRollout(r: Reader, root: RawNode | undefined, fileName: string | undefined): ReadRollout {
  if (root === undefined) return { value: emptyFile(r), partial: undefined };
  if (root.kind !== 'map') {
    fail(
      r,
      'wrong-type',
      'a rollout file is a mapping of keys (version: 1, provider: …, strategy: …), not a list or a single value',
      root.range,
    );
    return { value: undefined, partial: undefined };
  }
  const version = readVersion(r, root);
  checkSchemaReference(r, root);
  const provider = readProvider(r, root);
  const strategyMap = readStrategyMap(r, root);
  const target = provider === 'sagemaker' ? fleetTargetOf(root) : undefined;
  r.context = { provider, ...(target !== undefined && { target }) };
  const strategy = strategyMap && readStrategyType(r, strategyMap, provider);
  if (strategy !== undefined) r.context = { ...r.context, strategy };
  checkKeys(r, root, '', root);
  if (strategyMap !== undefined) checkKeys(r, strategyMap, 'strategy', root);
  const rollbackEntry = entry(root, 'rollback');
  // Keys under a `rollback` that does not belong here are not checked one by one: the parent is reported.
  if (rollbackEntry?.node.kind === 'map' && placement('', 'rollback', r.context).kind === 'ok') {
    checkKeys(r, rollbackEntry.node, 'rollback', root);
  }
  requireKeys(r, root, '', rootAnchor(root));
  if (strategyMap !== undefined)
    requireStrategyKeys(r, strategyMap, entry(root, 'strategy')?.keyRange ?? root.range);
  const name = defaultName(fileName);
  // Read on without a strategy type: every other field still gets its checks.
  const read =
    provider === 'sagemaker'
      ? readSageMaker(r, root, strategyMap, strategy, name)
      : readVertex(r, root, strategyMap, name);
  const rollout = fileName === undefined ? read : { ...read, file: fileName };
  if (version !== undefined && r.complete) return { value: rollout, partial: undefined };
  // A format this Shiftwise does not read may mean other things by the same keys: no rule judges it. `'1'` is
  // version 1 written as a string: its keys mean what version 1's do.
  const stated = entry(root, 'version')?.node;
  const quotedOne =
    stated?.kind === 'scalar' && typeof stated.value === 'string' && stated.value.trim() === '1';
  if (version === undefined && stated !== undefined && !quotedOne)
    return { value: undefined, partial: undefined };
  // A provider guessed (from `project`, or a misspelling's nearest) is a hole too: the fields were read as its.
  const partial = {
    ...rollout,
    ...(version === undefined && { version: unread }),
    ...(!statesProvider(root) && { provider: unread }),
  };
  return { value: undefined, partial };
}

/** Whether the file names a provider Shiftwise knows, as it is written. */
function statesProvider(root: RawMap): boolean {
  const node = entry(root, 'provider')?.node;
  return node?.kind === 'scalar' && (node.value === 'sagemaker' || node.value === 'vertex-ai');
}

/**
 * `$schema` is for editors and never read into the model, but the JSON Schema says it is a string: any other value
 * is `wrong-type` (with the quoting fix for a number), and the model is still built, since nothing needs it.
 */
function checkSchemaReference(r: Reader, root: RawMap): void {
  const e = entry(root, '$schema');
  if (e === undefined) return;
  const complete = r.complete;
  readString(r, e, '$schema');
  r.complete = complete;
}

/**
 * The strategy's required fields: `type` first (nothing else can be known without it), then those of the
 * type, except a size key whose place a misplaced size key of another type already holds.
 */
function requireStrategyKeys(r: Reader, strategy: RawMap, at: Range): void {
  if (entry(strategy, 'type') === undefined) {
    requireKeys(
      r,
      strategy,
      'strategy',
      at,
      requiredKeys('strategy', r.context)
        .map((f) => keyOf(f.path))
        .filter((k) => k !== 'type'),
    );
    return;
  }
  if (r.context.strategy === undefined) return;
  const right =
    r.context.provider === 'vertex-ai' && r.context.strategy === 'rolling'
      ? 'maxSurge'
      : sizeKey[r.context.strategy];
  const others = ['size', 'step', 'batch', 'maxSurge'].filter((k) => k !== right);
  const explained = right !== undefined && strategy.entries.some((e) => others.includes(e.key));
  requireKeys(r, strategy, 'strategy', at, explained ? [right] : []);
}

/** A SageMaker file updates an inference component when it names one, else the endpoint. */
function fleetTargetOf(root: RawMap): FleetTarget {
  return entry(root, 'inferenceComponent') === undefined ? 'endpoint' : 'inference-component';
}

/** Where a missing root field is reported: the first key of the file. */
function rootAnchor(root: RawMap): Range {
  return root.entries[0]?.keyRange ?? root.range;
}

/**
 * The empty file's fix: a canary rollout to fill in, written with the file's own line break (its first, as the
 * fixes of core/src/diagnostics/edits.ts find it: LF, CRLF or a lone CR; LF in a file with none), and after a
 * line break of its own when the file's last line (a comment) has none.
 */
function emptyFile(r: Reader): undefined {
  const skeleton = r.json
    ? '{\n  "version": 1,\n  "provider": "sagemaker",\n  "endpoint": "my-endpoint",\n  "endpointConfig": "my-endpoint-config",\n  "strategy": { "type": "canary", "size": "10%", "bake": "10m" },\n  "rollback": { "alarms": ["my-endpoint-5xx"] }\n}\n'
    : 'version: 1\nprovider: sagemaker\nendpoint: my-endpoint\nendpointConfig: my-endpoint-config\nstrategy:\n  type: canary\n  size: 10%\n  bake: 10m\nrollback:\n  alarms: [my-endpoint-5xx]\n';
  const end = r.text.length;
  const br = /\r\n|\r|\n/.exec(r.text)?.[0] ?? '\n';
  const before = end > 0 && !/[\r\n]$/.test(r.text) ? br : '';
  const starts = r.json
    ? 'is one JSON object: {"version": 1, "provider": …, "endpoint": …, "strategy": {…}}'
    : "starts with 'version: 1', 'provider', 'endpoint' and 'strategy'";
  return fail(r, 'required', `the file is empty; a rollout file ${starts}`, { start: 0, end }, [
    {
      title: 'Insert a canary rollout',
      edits: [replace({ start: end, end }, before + skeleton.replaceAll('\n', br))],
    },
  ]);
}

function readVersion(r: Reader, root: RawMap): 1 | undefined {
  const e = entry(root, 'version');
  if (e === undefined) return undefined; // reported by requireKeys
  if (e.node.kind === 'scalar' && e.node.value === 1) return 1;
  const fix = [{ title: 'Change to 1', edits: [replace(valueRange(e), '1')] }];
  if (e.node.kind === 'scalar' && typeof e.node.value === 'string' && e.node.value.trim() === '1')
    return fail(
      r,
      'unknown-value',
      "version is the string '1'; write the number, unquoted: version: 1",
      valueRange(e),
      fix,
    );
  const found = e.node.kind === 'scalar' ? `${JSON.stringify(e.node.value)}` : 'not a number';
  return fail(
    r,
    'unknown-value',
    `version ${found} is not supported; this Shiftwise reads format version 1`,
    valueRange(e),
    fix,
  );
}

function readProvider(r: Reader, root: RawMap): ProviderName {
  const guess: ProviderName = entry(root, 'project') || entry(root, 'location') ? 'vertex-ai' : 'sagemaker';
  const e = entry(root, 'provider');
  if (e === undefined) return guess; // reported by requireKeys
  if (e.node.kind !== 'scalar' || typeof e.node.value !== 'string') {
    wrongType(r, e, 'provider');
    return guess;
  }
  const value = e.node.value;
  if (value === 'sagemaker' || value === 'vertex-ai') return value;
  const values = fieldDocs('provider')?.values ?? [];
  const suggestion = aliasOf(providerAliases, value) ?? nearest(value, values);
  enumError(r, e.node.range, 'provider', value, values, suggestion);
  return (suggestion as ProviderName | undefined) ?? guess;
}

function readStrategyMap(r: Reader, root: RawMap): RawMap | undefined {
  const e = entry(root, 'strategy');
  if (e === undefined) {
    r.complete = false;
    return undefined; // reported by requireKeys once the provider is known
  }
  if (e.node.kind === 'map') return e.node;
  if (e.node.kind === 'scalar' && typeof e.node.value === 'string') return strategyAsType(r, e, e.node.value);
  return wrongType(r, e, 'strategy');
}

/**
 * `strategy: canary`: a strategy type written where the strategy's mapping belongs. The message shows the mapping
 * it means, and the fix writes it (`{type: canary}`; in JSON `{"type": "canary"}`), whose missing fields the
 * `required` fixes then add.
 */
function strategyAsType(r: Reader, e: RawEntry, value: string): undefined {
  const types = fieldDocs('strategy.type', { provider: 'sagemaker' })?.values ?? [];
  if (!types.includes(value)) return wrongType(r, e, 'strategy');
  const written = r.json ? `{"type": ${JSON.stringify(value)}}` : `{type: ${value}}`;
  const message = r.json
    ? `'strategy' is a string; a strategy is an object with its type and fields: write "strategy": ${written}`
    : `'strategy' is a string; a strategy is a mapping with its type and fields: write strategy: ${written}, or 'type: ${value}' on its own line below, indented`;
  return fail(r, 'wrong-type', message, valueRange(e), [
    { title: `Change to ${written}`, edits: [replace(e.node.range, written)] },
  ]);
}

function readStrategyType(r: Reader, strategy: RawMap, provider: ProviderName): StrategyType | undefined {
  const e = entry(strategy, 'type');
  if (e === undefined) return undefined; // reported by requireKeys
  if (e.node.kind !== 'scalar' || typeof e.node.value !== 'string') return wrongType(r, e, 'strategy.type');
  const value = e.node.value;
  const all = fieldDocs('strategy.type', { provider: 'sagemaker' })?.values ?? [];
  if (provider === 'vertex-ai' && all.includes(value) && value !== 'rolling' && value !== 'steps') {
    const fix = { title: 'Change to steps', edits: [replace(e.node.range, valueText('steps', r.json))] };
    return fail(
      r,
      'provider-fit',
      `Vertex AI deploys by rolling replacement (type: rolling, with maxSurge and maxUnavailable) or by a traffic split Shiftwise runs (type: steps, any shares, gates and analysis), not ${value}`,
      e.node.range,
      [fix],
    );
  }
  if (r.context.target === 'inference-component' && all.includes(value) && value !== 'rolling') {
    const fix = { title: 'Change to rolling', edits: [replace(e.node.range, valueText('rolling', r.json))] };
    return fail(
      r,
      'component-strategy',
      `an inference component is updated in rolling batches of copies: use type: rolling (with batch and bake), not ${value}; ${value === 'retain' ? 'retain reuses an endpoint' : 'blue/green traffic shifting is for endpoint updates'}`,
      e.node.range,
      [fix],
    );
  }
  if (all.includes(value)) return value as StrategyType;
  const allowed = provider === 'vertex-ai' ? ['rolling', 'steps'] : all;
  const suggestion = aliasOf(strategyAliases, value) ?? nearest(value, allowed);
  return enumError(r, e.node.range, 'strategy.type', value, allowed, suggestion);
}

/** A common other name for a value (`aws`, `blue-green`), compared without case, spaces, `-` and `_`. */
function aliasOf<T extends string>(aliases: Record<string, T>, value: string): T | undefined {
  const key = value.toLowerCase().replace(/[\s_-]/g, '');
  return Object.hasOwn(aliases, key) ? aliases[key] : undefined;
}

function enumError(
  r: Reader,
  range: Range,
  path: string,
  value: string,
  values: readonly string[],
  suggestion: string | undefined,
): undefined {
  const mean = suggestion === undefined ? '' : `did you mean '${suggestion}'? `;
  const fixes =
    suggestion === undefined
      ? undefined
      : [{ title: `Change to ${suggestion}`, edits: [replace(range, valueText(suggestion, r.json))] }];
  return fail(
    r,
    'unknown-value',
    `unknown ${path} '${value}'; ${mean}expected one of: ${values.join(', ')}`,
    range,
    fixes,
  );
}

/** The default rollout name: the file name without its folders and `.rollout.yaml`. */
export function defaultName(fileName: string | undefined): string {
  if (fileName === undefined) return 'rollout';
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.rollout\.(ya?ml|json)$/i, '').replace(/\.(ya?ml|json)$/i, '') || 'rollout';
}
