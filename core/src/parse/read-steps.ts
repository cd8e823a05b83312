import { fieldDocs } from '../fields/lookup.js';
import type { AnalysisCheck, AnalysisStat, RunStep } from '../model.js';
import { parseDuration } from '../values/duration.js';
import { parseSize } from '../values/size.js';
import { nearest } from '../values/suggest.js';
import { example } from './example.js';
import { checkKeys } from './keys.js';
import { entry, type RawEntry, type RawMap, type RawNode } from './raw.js';
import {
  fail,
  fixTo,
  needed,
  note,
  type Reader,
  readDuration,
  readInteger,
  readString,
  unread,
  valueRange,
  wrongType,
} from './reader.js';
import { requireKeys } from './required.js';

/**
 * `strategy.steps` (type: steps): a list of traffic steps and pauses (docs/rollout-file.md, "Shiftwise-run steps").
 *
 *   - traffic: 5%      → { kind: 'traffic', percent: 5, bakeSeconds: 600 }
 *     bake: 10m
 *   - pause: manual    → { kind: 'pause' }
 *   - pause: 1h        → { kind: 'pause', seconds: 3600 }
 *
 * Order, bounds and gates are the rules' (run-steps rules); this reads the form of each entry.
 */
export function readRunSteps(r: Reader, strategy: RawMap, root: RawMap): readonly RunStep[] | undefined {
  const e = entry(strategy, 'steps');
  if (e === undefined) {
    r.complete = false;
    return undefined; // reported as required
  }
  const items = listItems(r, e, 'strategy.steps');
  if (items === undefined) return undefined;
  const steps: RunStep[] = [];
  items.forEach((item, i) => {
    const path = `strategy.steps.${i}`;
    if (item.kind !== 'map') {
      fail(
        r,
        'wrong-type',
        `'${path}' is not a mapping; a step is ${example('traffic: 10%', r.json)} with a 'bake', or ${example('pause: manual', r.json)}`,
        item.range,
      );
      steps.push(unread);
      return;
    }
    const meant = suggestedIn(r, 'strategy.steps', () => checkKeys(r, item, 'strategy.steps', root));
    steps.push(needed(r, readStep(r, item, path, meant)));
  });
  return steps;
}

/**
 * The keys an item's misspelt keys were taken for (`pase` → `pause`), while `check` checks its keys: one item's
 * suggestions, never another's (a misspelt `name` in check 1 once kept check 2's missing `name` unsaid). The
 * keys it already says are meant are not said missing again, and a value meant but not written is a hole.
 */
function suggestedIn(r: Reader, parentPath: string, check: () => void): ReadonlySet<string> {
  r.suggested.delete(parentPath);
  check();
  return r.suggested.get(parentPath) ?? new Set();
}

function readStep(r: Reader, item: RawMap, path: string, meant: ReadonlySet<string>): RunStep | undefined {
  const traffic = entry(item, 'traffic');
  const pause = entry(item, 'pause');
  if (traffic !== undefined && pause !== undefined)
    return fail(
      r,
      'steps-order',
      `'${path}' has both 'traffic' and 'pause'; a step either moves traffic or pauses: split it into two steps`,
      pause.keyRange,
    );
  if (pause !== undefined) {
    const bake = entry(item, 'bake');
    if (bake !== undefined)
      note(
        r,
        'misplaced-field',
        `'${path}.bake' does not apply to a pause, which waits by itself; remove it`,
        bake.keyRange,
      );
    return readPause(r, pause, `${path}.pause`);
  }
  // `pase: manual`: the misspelt key's finding says what is meant, with the rename.
  if (traffic === undefined && (meant.has('pause') || meant.has('traffic'))) {
    r.complete = false;
    return undefined;
  }
  if (traffic === undefined)
    return fail(
      r,
      'required',
      `'${path}' says neither 'traffic' nor 'pause'; for example ${example('traffic: 10%', r.json)} with ${example('bake: 10m', r.json)}, or ${example('pause: manual', r.json)}`,
      item.range,
    );
  const percent = readPercent(r, traffic, `${path}.traffic`);
  const bakeEntry = entry(item, 'bake');
  const bake = bakeEntry === undefined ? 0 : readDuration(r, bakeEntry, `${path}.bake`);
  return percent === undefined || bake === undefined
    ? undefined
    : { kind: 'traffic', percent, bakeSeconds: bake };
}

