import type { Rollout } from '../model.js';
import type { Provider } from './provider.js';
import { inferenceComponentProvider } from './sagemaker/component-provider.js';
import { sageMakerClients, sageMakerProvider } from './sagemaker/provider.js';
import { vertexProvider } from './vertex/provider.js';

export interface ProviderOptions {
  /** The environment the cloud settings come from; the process environment by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The provider a rollout file names (an inference component's for an `inferenceComponent` target), wired from the
 * environment (docs/engine.md credentials and endpoints).
 */
export function providerFor(rollout: Rollout, options: ProviderOptions = {}): Provider {
  const env = options.env ?? process.env;
  if (rollout.provider !== 'sagemaker') return vertexProvider(rollout, { env });
  const clients = sageMakerClients(rollout.region, env);
  return rollout.target.kind === 'inferenceComponent'
    ? inferenceComponentProvider(rollout, clients)
    : sageMakerProvider(rollout, clients);
}
