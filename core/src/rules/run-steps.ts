import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isFlowText, removeItem } from '../diagnostics/edits.js';
import { report } from '../diagnostics/report.js';
import { maxStepWait } from '../fields/table.js';
import type { RunStep } from '../model.js';
import { example } from '../parse/example.js';
import { replaceFix, secondsWords, valueAt } from './helpers.js';
import { readableEntries } from './holes.js';
import type { Rule } from './rule.js';

/**
 * The steps of a `type: steps` file, or none: undefined in the place of a step that did not read (`bake: 10 min`),
 * which could be a traffic step or a pause (core/src/rules/holes.ts). Each rule judges the steps that read, and
 * says of their order only what no reading of the others would change.
 */
function stepsOf(context: Parameters<Rule>[0]): readonly (RunStep | undefined)[] {
  const { strategy } = context.rollout;
  return strategy.type === 'steps' ? readableEntries(strategy.steps) : [];
}

/** Whether a step after `i` did not read: it could be a traffic step, so "the last" is not known. */
function unreadAfter(steps: readonly (RunStep | undefined)[], i: number): boolean {
  return steps.slice(i + 1).includes(undefined);
}

/**
 * Traffic steps: 1–100%, each above the one before, the last at 100% (a rollout that never reaches 100% never
 * ends on the new model).
 *
 *   5%, 25%, 50%, 100% → clean;  5%, 25%, 10% → error on 10%;  5%, 50% → error on 50% (not 100%)
 *
 * Beside a step that did not read: a step at or below an earlier one is an error whatever it holds, but the last
 * traffic step is not known when a step after it did not read, nor is "only pauses" when any did not.
 *
 *   25%, (bake: 10 min), 10% → error on 10%;  5%, (traffic: abc) → none (that step may be the 100%)
 */
export const stepsOrder: Rule = (context) => {
  const steps = stepsOf(context);
  const found: Diagnostic[] = [];
  let before = 0;
  let last: number | undefined;
  let lastFlagged = false;
  steps.forEach((step, i) => {
    if (step?.kind !== 'traffic') return;
    const path = `strategy.steps.${i}.traffic`;
    const range = valueAt(context, path);
    last = i;
    lastFlagged = false;
    if (range === undefined) return;
    if (step.percent < 1 || step.percent > 100) {
      lastFlagged = true;
      const clamped = Math.min(100, Math.max(1, step.percent));
      found.push(
        report(
          'steps-order',
          `'${path}' is ${step.percent}%; a step sends 1–100% of traffic to the new model`,
          range,
          replaceFix(context, path, `${clamped}%`),
        ),
      );
    } else if (step.percent <= before) {
      lastFlagged = true;
      found.push(
        report(
          'steps-order',
          `'${path}' is ${step.percent}%, not above the ${before}% of the step before; traffic only rises, step by step, to 100% (a rollback is what moves it back)`,
          range,
        ),
      );
    }
    before = Math.max(before, step.percent);
  });
  const end = last === undefined ? undefined : steps[last];
  if (end?.kind === 'traffic' && end.percent < 100 && !lastFlagged && !unreadAfter(steps, last as number)) {
    const path = `strategy.steps.${last}.traffic`;
    const range = valueAt(context, path);
    if (range)
      found.push(
        report(
          'steps-order',
          `the last traffic step is ${end.percent}%; the rollout ends on the new model only at 100%: end with a step of 100%`,
          range,
          replaceFix(context, path, '100%'),
        ),
      );
  }
  if (last === undefined && steps.length > 0 && !steps.includes(undefined)) {
    const range = valueAt(context, 'strategy.steps');
    if (range)
      found.push(report('steps-order', 'the steps only pause; add traffic steps, the last at 100%', range));
  }
  return found;
};

/**
 * Manual gates: two in a row wait for two promotes with nothing between them, and a gate after the last traffic
 * step holds a rollout that has nothing left to do but finish. Both are errors, the fix removes the gate.
 * Beside a step that did not read, a gate is judged only by the steps that did: "in a row" when the step before it
 * read as a manual pause, "after the last traffic step" when no step after it is unread (it could be traffic).
 */
export const stepsGate: Rule = (context) => {
  const steps = stepsOf(context);
  const lastTraffic = steps.findLastIndex((s) => s?.kind === 'traffic');
  const found: Diagnostic[] = [];
  steps.forEach((step, i) => {
    if (step?.kind !== 'pause' || step.seconds !== undefined) return;
    const path = `strategy.steps.${i}`;
    const range = valueAt(context, `${path}.pause`);
    if (range === undefined) return;
    const previous = steps[i - 1];
    const fix = (title: string) => {
      const item = valueAt(context, path);
      const edit = item && removeItem(context.text, item);
      return edit ? [{ title, edits: [edit] }] : [];
    };
    if (previous?.kind === 'pause' && previous.seconds === undefined)
      found.push(
        report(
          'steps-gate',
          `step ${i + 1} is a second manual pause in a row; one promote passes a gate, so two in a row only ask twice: remove one`,
          range,
          fix('Remove this pause'),
        ),
      );
    else if (lastTraffic >= 0 && i > lastTraffic && !unreadAfter(steps, i))
      found.push(
        report(
          'steps-gate',
          `step ${i + 1} pauses after the last traffic step; at 100% the bake decides, and a gate there only delays removing the old variant: put the pause before the step it guards`,
          range,
          fix('Remove this pause'),
        ),
      );
  });
  return found;
};

/**
 * A step's bake: 0 seconds to 24 hours; a timed pause: 1 second to 24 hours (Shiftwise watches it; longer belongs
 * to a gate, and a pause of nothing is no step).
 */
export const stepsWait: Rule = (context) => {
  const steps = stepsOf(context);
  const found: Diagnostic[] = [];
  steps.forEach((step, i) => {
    if (step === undefined) return;
    const [key, seconds] = step.kind === 'traffic' ? ['bake', step.bakeSeconds] : ['pause', step.seconds];
    if (seconds === undefined) return;
    const path = `strategy.steps.${i}.${key}`;
    const range = valueAt(context, path);
    if (range === undefined) return;
    if (key === 'pause' && seconds < 1) {
      const item = valueAt(context, `strategy.steps.${i}`);
      const edit = item && removeItem(context.text, item);
      found.push(
        report(
          'steps-wait',
          `step ${i + 1} pauses for 0 s, which waits for nothing; a timed pause lasts 1 second to 24 hours: remove this step, or give it a duration such as 10m`,
          range,
          edit ? [{ title: 'Remove this pause', edits: [edit] }] : [],
        ),
      );
      return;
    }
    if (seconds <= maxStepWait) return;
    found.push(
      report(
        'steps-wait',
        `'${path}' is ${secondsWords(seconds)}; a ${key} lasts at most 24 hours (86400 s): for longer, use ${example('pause: manual', isFlowText(context.text))} and promote when ready`,
        range,
        replaceFix(context, path, '24h'),
      ),
    );
  });
  return found;
};