function readPause(r: Reader, e: RawEntry, path: string): RunStep | undefined {
  const n = e.node;
  if (n.kind === 'scalar' && typeof n.value === 'string' && n.value.trim().toLowerCase() === 'manual') {
    if (n.value !== 'manual')
      note(r, 'unknown-value', `write 'manual' in lower case`, n.range, [fixTo(r, n.range, 'manual')]);
    return { kind: 'pause' };
  }
  // A word that is no duration and has no near one (`later`, `manul`): the pause's own two forms, and 'manual' when near.
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    const read = parseDuration(n.value, r.text.slice(n.range.start, n.range.end));
    if (!read.ok && read.suggestion === undefined) {
      const near = nearest(n.value, ['manual']);
      return fail(
        r,
        'bad-duration',
        `'${path}': '${n.value}' is neither 'manual' (wait for shiftwise promote) nor a duration like '1h'${near ? "; did you mean 'manual'?" : ''}`,
        n.range,
        near ? [fixTo(r, n.range, 'manual')] : undefined,
      );
    }
  }
  const seconds = readDuration(r, e, path);
  return seconds === undefined ? undefined : { kind: 'pause', seconds };
}

/**
 * A traffic share: a whole percent written as '25%'; a bare number is refused with the fix that adds '%'. Messages
 * quote the value as written (`99999999999999999999`, not the 1e20 it reads as), as sizes do.
 */
function readPercent(r: Reader, e: RawEntry, path: string): number | undefined {
  const n = e.node;
  if (n.kind !== 'scalar' || n.value === null || typeof n.value === 'boolean') return wrongType(r, e, path);
  const written = r.text.slice(n.range.start, n.range.end);
  if (typeof n.value === 'number' && Number.isSafeInteger(n.value))
    return fail(
      r,
      'bad-size',
      `'${path}' is ${written}; traffic is a share of requests: write '${n.value}%'`,
      n.range,
      [fixTo(r, n.range, `${n.value}%`)],
    );
  const size = parseSize(n.value, written);
  if (size.ok && size.size.kind === 'percent') return size.size.percent;
  // A whole number too long to be exact (or 1e400) is no near miss: writing it with '%' would change nothing.
  if (typeof n.value === 'number' && n.value > Number.MAX_SAFE_INTEGER)
    return fail(
      r,
      'bad-size',
      `'${path}' is ${written}, too large for a share of traffic; a step sends 1–100%: write the percent meant, like '25%'`,
      n.range,
    );
  const fixes =
    !size.ok && typeof size.suggestion === 'string' ? [fixTo(r, n.range, size.suggestion)] : undefined;
  const quoted = typeof n.value === 'number' ? written : `'${n.value}'`;
  return fail(
    r,
    'bad-size',
    `'${path}': ${size.ok ? 'a count' : quoted} is not a percent; write it like '25%'`,
    n.range,
    fixes,
  );
}

/** `analysis`: a list of checks (docs/rollout-file.md, "analysis"). Absent: none. */
export function readAnalysis(r: Reader, root: RawMap): readonly AnalysisCheck[] | undefined {
  const e = entry(root, 'analysis');
  if (e === undefined) return [];
  const items = listItems(r, e, 'analysis');
  if (items === undefined) return undefined;
  const checks: AnalysisCheck[] = [];
  items.forEach((item, i) => {
    const path = `analysis.${i}`;
    if (item.kind !== 'map') {
      fail(
        r,
        'wrong-type',
        `'${path}' is not a mapping; a check has a 'name', a 'metric' or an 'expression', a 'period' and 'max' or 'min'`,
        item.range,
      );
      checks.push(unread);
      return;
    }
    const meant = suggestedIn(r, 'analysis', () => checkKeys(r, item, 'analysis', root));
    requireKeys(r, item, 'analysis', item.entries[0]?.keyRange ?? item.range);
    checks.push(needed(r, readCheck(r, item, path, meant)));
  });
  return checks;
}

