import type { Json } from '../http/input.js';
import type { VertexTimings, Wave } from './rollout.js';

export interface DeployedModelRecord {
  id: string;
  model: string;
  displayName: string;
  createdAt: number;
  /** Ready replicas once settled (the target while it is the rollout's new model). */
  replicas: number;
  /** The request's maxReplicaCount when it gave one above `replicas` (no autoscaling is simulated). */
  maxReplicas?: number;
  machineType: string;
  rolloutOptions?: Json;
}

export type VertexApi = 'v1' | 'v1beta1';

export interface RolloutRecord {
  operation: string;
  startedAt: number;
  added: DeployedModelRecord;
  /** Models being replaced with their ready replicas at the start; retired from the last one first. */
  olds: { id: string; replicas: number }[];
  target: number;
  waves: Wave[];
  timings: VertexTimings;
  /** Fault switch captured at the call: the new replicas never become ready. */
  neverReady: boolean;
  /** Traffic split to restore if the rollout fails. */
  splitBefore: Record<string, number>;
  /** Plain (non-rolling) deployments: the split once the model is up. */
  splitAfter?: Record<string, number>;
}

export interface VertexEndpointRecord {
  name: string;
  displayName: string;
  createdAt: number;
  updatedAt: number;
  deployedModels: DeployedModelRecord[];
  trafficSplit: Record<string, number>;
  /** User labels (`endpoints.patch` with `updateMask=labels` replaces them whole). */
  labels: Record<string, string>;
  rollout?: RolloutRecord;
  /** DeployedModels being undeployed: listed, with no traffic, until their operation ends. */
  undeploying: { id: string; doneAt: number }[];
  /** Transitions of finished (or superseded) rollouts. */
  history: VertexTransition[];
}

export interface OperationRecord {
  name: string;
  endpoint: string;
  kind: 'DeployModel' | 'UndeployModel';
  /** The API version the call came in on: its messages' `@type` say it. */
  api: VertexApi;
  startedAt: number;
  /** Set once finished: when, and the response or the error. */
  doneAt?: number;
  response?: Json;
  error?: { code: number; message: string };
}

/** A rollout at `now`: ready replicas of old and new, and how it ended if it did. */
export interface RolloutView {
  old: number;
  ready: number;
  message: string;
  outcome?: { at: number; ok: boolean; message?: string };
}

/**
 * Computed from the clock only. With the never-ready switch, the first wave's replicas never pass
 * their health checks: after `readyTimeoutSeconds` the rollout fails and the old replicas retired
 * meanwhile are brought back (one more replica start-up), then the operation ends with an error.
 */
export function rolloutAt(rollout: RolloutRecord, now: number): RolloutView {
  const ms = (s: number) => rollout.startedAt + s * 1000;
  const first = rollout.waves[0];
  const total = rollout.olds.reduce((n, o) => n + o.replicas, 0);
  if (rollout.neverReady && first) {
    const failAt = first.start + rollout.timings.readyTimeoutSeconds;
    const revertedAt = failAt + rollout.timings.replicaSeconds;
    if (now >= ms(revertedAt))
      return {
        old: total,
        ready: 0,
        message: 'Reverted.',
        outcome: {
          at: ms(revertedAt),
          ok: false,
          message:
            rollout.olds.length > 0
              ? `Rolling deployment of DeployedModel ${rollout.added.id} failed: its replicas did not become ready within ${rollout.timings.readyTimeoutSeconds} seconds (the health route never returned 200). Replicas were reverted to the previous DeployedModel.`
              : `Deployment of DeployedModel ${rollout.added.id} failed: its replicas did not become ready within ${rollout.timings.readyTimeoutSeconds} seconds (the health route never returned 200). The endpoint keeps its other DeployedModels and traffic split.`,
        },
      };
    const message =
      now >= ms(failAt)
        ? 'Rolling deployment failed; reverting replicas to the previous DeployedModel.'
        : `Waiting for ${first.launched} new replica(s) to become ready.`;
    return { old: first.old, ready: 0, message };
  }
  const last = rollout.waves[rollout.waves.length - 1];
  if (!last || now >= ms(last.end))
    return {
      old: 0,
      ready: rollout.target,
      message: 'Deployed.',
      outcome: { at: ms(last?.end ?? 0), ok: true },
    };
  const wave = rollout.waves.find((w) => now < ms(w.end))!;
  return {
    old: wave.old,
    ready: wave.ready,
    message: `Rolling deployment: ${wave.ready} of ${rollout.target} new replica(s) ready, ${wave.launched} starting, ${wave.old} old replica(s) serving.`,
  };
}

/** Splits `old` ready replicas among the replaced models, retiring from the last-listed first. */
export function oldReplicas(rollout: RolloutRecord, old: number): Map<string, number> {
  const out = new Map<string, number>();
  let left = old;
  for (const o of rollout.olds) {
    const keep = Math.min(o.replicas, left);
    out.set(o.id, keep);
    left -= keep;
  }
  return out;
}

/** One observable change of a Vertex AI endpoint (for the control API's detection-lag measurements). */
export interface VertexTransition {
  at: number;
  /** The DeployedModel being rolled out. */
  deployedModel: string;
  readyReplicas: number;
  oldReplicas: number;
  message: string;
}

/** The changes a rollout went through up to `now`: one per wave (replicas retired, then ready) and its end. */
export function rolloutTransitions(rollout: RolloutRecord, now: number): VertexTransition[] {
  const ms = (s: number) => rollout.startedAt + s * 1000;
  const at = (seconds: number) => rolloutAt(rollout, ms(seconds));
  const first = rollout.waves[0];
  const instants =
    rollout.neverReady && first
      ? [
          first.start,
          first.start + rollout.timings.readyTimeoutSeconds,
          first.start + rollout.timings.readyTimeoutSeconds + rollout.timings.replicaSeconds,
        ]
      : [...rollout.waves.map((w) => w.start), rollout.waves.at(-1)?.end ?? 0];
  return instants
    .filter((s) => ms(s) <= now)
    .map((s) => {
      const view = at(s);
      return {
        at: ms(s),
        deployedModel: rollout.added.id,
        readyReplicas: view.ready,
        oldReplicas: view.old,
        message: view.outcome?.message ?? view.message,
      };
    });
}
