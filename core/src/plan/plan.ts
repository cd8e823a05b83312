import { fleetTarget, type Rollout, type SageMakerRollout, type Size, type VertexRollout } from '../model.js';
import { carriedFields } from './component-request.js';
import { type FleetOf, fleetCount } from './fleet-unit.js';
import { humanDuration } from './human-duration.js';
import { requestsFor } from './requests.js';
import { blueGreenShapes, rollingShapes } from './sagemaker-schedule.js';
import { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from './size.js';
import { type StepShape, timeSteps } from './steps.js';
import { isStepsRollout, stepsSchedule } from './steps-plan.js';
import { type StoredDeployment, storedDeploymentWords } from './stored-deployment.js';
import type { Plan, PlanOptions } from './types.js';
import { vertexEstimateSeconds, vertexWaveEstimateSeconds, vertexWaves } from './vertex-schedule.js';
import { isVertexSteps, vertexStepsSchedule } from './vertex-steps-plan.js';

/** The fleet size a plan assumes when neither the caller nor the file gives one: round, so percents read well. */
export const exampleCapacity = 10;

/**
 * The step schedule and the exact provider request of a rollout (docs/plan.md). Pure and total: any rollout the
 * parser produced gets a plan, even one with rule errors (sizes are clamped into the fleet).
 *
 *   linear 20% of 5, bake 5 min, terminationWait 5 min →
 *     steps at 0/300/600/900/1200 s, traffic 20/40/60/80/100, total 1500 s, peak 10
 */
export function plan(rollout: Rollout, options: PlanOptions = {}): Plan {
  const fleet = resolveCapacity(rollout, options);
  const schedule =
    rollout.provider === 'sagemaker'
      ? sageMakerSchedule(rollout, fleet.capacity, options)
      : isVertexSteps(rollout)
        ? vertexStepsSchedule(
            rollout,
            fleet.capacity,
            options.found?.provider === 'vertex-ai' ? options.found.previous : undefined,
          )
        : vertexSchedule(rollout, fleet.capacity);
  const steps = timeSteps(schedule.shapes, fleet.capacity);
  const stored = storedOf(rollout, options);
  return {
    ...(rollout.file !== undefined && { file: rollout.file }),
    name: rollout.name,
    provider: rollout.provider,
    ...(rollout.provider === 'sagemaker' && rollout.region !== undefined && { region: rollout.region }),
    ...(fleetTarget(rollout) === 'inference-component' && {
      target: 'inference-component' as const,
      endpoint: rollout.endpoint,
    }),
    strategy: rollout.strategy.type,
    ...(stored && { retained: stored.strategy.type }),
    capacity: fleet.capacity,
    capacityKnown: fleet.known,
    steps,
    totalSeconds: steps.reduce((sum, s) => sum + s.bakeSeconds, 0),
    ...(rollout.timeoutSeconds !== undefined && { timeoutSeconds: rollout.timeoutSeconds }),
    peakInstances: schedule.peak,
    ...requestsFor(rollout, options.found, fleet.capacity),
    assumptions: [fleet.assumption, ...schedule.assumptions, ...specificationNote(rollout, options)],
  };
}

/** `retain` at deploy time: the deployment config preflight read on the endpoint, which the update runs again. */
function storedOf(rollout: Rollout, options: PlanOptions): StoredDeployment | undefined {
  if (rollout.provider !== 'sagemaker' || rollout.strategy.type !== 'retain') return undefined;
  return options.found?.provider === 'sagemaker' ? options.found.storedDeployment : undefined;
}

interface Fleet {
  readonly capacity: number;
  readonly known: boolean;
  readonly assumption: string;
}

/** The caller's capacity (a whole number ≥ 1), else the file's, else an example size big enough for the sizes. */
function resolveCapacity(rollout: Rollout, options: PlanOptions): Fleet {
  const target = fleetTarget(rollout);
  const fleet = { provider: rollout.provider, ...(target && { target }) };
  const field = target === 'inference-component' ? 'copies' : 'capacity';
  const lead = target === 'inference-component' ? '' : 'Capacity: ';
  if (isFleetSize(options.capacity))
    return {
      capacity: options.capacity,
      known: true,
      assumption: `${lead}${fleetCount(fleet, options.capacity)}, as given.`,
    };
  if (isFleetSize(rollout.capacity))
    return {
      capacity: rollout.capacity,
      known: true,
      assumption: `${lead}${fleetCount(fleet, rollout.capacity)}, from the file's \`${field}\`.`,
    };
  const capacity = Math.max(exampleCapacity, ...countsOf(rollout).map((n) => 2 * n));
  const source =
    target === 'inference-component'
      ? "the inference component's current copy count"
      : rollout.provider === 'sagemaker'
        ? 'the endpoint config'
        : 'the deployed model';
  return {
    capacity,
    known: false,
    assumption:
      `${target === 'inference-component' ? 'Copies' : 'Capacity'} unknown: planned for an example fleet of ${fleetCount(fleet, capacity)}. At deploy time it is read from ` +
      `${source}; set \`${field}\` in the file or pass --capacity for exact numbers.`,
  };
}

function isFleetSize(n: number | undefined): n is number {
  return n !== undefined && Number.isSafeInteger(n) && n >= 1;
}

/** Instance counts the file states, so an example fleet can hold them. */
function countsOf(rollout: Rollout): number[] {
  const sizes: Size[] =
    rollout.provider === 'vertex-ai'
      ? rollout.strategy.type === 'rolling'
        ? [rollout.strategy.maxSurge, rollout.strategy.maxUnavailable]
        : []
      : 'size' in rollout.strategy
        ? [rollout.strategy.size]
        : 'step' in rollout.strategy
          ? [rollout.strategy.step]
          : 'batch' in rollout.strategy
            ? [rollout.strategy.batch]
            : [];
  return sizes.flatMap((s) => (s.kind === 'count' && Number.isSafeInteger(s.count) ? [s.count] : []));
}

interface Schedule {
  readonly shapes: StepShape[];
  readonly peak: number;
  readonly assumptions: string[];
}

/**
 * What a batch does after its shift, by its bake: `bakes, then terminates as many old ones; every batch bakes, the
 * last one too.`, or with `bake: 0` `then terminates as many old ones at once; no batch bakes.`
 */
function batchBakes(bakeSeconds: number, then: string): string {
  return bakeSeconds > 0
    ? `bakes, then ${then}; every batch bakes, the last one too.`
    : `then ${then} at once; no batch bakes (bake: 0).`;
}

/** Words on provisioning, naming the first step as the plan does (`stepNoun`): `step 1`, `batch 1`. */
const provisioning = (first: 'step' | 'batch') =>
  `Provisioning the new instances takes time the plan cannot know; it is its own phase before ${first} 1 and is ` +
  'not in the totals.';

function sageMakerSchedule(rollout: SageMakerRollout, capacity: number, options: PlanOptions): Schedule {
  const strategy = rollout.strategy;
  if (rollout.target.kind === 'inferenceComponent') return componentSchedule(rollout, capacity);
  if (isStepsRollout(rollout)) return stepsSchedule(rollout, capacity, options.found);
  if (strategy.type === 'rolling') {
    const batch = Math.min(instancesFor(strategy.batch, capacity), capacity);
    return {
      shapes: rollingShapes(batch, capacity, strategy.bakeSeconds),
      peak: capacity + batch,
      assumptions: [
        `Rolling update: each batch launches ${batch} new ${batch === 1 ? 'instance, moves its' : 'instances, moves their'} ` +
          `share of traffic, ${batchBakes(strategy.bakeSeconds, 'terminates as many old ones')}`,
        ...roundingNote('batch', strategy.batch, batch, capacity),
        provisioning('batch'),
      ],
    };
  }
  if (strategy.type === 'retain') {
    // At deploy time preflight has read the deployment config stored on the endpoint: the steps are its.
    const stored = storedOf(rollout, options);
    if (stored) {
      const schedule = sageMakerSchedule(
        { ...rollout, strategy: stored.strategy, terminationWaitSeconds: stored.terminationWaitSeconds },
        capacity,
        options,
      );
      return {
        ...schedule,
        assumptions: [
          `retain: the endpoint's stored deployment config, which this update runs again, is ${storedDeploymentWords(stored)}; the plan follows it.`,
          ...schedule.assumptions,
        ],
      };
    }
    return {
      shapes: [{ greenActive: capacity, blueActive: 0, bakeSeconds: 0, bake: 'none' }],
      peak: 2 * capacity,
      assumptions: [
        'retain: the endpoint keeps the deployment config stored on it, which only the live endpoint knows; ' +
          'the plan shows one shift to the new config and no bakes.',
        provisioning('step'),
      ],
    };
  }
  const size =
    strategy.type === 'canary' ? strategy.size : strategy.type === 'linear' ? strategy.step : undefined;
  const instances = size && Math.min(instancesFor(size, capacity), capacity);
  return {
    shapes: blueGreenShapes(strategy, capacity, rollout.terminationWaitSeconds),
    peak: 2 * capacity,
    assumptions: [
      'Blue/green: the new (green) fleet is provisioned at full capacity first; each step then activates a ' +
        'slice of green and deactivates as much blue, so traffic to green = active green / capacity. Steps ' +
        'short of full capacity bake `bake`; full capacity bakes `terminationWait`; then the old fleet goes.',
      ...(size && instances !== undefined ? roundingNote(strategy.type, size, instances, capacity) : []),
      provisioning('step'),
    ],
  };
}

/**
 * An inference component rolls its copies in batches, like a SageMaker rolling update of instances:
 * 8 copies, batch 25% → 4 batches of 2 new copies at 25/50/75/100% of traffic, peak 10 copies.
 */
function componentSchedule(rollout: SageMakerRollout, capacity: number): Schedule {
  const strategy = rollout.strategy;
  const size = strategy.type === 'rolling' ? strategy.batch : ({ kind: 'percent', percent: 100 } as const);
  const bake = strategy.type === 'rolling' ? strategy.bakeSeconds : 0;
  const batch = Math.min(instancesFor(size, capacity), capacity);
  const name = rollout.target.kind === 'inferenceComponent' ? rollout.target.name : '';
  return {
    shapes: rollingShapes(batch, capacity, bake),
    peak: capacity + batch,
    assumptions: [
      `Inference component ${name} on endpoint ${rollout.endpoint}: each batch starts ${batch} new ` +
        `${batch === 1 ? 'copy of the new model, moves its share of traffic to it' : 'copies of the new model, moves their share of traffic to them'}, ` +
        `${batchBakes(bake, 'stops as many old copies')} The endpoint needs room for the extra copies of one batch ` +
        '(or managed instance scaling).',
      ...roundingNote('batch', size, batch, capacity, {
        provider: 'sagemaker',
        target: 'inference-component',
      }),
      'Starting new copies takes time the plan cannot know; it is not in the totals.',
    ],
  };
}

/** What an inference-component update copies from the live component: said before a deploy has read it. */
function specificationNote(rollout: Rollout, options: PlanOptions): string[] {
  if (rollout.provider !== 'sagemaker' || rollout.target.kind !== 'inferenceComponent') return [];
  const current = options.found?.provider === 'sagemaker' ? options.found.currentComponent : undefined;
  if (current === undefined)
    return [
      "The new Specification is the live component's with ModelName replaced: its container, compute resource " +
        'requirements and startup parameters are copied at deploy time.',
    ];
  const fields = carriedFields(current.specification);
  return [
    fields.length === 0
      ? "The live component's Specification names only its model: the new one is ModelName alone."
      : `Copied from the live component's Specification: ${fields.join(', ')}.`,
  ];
}

/**
 * Says what a percent becomes in whole instances (copies) when that changes the share (docs/rules.md rounding).
 *
 *   canary 30% of 7 → 'canary 30% of 7 rounds to 2 instances: 29% of traffic …'
 *   batch 25% of 3 copies → 'batch 25% of 3 rounds to 1 copy: 33% of traffic …'
 */
function roundingNote(
  what: string,
  size: Size,
  instances: number,
  capacity: number,
  fleet: FleetOf = { provider: 'sagemaker' },
): string[] {
  if (size.kind !== 'percent') return [];
  const effective = effectivePercent(instances, capacity);
  return effective === size.percent
    ? []
    : [
        `${what} ${size.percent}% of ${capacity} rounds to ${fleetCount(fleet, instances)}: ${effective}% of traffic ` +
          '(percent sizes round down, minimum one).',
      ];
}

function vertexSchedule(rollout: VertexRollout, capacity: number): Schedule {
  if (rollout.strategy.type !== 'rolling') return { shapes: [], peak: capacity, assumptions: [] };
  // A surge above the fleet starts no more new replicas than there are old ones to replace (capacity 4, maxSurge
  // 10: one wave of 4 new, peak 8, as maxSurge 100% gives), as unavailable takes down no more than there are.
  const wanted = surgeReplicas(rollout.strategy.maxSurge, capacity);
  const surge = Math.min(wanted, capacity);
  const unavailable = Math.min(unavailableReplicas(rollout.strategy.maxUnavailable, capacity), capacity);
  const waves = vertexWaves(capacity, surge, unavailable);
  const vertex = { provider: 'vertex-ai' as const };
  const surgeWords =
    wanted > capacity
      ? `maxSurge allows ${wanted}, but no more new replicas start than the ${capacity} they replace`
      : 'maxSurge, rounded up';
  return {
    shapes: waves,
    peak: capacity + surge,
    assumptions: [
      `Rolling deployment: up to ${fleetCount(vertex, surge)} extra (${surgeWords}) and up to ` +
        `${fleetCount(vertex, unavailable)} down (maxUnavailable, rounded down); at least ${capacity - unavailable} of ` +
        `${capacity} serve throughout. Traffic follows ready replicas.`,
      `Each wave lasts until its new replicas are ready, which only the deployment shows: the plan estimates ` +
        `${humanDuration(vertexWaveEstimateSeconds)} a wave (a node, the serving container and the model loaded), so ` +
        `about ${humanDuration(vertexEstimateSeconds(waves.length))} in all. An estimate, not a bake: the waves' planned times stay 0.`,
      'rolloutOptions is a Preview (v1beta1) API of Vertex AI; for the GA v1 API use type: steps, a canary by traffic split that Shiftwise runs.',
      ...((rollout.analysis ?? []).length > 0
        ? [
            'The analysis checks watch the new DeployedModel while it rolls and, once it is deployed, for each check’s ' +
              'period × (failureLimit + 1) more; a breach reverts to the previous model.',
          ]
        : []),
      rollout.previousDeployedModel === undefined
        ? 'previousDeployedModel is not in the file: the engine reads it from the endpoint (exactly one model deployed).'
        : 'Replaces the DeployedModel named by `previousDeployedModel`.',
    ],
  };
}