function readCheck(
  r: Reader,
  item: RawMap,
  path: string,
  meant: ReadonlySet<string>,
): AnalysisCheck | undefined {
  // A key misspelt (`mx: 0` → `max`) is a hole where it was meant: no rule says the check lacks it.
  const read = <T>(
    key: string,
    how: (r: Reader, e: RawEntry, path: string) => T | undefined,
  ): T | undefined => {
    const e = entry(item, key);
    if (e === undefined) return meant.has(key) ? needed<T>(r, undefined) : undefined;
    return how(r, e, `${path}.${key}`) ?? unread;
  };
  const name = read('name', readString);
  const metric = read('metric', readString);
  const expression = read('expression', readString);
  const stat = read('stat', readStat);
  const period = read('period', readDuration);
  const max = read('max', readNumber);
  const min = read('min', readNumber);
  const failureLimit = read('failureLimit', readInteger);
  const dryRun = read('dryRun', readBoolean);
  const missing = read('missingData', readMissing);
  const lag = read('lag', readDuration);
  const metricEntry = entry(item, 'metric');
  const expressionEntry = entry(item, 'expression');
  if (metricEntry !== undefined && expressionEntry !== undefined) {
    return fail(
      r,
      'analysis-query',
      `'${path}' has both 'metric' and 'expression'; give one: a metric of the new variant, or an expression over new. and old. metrics`,
      expressionEntry.keyRange,
    );
  }
  if (metricEntry === undefined && expressionEntry === undefined) {
    if (meant.has('metric') || meant.has('expression')) {
      r.complete = false;
      return undefined;
    }
    return fail(
      r,
      'analysis-query',
      `'${path}' reads no metric; add ${example('metric: Invocation5XXErrors', r.json)} (the new variant's) or an 'expression' over new. and old. metrics`,
      item.entries[0]?.keyRange ?? item.range,
    );
  }
  return {
    name: needed(r, name),
    query:
      metricEntry !== undefined
        ? { kind: 'metric', metric: needed(r, metric) }
        : { kind: 'expression', expression: needed(r, expression) },
    stat: stat ?? 'Sum',
    periodSeconds: needed(r, period),
    ...(max !== undefined && { max }),
    ...(min !== undefined && { min }),
    failureLimit: failureLimit ?? 1,
    dryRun: dryRun ?? false,
    missingData: missing ?? 'ignore',
    ...(lag !== undefined && { lagSeconds: lag }),
  };
}

function listItems(r: Reader, e: RawEntry, path: string): readonly RawNode[] | undefined {
  if (e.node.kind !== 'seq') return wrongType(r, e, path);
  const doc = fieldDocs(path, r.context);
  const most = doc?.maximum ?? 50;
  if (e.node.items.length === 0)
    return fail(r, 'required', `'${path}' is an empty list; give at least one entry`, valueRange(e));
  if (e.node.items.length > most)
    return fail(
      r,
      'wrong-type',
      `'${path}' has ${e.node.items.length} entries; at most ${most}`,
      valueRange(e),
    );
  return e.node.items;
}

function readNumber(r: Reader, e: RawEntry, path: string): number | undefined {
  const n = e.node;
  if (n.kind === 'scalar' && typeof n.value === 'number' && Number.isFinite(n.value)) return n.value;
  if (n.kind === 'scalar' && typeof n.value === 'string' && /^-?\d+(\.\d+)?$/.test(n.value.trim()))
    return wrongType(r, e, path, [fixTo(r, n.range, Number(n.value.trim()))]);
  return wrongType(r, e, path);
}

function readBoolean(r: Reader, e: RawEntry, path: string): boolean | undefined {
  const n = e.node;
  if (n.kind === 'scalar' && typeof n.value === 'boolean') return n.value;
  return wrongType(r, e, path);
}

const stats: readonly AnalysisStat[] = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];

function readStat(r: Reader, e: RawEntry, path: string): AnalysisStat | undefined {
  const value = readString(r, e, path);
  if (value === undefined) return undefined;
  const found = stats.find((s) => s.toLowerCase() === value.toLowerCase());
  if (found === value) return found;
  return fail(
    r,
    'unknown-value',
    `unknown ${path} '${value}'; ${found ? `did you mean '${found}'? ` : ''}expected one of: ${stats.join(', ')}`,
    e.node.range,
    found && [fixTo(r, e.node.range, found)],
  );
}

function readMissing(r: Reader, e: RawEntry, path: string): 'ignore' | 'breach' | undefined {
  const value = readString(r, e, path);
  if (value === undefined) return undefined;
  if (value === 'ignore' || value === 'breach') return value;
  return fail(
    r,
    'unknown-value',
    `unknown ${path} '${value}'; expected one of: ignore, breach`,
    e.node.range,
  );
}
