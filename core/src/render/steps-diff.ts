import { humanDuration } from '../plan/human-duration.js';
import type { Plan, PlannedCheck, PlanStep } from '../plan/types.js';
import type { PlanChange } from './diff.js';

/**
 * The steps of two Shiftwise-run plans (`steps`), compared position by position, so that a traffic weight, a bake
 * or a gate that moved shows as the steps it changed. Other strategies' steps follow from their size and bakes,
 * which the facts already compare.
 *
 *   5% for 10 min → 10% for 10 min at step 1: [{what: 'step 1', before: '5% for 10 min', after: '10% for 10 min'}]
 *   a gate moved from step 3 to step 4:       [{what: 'step 3', before: 'gate', after: '50% for 30 min'},
 *                                              {what: 'step 4', before: '50% for 30 min', after: 'gate'}]
 *   a sixth step added:                       [{what: 'step 6', after: '100% for 10 min'}]
 */
export function stepChanges(base: Plan, head: Plan): PlanChange[] {
  if (base.strategy !== 'steps' || head.strategy !== 'steps') return [];
  const changes: PlanChange[] = [];
  const count = Math.max(base.steps.length, head.steps.length);
  for (let i = 0; i < count; i += 1) {
    const [a, b] = [base.steps[i], head.steps[i]];
    const before = a && stepWords(a);
    const after = b && stepWords(b);
    if (before !== after) changes.push(change(`step ${i + 1}`, before, after));
  }
  return changes;
}

/** A step as a reviewer compares it: `25% for 30 min`, `gate`, `pause 10 min`. */
export function stepWords(step: PlanStep): string {
  if (step.bake === 'gate') return 'gate';
  if (step.bake === 'pause') return `pause ${humanDuration(step.bakeSeconds)}`;
  if (step.bake === 'none' || step.bakeSeconds === 0) return `${step.trafficPercent}%`;
  return `${step.trafficPercent}% for ${humanDuration(step.bakeSeconds)}`;
}

/**
 * The analysis checks of two plans, matched by name: a check added or removed, and for a check in both, what it
 * reads, when it breaches, its failureLimit, dryRun, missingData and lag. Plans carry checks for `steps` (SageMaker and
 * Vertex AI) and for a Vertex AI rolling deployment, so this compares both, not steps alone.
 *
 *   max 0 → 50:          [{what: 'check new-5xx breach', before: 'above 0', after: 'above 50'}]
 *   dryRun true → false: [{what: 'check error-rate', before: 'dry run', after: 'rolls back'}]
 *   a check removed:     [{what: 'analysis check', before: 'new-5xx'}]
 */
export function checkChanges(base: Plan, head: Plan): PlanChange[] {
  const before = new Map((base.analysis ?? []).map((c) => [c.name, c]));
  const after = new Map((head.analysis ?? []).map((c) => [c.name, c]));
  const changes: PlanChange[] = [];
  for (const [name, check] of after) {
    const old = before.get(name);
    if (old === undefined) changes.push({ what: 'analysis check', after: name });
    else changes.push(...checkFieldChanges(old, check));
  }
  for (const name of before.keys())
    if (!after.has(name)) changes.push({ what: 'analysis check', before: name });
  return changes;
}

function checkFieldChanges(a: PlannedCheck, b: PlannedCheck): PlanChange[] {
  const changes: PlanChange[] = [];
  const push = (what: string, before: string, after: string) => {
    if (before !== after) changes.push({ what: `check ${b.name}${what}`, before, after });
  };
  push(' reads', a.reads, b.reads);
  push(' breach', a.breach, b.breach);
  push(' failureLimit', String(a.failureLimit), String(b.failureLimit));
  push('', a.dryRun ? 'dry run' : 'rolls back', b.dryRun ? 'dry run' : 'rolls back');
  push(' missingData', a.missingData, b.missingData);
  push(' lag', humanDuration(a.lagSeconds), humanDuration(b.lagSeconds));
  return changes;
}

function change(what: string, before: string | undefined, after: string | undefined): PlanChange {
  return { what, ...(before !== undefined && { before }), ...(after !== undefined && { after }) };
}
