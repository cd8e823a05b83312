import type { Rollout } from '../model.js';
import { isStepsRollout } from '../plan/steps-plan.js';
import { isVertexSteps } from '../plan/vertex-steps-plan.js';
import type { Provider } from './provider.js';
import { inferenceComponentProvider } from './sagemaker/component-provider.js';
import { sageMakerClients, sageMakerProvider } from './sagemaker/provider.js';
import { type StepsMode, stepsProvider } from './steps/provider.js';
import { vertexCanaryProvider } from './vertex/canary-provider.js';
import { vertexProvider } from './vertex/provider.js';

export interface ProviderOptions {
  /** The environment the cloud settings come from; the process environment by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** A Shiftwise-run rollout (`type: steps`): run it (default), pass the gate it waits at, or roll it back. */
  readonly mode?: StepsMode;
}

/**
 * The provider a rollout file names (an inference component's for an `inferenceComponent` target), wired from the
 * environment (docs/engine.md credentials and endpoints).
 */
export function providerFor(rollout: Rollout, options: ProviderOptions = {}): Provider {
  const env = options.env ?? process.env;
  if (rollout.provider !== 'sagemaker')
    return isVertexSteps(rollout)
      ? vertexCanaryProvider(rollout, { env, ...(options.mode && { mode: options.mode }) })
      : vertexProvider(rollout, { env });
  const clients = sageMakerClients(rollout.region, env);
  if (isStepsRollout(rollout)) return stepsProvider(rollout, clients, { mode: options.mode ?? 'deploy' });
  return rollout.target.kind === 'inferenceComponent'
    ? inferenceComponentProvider(rollout, clients)
    : sageMakerProvider(rollout, clients);
}
