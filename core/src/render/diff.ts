import { pacedByWaves, plural, stepNoun, summaryParts } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';
import { escapeMarkdown } from './escape.js';
import { type PlanFacts, planFacts } from './facts.js';
import { checkChanges, stepChanges } from './steps-diff.js';

/** One thing that changed, in words: `{ what: 'canary', before: '10%', after: '30%' }`. */
export interface PlanChange {
  readonly what: string;
  readonly before?: string;
  readonly after?: string;
}

/** Base vs head of one rollout file, for pull requests. */
export interface PlanDiff {
  readonly name: string;
  /** No base plan: the file is new (or did not plan on the base branch). */
  readonly isNew: boolean;
  /** With `isNew`: the base branch has the file, but not as a valid rollout (`FileVersions.baseInvalid`). */
  readonly baseInvalid?: boolean;
  readonly changes: readonly PlanChange[];
}

const labels: Record<Exclude<keyof PlanFacts, 'alarms' | 'size' | 'target' | 'steps'>, string> = {
  region: 'region',
  project: 'project',
  location: 'location',
  endpoint: 'endpoint',
  component: 'inference component',
  strategy: 'strategy',
  bake: 'bake',
  terminationWait: 'termination wait',
  timeout: 'timeout',
  rollbackBatch: 'rollback batch',
  capacity: 'capacity',
  total: 'total',
  peak: 'peak',
};

/**
 * What changed between the base branch's plan and this one, in the order a reviewer weighs it: where it deploys
 * (provider, SageMaker region, Vertex AI project and location, endpoint), what is deployed (endpoint config or model),
 * strategy, size, bakes, timeout, rollback batch, capacity, steps, total time, peak, alarms; then, for rollouts
 * Shiftwise runs (`steps`), each step that changed; and, for those and Vertex AI rolling deployments (the plans
 * with `analysis`), each analysis check added, removed or changed.
 *
 *   canary 10% → 30%, total 25 min → 40 min: [{what: 'canary', before: '10%', after: '30%'},
 *                                             {what: 'total', before: '25 min', after: '40 min'}]
 *   endpointConfig v42 → v43:                [{what: 'endpoint config', before: 'v42', after: 'v43'}]
 *   region us-east-1 → eu-west-1:            [{what: 'region', before: 'us-east-1', after: 'eu-west-1'}]
 *   Vertex AI location us-central1 → europe-west4:
 *                                            [{what: 'location', before: 'us-central1', after: 'europe-west4'}]
 *   linear step 20% → canary 25%:            [{what: 'strategy', before: 'linear', after: 'canary'},
 *                                             {what: 'size', before: 'step 20%', after: 'canary 25%'}, …]
 */
export function diffPlans(base: Plan | undefined, head: Plan): PlanDiff {
  if (base === undefined) return { name: head.name, isNew: true, changes: [] };
  const a = planFacts(base);
  const b = planFacts(head);
  const changes: PlanChange[] = [];
  const push = (what: string, before: string | undefined, after: string | undefined) => {
    if (before !== after)
      changes.push({ what, ...(before !== undefined && { before }), ...(after !== undefined && { after }) });
  };
  push('provider', base.provider, head.provider);
  for (const key of ['region', 'project', 'location', 'endpoint'] as const) push(labels[key], a[key], b[key]);
  push(labels.component, a.component, b.component);
  push(
    head.provider === 'vertex-ai' || b.component !== undefined ? 'model' : 'endpoint config',
    a.target,
    b.target,
  );
  push(labels.strategy, a.strategy, b.strategy);
  // Each side's size is named by its own strategy: a linear step of 20% was never a canary of 20%.
  const [sizeWas, sizeIs] = [sizeLabel(base), sizeLabel(head)];
  if (sizeWas === sizeIs) push(sizeIs, a.size, b.size);
  else push('size', sizeWords(sizeWas, a.size), sizeWords(sizeIs, b.size));
  for (const key of ['bake', 'terminationWait', 'timeout', 'rollbackBatch', 'capacity'] as const)
    push(labels[key], a[key], b[key]);
  // Counted as the headline says them (`stepNoun`): `batches 8 → 4`, Vertex AI `waves 4 → 2`; a change of
  // strategy that changes the word says both: `schedule 2 steps → 4 batches`.
  const [was, is] = [stepNoun(base), stepNoun(head)];
  if (was === is) push(plural(is), a.steps, b.steps);
  else push('schedule', summaryParts(base).steps, summaryParts(head).steps);
  for (const key of ['total', 'peak'] as const) push(labels[key], a[key], b[key]);
  for (const alarm of b.alarms) if (!a.alarms.includes(alarm)) changes.push({ what: 'alarm', after: alarm });
  for (const alarm of a.alarms) if (!b.alarms.includes(alarm)) changes.push({ what: 'alarm', before: alarm });
  changes.push(...stepChanges(base, head), ...checkChanges(base, head));
  return { name: head.name, isNew: false, changes };
}

/** What the size is called: SageMaker's canary, linear step or rolling batch; Vertex AI's rolloutOptions. */
function sizeLabel(plan: Plan): string {
  if (pacedByWaves(plan)) return 'rolloutOptions';
  const strategy = plan.strategy;
  return strategy === 'canary'
    ? 'canary'
    : strategy === 'linear'
      ? 'step'
      : strategy === 'rolling'
        ? 'batch'
        : 'size';
}

/** A size with its own strategy's word: `step 20%`, `canary 25%`; a plain `size` needs no word. */
function sizeWords(label: string, size: string | undefined): string | undefined {
  return size === undefined || label === 'size' ? size : `${label} ${size}`;
}

/** What is named rather than valued: a change is its being added or removed (`alarm fraud-5xx added`). */
const named = new Set(['alarm', 'analysis check']);

/**
 * One change in words, plain (the CLI's text and JSON; the markdown escapes it): `canary 10% → 30%`,
 * `alarm fraud-5xx added`, `timeout removed (was 1 h)`.
 */
export function changeWords(change: PlanChange): string {
  if (named.has(change.what))
    return change.after !== undefined
      ? `${change.what} ${change.after} added`
      : `${change.what} ${change.before} removed`;
  if (change.before === undefined) return `${change.what} ${change.after} (new)`;
  if (change.after === undefined) return `${change.what} removed (was ${change.before})`;
  return `${change.what} ${change.before} → ${change.after}`;
}

/**
 * The diff as one markdown paragraph for a PR comment: `**Changes:** canary 10% → 30%; total 25 min → 40 min.`
 * Alarm names are escaped (they come from the file).
 */
export function renderPlanDiffMarkdown(diff: PlanDiff): string {
  if (diff.isNew && diff.baseInvalid === true)
    return "**No comparison:** the base branch's version of this file is not a valid rollout, so there is no plan to compare with.";
  if (diff.isNew) return '**New rollout file:** no plan on the base branch to compare with.';
  if (diff.changes.length === 0) return '**No change** to the plan compared with the base branch.';
  return `**Changes:** ${diff.changes.map((c) => escapeMarkdown(changeWords(c))).join('; ')}.`;
}
