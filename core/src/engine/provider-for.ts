import type { Rollout } from '../model.js';
import type { Provider } from './provider.js';
import { sageMakerClients, sageMakerProvider } from './sagemaker/provider.js';
import { vertexProvider } from './vertex/provider.js';

export interface ProviderOptions {
  /** The environment the cloud settings come from; the process environment by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The provider a rollout file names, wired from the environment (docs/engine.md credentials and endpoints). */
export function providerFor(rollout: Rollout, options: ProviderOptions = {}): Provider {
  const env = options.env ?? process.env;
  return rollout.provider === 'sagemaker'
    ? sageMakerProvider(rollout, sageMakerClients(rollout.region, env))
    : vertexProvider(rollout, { env });
}
