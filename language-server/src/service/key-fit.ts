import {
  type FieldContext,
  type FleetTarget,
  fieldDocs,
  keysFor,
  type ProviderName,
  type StrategyType,
  type Validation,
  validateRollout,
} from '@shiftwise/core';
import { type Analysis, fileNameOf } from './analysis.js';
import { isJsonText } from './cursor.js';

// Which root keys fit beside what a file states, for completion (./completion.ts). The field table says which keys
// each context takes (provider, target, strategy type); the contexts a half-written file can still be in narrow
// the keys offered, and what the table cannot say (two keys that each choose a SageMaker target) is tried on the
// text with core's validateRollout.

/**
 * The root keys the file states, but the one being written at `from`..`end`: what narrows the contexts it can be in.
 */
export function statedRootKeys(analysis: Analysis, from: number, end: number): string[] {
  const { source } = analysis.validation;
  return source.paths().filter((path) => {
    const key = source.get(path)?.key;
    return path !== '' && !path.includes('.') && !(key !== undefined && key.start <= end && from <= key.end);
  });
}

/**
 * The contexts (provider, strategy type, target) a file can still be in: each part the file does not settle yet
 * takes every value the field table has, and of those the contexts where the most `stated` keys fit are kept. A key
 * is offered only when it fits one of them beside what the file states: with `endpointConfig` (an endpoint, never
 * type: steps) neither `inferenceComponent`, `copies` nor `analysis` (steps only) is; with `copies`, no `capacity`.
 */
export function possibleContexts(context: FieldContext, stated: readonly string[]): FieldContext[] {
  const contexts = openContexts(context);
  const fit = contexts.map((c) => {
    const keys = new Set(keysFor('', c).map((f) => f.path));
    return stated.filter((key) => keys.has(key)).length;
  });
  const most = Math.max(...fit);
  return contexts.filter((_, i) => fit[i] === most);
}

/** Every context `context` can become: its unknown provider, target and strategy type each spelled out. */
function openContexts(context: FieldContext): FieldContext[] {
  const providers: readonly ProviderName[] = context.provider
    ? [context.provider]
    : ['sagemaker', 'vertex-ai'];
  return providers.flatMap((provider) => {
    const targets: readonly (FleetTarget | undefined)[] =
      provider === 'vertex-ai'
        ? [undefined]
        : context.target
          ? [context.target]
          : ['endpoint', 'inference-component'];
    return targets.flatMap((target) => {
      const known: FieldContext = { provider, ...(target !== undefined && { target }) };
      const types = context.strategy ? [context.strategy] : (fieldDocs('strategy.type', known)?.values ?? []);
      return types.map((strategy) => ({ ...known, strategy: strategy as StrategyType }));
    });
  });
}

/**
 * The largest text (in UTF-16 code units, 64 Ki) on which completion and quick fixes try their items on the text.
 * A rollout file is a few kB, where a trial takes a millisecond; on a document of thousands of lines each takes
 * tens of ms, and editors ask for code actions on every cursor move.
 */
export const trialLimit = 64 * 1024;

/** Key findings that say a key does not fit beside the others (core/src/parse/keys.ts, read-sagemaker.ts). */
const misfitCodes: readonly string[] = ['one-target', 'misplaced-field', 'provider-fit'];

/**
 * Whether the text with an item's text (a snippet, written with its defaults) over `range` has no more misfit
 * findings than the text without it: `model` beside `endpointConfig` is a one-target error, `copies` without
 * `inferenceComponent` a misplaced field.
 */
export function fitsBeside(
  analysis: Analysis,
  range: { start: number; end: number },
): (snippet: string) => boolean {
  const { text } = analysis;
  // A few validations of the whole text: quick for a rollout file, not for a document of many thousand lines.
  if (text.length > trialLimit) return () => true;
  const options = { fileName: fileNameOf(analysis.uri), cache: new Map(analysis.parseCache) };
  // In JSON a key before another needs its comma, or the trial text does not parse and shows no misfit at all.
  const next = text.slice(range.end).trimStart()[0];
  const separator = isJsonText(text) && next !== undefined && !'},'.includes(next) ? ',' : '';
  const misfits = (validation: Validation) =>
    validation.diagnostics.filter((d) => misfitCodes.includes(d.code)).length;
  const without =
    range.start === range.end
      ? analysis.validation
      : validateRollout(text.slice(0, range.start) + text.slice(range.end), options);
  const before = misfits(without);
  return (snippet) =>
    misfits(
      validateRollout(
        text.slice(0, range.start) + plainText(snippet) + separator + text.slice(range.end),
        options,
      ),
    ) <= before;
}

/** A snippet as it reads once accepted with its defaults: `model: ${1:my-model}` → `model: my-model`. */
function plainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}
