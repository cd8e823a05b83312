import type { SageMakerRollout } from '../model.js';
import { plannedCheck } from './analysis-queries.js';
import { humanDuration } from './human-duration.js';
import { lastMetricsSeconds } from './metric-lag.js';
import type { Found } from './request-types.js';
import {
  bakesWatched,
  largestNewFleet,
  newVariantName,
  oldVariantName,
  runStepShapes,
  withLastMetrics,
} from './run-steps.js';
import type { CurrentEndpointConfig } from './sagemaker-api.js';
import type { StepShape } from './steps.js';
import {
  finalConfigName,
  finalConfigRequest,
  rollbackWeightsRequest,
  type StepsRollout,
  stepsConfigName,
  stepsConfigRequest,
  switchConfigRequest,
  weightsRequest,
} from './steps-request.js';
import type { Plan, PlannedCall } from './types.js';

export const isStepsRollout = (rollout: SageMakerRollout): rollout is StepsRollout =>
  rollout.strategy.type === 'steps';

/** What preflight read that a Shiftwise-run plan depends on: the live config (one variant) and its name. */
function liveConfig(found: Found | undefined): { config?: CurrentEndpointConfig; name?: string } {
  if (found?.provider !== 'sagemaker') return {};
  return {
    ...(found.currentConfig && { config: found.currentConfig }),
    ...(found.currentConfigName && { name: found.currentConfigName }),
  };
}

/** Instances of the live variant: what preflight read, else the new fleet's capacity (said in the assumptions). */
function oldInstancesOf(found: Found | undefined, capacity: number): { count: number; known: boolean } {
  const count = liveConfig(found).config?.ProductionVariants[0]?.InitialInstanceCount;
  return count !== undefined && Number.isSafeInteger(count) && count >= 1
    ? { count, known: true }
    : { count: capacity, known: false };
}

/**
 * The schedule of a rollout Shiftwise runs itself: a step per entry of `steps`, the old variant's instances beside
 * the new one's, and the peak of the two endpoint updates around the steps (each provisions a whole new fleet).
 */
export function stepsSchedule(
  rollout: StepsRollout,
  capacity: number,
  found: Found | undefined,
): { shapes: StepShape[]; peak: number; assumptions: string[] } {
  const steps = rollout.strategy.type === 'steps' ? rollout.strategy.steps : [];
  const old = oldInstancesOf(found, capacity);
  const first = largestNewFleet(steps.slice(0, 1), capacity) || 1;
  const gates = steps.filter((s) => s.kind === 'pause' && s.seconds === undefined).length;
  const timeout = rollout.timeoutSeconds;
  return {
    shapes: withLastMetrics(runStepShapes(steps, capacity, old.count, bakesWatched(rollout)), rollout),
    // Adding the variant: the old fleet, and its copy beside the new variant's first instances. Finishing: the
    // two-variant fleet at full capacity, and the new model's fleet beside it.
    peak: Math.max(2 * old.count + first, old.count + 2 * capacity),
    assumptions: [
      `Shiftwise runs these steps itself: the new model serves as a second production variant (${newVariantName}) ` +
        `beside the live one (${oldVariantName}) on a copy of the endpoint's config, and each step sets both ` +
        "variants' weights and the new one's instances with UpdateEndpointWeightsAndCapacities.",
      `Adding the variant before step 1 and leaving only the new model after the last step are endpoint updates ` +
        "that change the endpoint's variants, which SageMaker's deployment guardrails do not cover: they go out " +
        'without a DeploymentConfig (all at once) while Shiftwise watches the rollback alarms. SageMaker provisions ' +
        'a new fleet for each, which takes time the plan cannot know and is not in the totals.',
      old.known
        ? `The live variant runs ${old.count} instance${old.count === 1 ? '' : 's'}; it keeps them until the end, so a rollback is one weight change.`
        : `The live variant's instances are read at deploy time; the plan assumes ${old.count}, the new fleet's capacity.`,
      bakesWatched(rollout)
        ? 'While a step bakes, Shiftwise polls the rollback alarms (DescribeAlarms) and the analysis checks ' +
          '(GetMetricData); an alarm, a breach, the timeout or shiftwise abort puts all traffic back on the old ' +
          'variant at once and then returns the endpoint to its original config.'
        : 'No rollback alarm or analysis check watches the bakes, so they only delay the next step: only the ' +
          'timeout or shiftwise abort puts all traffic back on the old variant and returns the endpoint to its ' +
          'original config.',
      ...lastMetricsAssumption(rollout),
      ...(gates > 0
        ? [
            `${gates === 1 ? 'A manual gate waits' : `${gates} manual gates wait`} for shiftwise promote` +
              (timeout !== undefined
                ? `; the timeout (${humanDuration(timeout)}) counts for each stretch between gates, from its start or from the promote.`
                : '.'),
          ]
        : timeout !== undefined
          ? [`The timeout (${humanDuration(timeout)}) counts from the first request to the end.`]
          : []),
      'Where the rollout stands is kept in tags on the endpoint (shiftwise:rollout, :step, :state, :since), so any ' +
        'process can resume, promote or abort it.',
    ],
  };
}

