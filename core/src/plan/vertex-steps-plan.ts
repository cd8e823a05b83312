import type { VertexRollout } from '../model.js';
import { plannedCheck } from './analysis-queries.js';
import { humanDuration } from './human-duration.js';
import type { DeployModelRequest } from './request-types.js';
import { bakesWatched, runStepShapes, withLastMetrics } from './run-steps.js';
import type { StepShape } from './steps.js';
import { lastMetricsAssumption } from './steps-plan.js';
import type { Plan, PlannedCall } from './types.js';
import type { DeployedModel } from './vertex-api.js';
import { vertexEndpointName } from './vertex-request.js';
import { canaryDeployRequest, firstShare, splitAt, type VertexStepsRollout } from './vertex-steps-request.js';

export const isVertexSteps = (rollout: VertexRollout): rollout is VertexStepsRollout =>
  rollout.strategy.type === 'steps';

/**
 * The schedule of a Vertex AI canary: a step per entry of `steps`; the new DeployedModel runs `capacity` replicas
 * from its deployment on (its share of traffic moves, its replicas do not), beside the previous one's.
 *
 *   10% / gate / 50% / 100%, capacity 2 → traffic 10/10/50/100, new replicas 2 each step, previous 2
 */
export function vertexStepsSchedule(
  rollout: VertexStepsRollout,
  capacity: number,
  previous: DeployedModel | undefined,
): { shapes: StepShape[]; peak: number; assumptions: string[] } {
  const steps = rollout.strategy.type === 'steps' ? rollout.strategy.steps : [];
  const old = previous?.dedicatedResources?.minReplicaCount ?? capacity;
  const gates = steps.filter((s) => s.kind === 'pause' && s.seconds === undefined).length;
  const others = rollout.otherDeployedModels ?? [];
  return {
    shapes: withLastMetrics(
      runStepShapes(steps, capacity, old, bakesWatched(rollout)).map((s) => ({
        ...s,
        greenActive: capacity,
      })),
      rollout,
    ),
    peak: old + capacity,
    assumptions: [
      'Shiftwise runs this canary with the GA v1 API: deployModel puts the new model beside the previous one with ' +
        "the first step's share of its traffic, each step moves the split (endpoints.patch), and after the last " +
        'step the previous model is undeployed.',
      `The new DeployedModel runs ${capacity} replica${capacity === 1 ? '' : 's'} on the previous one's machines from the start; only its share of traffic moves. Deploying it takes time the plan cannot know, not in the totals.`,
      others.length > 0
        ? `DeployedModels ${others.join(', ')} keep their share of traffic; the steps move the previous model's share.`
        : 'The endpoint serves the previous model alone; another DeployedModel on it refuses the rollout (name it in otherDeployedModels to keep its share).',
      rollout.previousDeployedModel === undefined
        ? 'The previous DeployedModel (its id, machines and replicas) is read from the endpoint at deploy time; the request is completed then.'
        : `Replaces DeployedModel ${rollout.previousDeployedModel}; its machines and replicas are read at deploy time.`,
      bakesWatched(rollout)
        ? 'While a step bakes, Shiftwise reads the analysis checks from Cloud Monitoring; a breach, the timeout or ' +
          'shiftwise abort puts the previous model back on its whole share at once and undeploys the new one.'
        : 'No analysis check can roll back (Vertex AI has no alarms), so the bakes only delay the next step: only ' +
          'the timeout or shiftwise abort puts the previous model back on its whole share and undeploys the new one.',
      ...lastMetricsAssumption(rollout),
      ...(gates > 0
        ? [
            `${gates === 1 ? 'A manual gate waits' : `${gates} manual gates wait`} for shiftwise promote` +
              (rollout.timeoutSeconds !== undefined
                ? `; the timeout (${humanDuration(rollout.timeoutSeconds)}) counts for each stretch between gates.`
                : '.'),
          ]
        : []),
      'Where the rollout stands is kept in labels on the endpoint (shiftwise-rollout, -step, -state, -since).',
    ],
  };
}

/** The requests of a Vertex AI canary, in order; the new model's id is known only once it is deployed. */
export function vertexStepsRequests(
  rollout: VertexStepsRollout,
  capacity: number,
  previous: DeployedModel | undefined,
  others: Readonly<Record<string, number>> = {},
): Pick<Plan, 'request' | 'sequence' | 'analysis'> {
  const steps = rollout.strategy.type === 'steps' ? rollout.strategy.steps : [];
  const prev = previous?.id ?? rollout.previousDeployedModel;
  const request: DeployModelRequest = previous
    ? canaryDeployRequest(rollout, previous, others, capacity)
    : {
        provider: 'vertex-ai',
        operation: 'deployModel',
        version: 'v1',
        endpoint: vertexEndpointName(rollout),
        body: {
          deployedModel: { model: rollout.model, displayName: rollout.name },
          ...(prev !== undefined && { trafficSplit: splitAt(firstShare(rollout), prev, '0') }),
        },
      };
  const who = prev ?? 'the previous model';
  const sequence: PlannedCall[] = [
    {
      when: 'start',
      operation: 'deployModel',
      request,
      note: `the new model beside ${who}, with ${firstShare(rollout)}% of its traffic${previous ? '' : ' (machines and replicas read at deploy time)'}`,
    },
    {
      when: 'start',
      operation: 'patchEndpoint',
      note: 'labels: records the rollout on the endpoint (step 0)',
    },
    ...steps.flatMap((step, i): PlannedCall[] =>
      step.kind === 'traffic'
        ? [
            {
              when: 'step',
              step: i + 1,
              operation: 'patchEndpoint',
              note: `trafficSplit: ${step.percent}% of ${who}'s share to the new model`,
            },
            { when: 'step', step: i + 1, operation: 'patchEndpoint', note: `labels: records step ${i + 1}` },
          ]
        : [
            {
              when: 'step',
              step: i + 1,
              operation: 'patchEndpoint',
              note:
                step.seconds === undefined
                  ? `labels: records the gate at step ${i + 1}; shiftwise promote continues`
                  : `labels: records the pause at step ${i + 1}; it ends by itself after ${humanDuration(step.seconds)}`,
            },
          ],
    ),
    { when: 'finish', operation: 'undeployModel', note: `${who}, its share now the new model's` },
    { when: 'finish', operation: 'patchEndpoint', note: 'labels: the rollout is over' },
    {
      when: 'rollback',
      operation: 'patchEndpoint',
      note: `trafficSplit: ${who} back on its whole share at once`,
    },
    { when: 'rollback', operation: 'undeployModel', note: 'the new model' },
    { when: 'rollback', operation: 'patchEndpoint', note: 'labels: the rollout is over' },
  ];
  return {
    request,
    sequence,
    analysis: (rollout.analysis ?? []).map((c) => plannedCheck(c, rollout.provider)),
  };
}
