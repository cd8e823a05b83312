import type { Rollout, VertexRollout } from '@shiftwise/core';
import type { SandboxControl } from './control.js';

export interface SeededRollout {
  /** What was created, in one line (the CLI prints it). */
  summary: string;
}

/**
 * Creates what a rollout file deploys against, so `shiftwise deploy` (or the engine) can run it on
 * the sandbox as is:
 * - SageMaker: the endpoint `InService` on `<endpoint>-current` with the file's capacity (default 2),
 *   the target endpoint config (same capacity) or model, and the rollback alarms in `OK`; a `retain`
 *   rollout finds a canary deployment config stored on the endpoint.
 * - A SageMaker inference component: the endpoint (2 instances), the component on it with the file's `copies`
 *   (default 4) of the old model `<model>-previous`, the new model, and the rollback alarms in `OK`.
 * - Vertex AI: the endpoint serving version 1 of the file's model on DeployedModel
 *   `previousDeployedModel` (default `1`) with `capacity` replicas (default 2), with all the traffic. A canary by
 *   traffic split (`strategy.type: steps`) also finds the DeployedModels of `otherDeployedModels` on it (one replica
 *   each, no traffic: the share they keep is 0).
 */
export function seedRollout(control: SandboxControl, rollout: Rollout): SeededRollout {
  const capacity = rollout.capacity ?? 2;
  if (rollout.provider === 'vertex-ai') return seedVertex(control, rollout);
  const current = `${rollout.endpoint}-current`;
  for (const alarm of rollout.rollback.alarms) control.seedAlarm({ name: alarm });
  const alarms = rollout.rollback.alarms.length ? `, alarms ${rollout.rollback.alarms.join(', ')}` : '';
  if (rollout.target.kind === 'inferenceComponent') {
    const { name, model } = rollout.target;
    const copies = rollout.capacity ?? 4;
    control.seedEndpoint({ name: rollout.endpoint, config: current, instances: 2 });
    control.seedModel({ name: model });
    control.seedInferenceComponent({ name, endpoint: rollout.endpoint, model: `${model}-previous`, copies });
    return {
      summary: `SageMaker endpoint ${rollout.endpoint}, inference component ${name} on it (${copies} copies of ${model}-previous), model ${model}${alarms}`,
    };
  }
  control.seedEndpoint({
    name: rollout.endpoint,
    config: current,
    instances: capacity,
    ...(rollout.strategy.type === 'retain' ? { deploymentConfig: retainedConfig } : {}),
  });
  if (rollout.target.kind === 'endpointConfig')
    control.seedEndpointConfig({ name: rollout.target.name, instances: capacity });
  else control.seedModel({ name: rollout.target.name });
  return {
    summary: `SageMaker endpoint ${rollout.endpoint} on ${current} (${capacity} instances), ${rollout.target.kind} ${rollout.target.name}${alarms}`,
  };
}

function seedVertex(control: SandboxControl, rollout: VertexRollout): SeededRollout {
  const capacity = rollout.capacity ?? 2;
  const base = rollout.model.split('@')[0]!;
  control.vertex.seedModel({ name: base });
  const previous = rollout.previousDeployedModel ?? '1';
  const steps = (rollout.strategy as { type?: string }).type === 'steps';
  const given: unknown = steps ? rollout.otherDeployedModels : undefined;
  const others = (Array.isArray(given) ? given : [])
    .filter((id): id is string => typeof id === 'string' && id !== '' && id !== previous)
    .filter((id, i, all) => all.indexOf(id) === i);
  control.vertex.seedEndpoint({
    project: rollout.project,
    location: rollout.location,
    id: rollout.endpoint,
    deployedModels: [
      { id: previous, model: `${base}@1`, replicas: capacity },
      ...others.map((id) => ({ id, model: `${base}-other-${id}@1`, replicas: 1 })),
    ],
    trafficSplit: { [previous]: 100, ...Object.fromEntries(others.map((id) => [id, 0])) },
  });
  const beside = others.length ? `; DeployedModels ${others.join(', ')} beside it with 0%` : '';
  return {
    summary: `Vertex AI endpoint ${rollout.endpoint} (DeployedModel ${previous}, ${capacity} replicas, 100% of the traffic${beside})`,
  };
}

/** The deployment config a `retain` rollout finds stored on its endpoint: a canary of one instance. */
const retainedConfig = {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: 'CANARY',
      CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 },
      WaitIntervalInSeconds: 300,
    },
    TerminationWaitInSeconds: 300,
    MaximumExecutionTimeoutInSeconds: 3600,
  },
};