/**
 * What the wait for the last metrics adds, in a sentence, when checks judge the bakes: metrics arrive late, so a
 * step is left only once its last periods have settled.
 */
export function lastMetricsAssumption(rollout: Parameters<typeof lastMetricsSeconds>[0]): string[] {
  const tail = lastMetricsSeconds(rollout);
  if (tail === 0) return [];
  return [
    `Metrics arrive late, so each step with a bake goes on until its last periods have settled and been judged: up to ${humanDuration(tail)} past the bake (the longest check period plus its lag). The start times and the totals leave that wait out; the timeout counts it.`,
  ];
}

/** The requests of a Shiftwise-run rollout, in order; those that need the live config wait for preflight. */
export function stepsRequests(
  rollout: StepsRollout,
  capacity: number,
  found: Found | undefined,
): Pick<Plan, 'request' | 'prepare' | 'sequence' | 'analysis'> {
  const live = liveConfig(found);
  const steps = rollout.strategy.type === 'steps' ? rollout.strategy.steps : [];
  const start = switchConfigRequest(rollout, stepsConfigName(rollout));
  const prepare = live.config && stepsConfigRequest(rollout, live.config, capacity);
  const finalConfig = live.config && finalConfigRequest(rollout, live.config, capacity);
  const pending = "built at deploy time from the endpoint's live config";
  const sequence: PlannedCall[] = [
    {
      when: 'start',
      operation: 'CreateEndpointConfig',
      ...(prepare && { request: prepare }),
      note: `${stepsConfigName(rollout)}: the live variant and the new model at weight 0${prepare ? '' : ` (${pending})`}`,
    },
    {
      when: 'start',
      operation: 'UpdateEndpoint',
      request: start,
      note: 'adds the new variant, no traffic yet',
    },
    { when: 'start', operation: 'AddTags', note: 'records the rollout on the endpoint (step 0)' },
    ...steps.flatMap((step, i): PlannedCall[] =>
      step.kind === 'traffic'
        ? [
            {
              when: 'step',
              step: i + 1,
              operation: 'UpdateEndpointWeightsAndCapacities',
              request: weightsRequest(rollout.endpoint, step.percent, capacity),
              note: `${step.percent}% of traffic to the new model`,
            },
            { when: 'step', step: i + 1, operation: 'AddTags', note: `records step ${i + 1}` },
          ]
        : [
            {
              when: 'step',
              step: i + 1,
              operation: 'AddTags',
              note:
                step.seconds === undefined
                  ? `records the gate at step ${i + 1}; shiftwise promote continues`
                  : `records the pause at step ${i + 1}; it ends by itself after ${humanDuration(step.seconds)}`,
            },
          ],
    ),
    {
      when: 'finish',
      operation: 'CreateEndpointConfig',
      ...(finalConfig && { request: finalConfig }),
      note: `${finalConfigName(rollout)}: the new model alone${finalConfig ? '' : ` (${pending})`}`,
    },
    {
      when: 'finish',
      operation: 'UpdateEndpoint',
      request: switchConfigRequest(rollout, finalConfigName(rollout)),
      note: 'leaves only the new model',
    },
    { when: 'finish', operation: 'DeleteTags', note: 'the rollout is over' },
    {
      when: 'rollback',
      operation: 'UpdateEndpointWeightsAndCapacities',
      request: rollbackWeightsRequest(rollout.endpoint),
      note: 'all traffic back to the old variant at once',
    },
    {
      when: 'rollback',
      operation: 'UpdateEndpoint',
      ...(live.name && { request: switchConfigRequest(rollout, live.name) }),
      note: live.name ? `back to ${live.name}` : 'back to the original config, read at deploy time',
    },
    { when: 'rollback', operation: 'DeleteTags', note: 'the rollout is over' },
  ];
  return {
    request: start,
    ...(prepare && { prepare }),
    sequence,
    analysis: (rollout.analysis ?? []).map((c) => plannedCheck(c, rollout.provider)),
  };
}
