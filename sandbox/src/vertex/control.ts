/** Control of the Vertex AI emulator (seeding, the "replicas never ready" switch). */
export interface VertexControl {
  /** An endpoint with `deployedModels` (each `{ id, model, replicas }`) and an even or given traffic split. */
  seedEndpoint(input: VertexSeedEndpoint): { name: string };
  /** A model resource (`projects/P/locations/L/models/M`, version `@N` allowed). */
  seedModel(input: { name: string; displayName?: string }): { name: string };
  /** Replicas of `model` (default: any model) never become ready: rollouts fail and revert. */
  replicasNeverReady(input: { model?: string; enabled?: boolean }): void;
}

export interface VertexSeedEndpoint {
  project: string;
  location: string;
  /** Numeric endpoint ID. */
  id: string;
  displayName?: string;
  deployedModels?: { id: string; model: string; replicas?: number; machineType?: string }[];
  trafficSplit?: Record<string, number>;
}
