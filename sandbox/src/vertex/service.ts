import type { SandboxClock } from '../clock.js';
import { ServiceError } from '../errors.js';
import type { VertexControl } from './control.js';

export interface VertexService {
  control: VertexControl;
  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Buffer,
  ): { status: number; body: unknown };
}

/** Placeholder until the Vertex AI emulator lands. */
export function createVertex(_clock: SandboxClock): VertexService {
  const notYet = () => {
    throw new ServiceError(501, 'UNIMPLEMENTED', 'Vertex AI is not served by this sandbox yet.');
  };
  return {
    control: { seedEndpoint: notYet, seedModel: notYet, replicasNeverReady: notYet },
    handle: notYet,
  };
}
