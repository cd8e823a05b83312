/**
 * Vertex AI rolling deployments as Kubernetes rollout arithmetic (docs/plan.md): `surge` extra
 * replicas may exist above the target, `unavailable` replicas may be missing below it; each wave
 * first retires as many old replicas as availability allows, then launches as many new ones as
 * the surge allows; launched replicas become ready at the end of the wave. Traffic follows ready
 * replicas.
 */
export interface Wave {
  /** Seconds from the deployModel call. */
  start: number;
  end: number;
  /** Ready replicas of the old DeployedModel(s) during the wave. */
  old: number;
  /** Ready replicas of the new DeployedModel during the wave (launched ones count at `end`). */
  ready: number;
  launched: number;
  retired: number;
}

export interface VertexTimings {
  /** A replica from launch to ready. Default 60. */
  replicaSeconds: number;
  /** Retiring replicas when nothing is launched in a wave. Default 10. */
  retireSeconds: number;
  /** How long unready replicas are waited for before the rollout fails and reverts. Default 600. */
  readyTimeoutSeconds: number;
}

export const defaultVertexTimings: VertexTimings = {
  replicaSeconds: 60,
  retireSeconds: 10,
  readyTimeoutSeconds: 600,
};

/**
 * The waves that bring `replicas` new replicas up and retire the `oldReady` old ones.
 *
 *   4 replicas, surge 1, unavailable 0 → launch 1 · retire 1 launch 1 · retire 1 launch 1 ·
 *   retire 1 launch 1 · retire 1 (5 waves; never fewer than 4 ready, never more than 5 running)
 *   4 replicas, surge 0, unavailable 2 → retire 2 launch 2 · retire 2 launch 2
 */
export function rolloutWaves(
  replicas: number,
  surge: number,
  unavailable: number,
  timings: VertexTimings,
  oldReady = replicas,
): Wave[] {
  const waves: Wave[] = [];
  let old = oldReady;
  let ready = 0;
  let t = 0;
  while (ready < replicas || old > 0) {
    const retired = Math.min(old, Math.max(0, old + ready - (replicas - unavailable)));
    old -= retired;
    const launched = Math.min(replicas - ready, Math.max(0, replicas + surge - (old + ready)));
    if (retired === 0 && launched === 0) break; // No progress possible: refused before it gets here.
    const duration = launched > 0 ? timings.replicaSeconds : timings.retireSeconds;
    waves.push({ start: t, end: t + duration, old, ready, launched, retired });
    ready += launched;
    t += duration;
  }
  return waves;
}

/** Kubernetes rounding: surge percentages round up, unavailable percentages round down. */
export function surgeOf(
  options: { maxSurgeReplicas?: number; maxSurgePercentage?: number },
  replicas: number,
) {
  if (options.maxSurgeReplicas !== undefined) return options.maxSurgeReplicas;
  return Math.ceil((replicas * (options.maxSurgePercentage ?? 0)) / 100);
}

export function unavailableOf(
  options: { maxUnavailableReplicas?: number; maxUnavailablePercentage?: number },
  replicas: number,
) {
  if (options.maxUnavailableReplicas !== undefined) return options.maxUnavailableReplicas;
  return Math.floor((replicas * (options.maxUnavailablePercentage ?? 0)) / 100);
}

/** Traffic in whole percent by ready replicas: the new model's share, the rest to the old. */
export function newShare(old: number, ready: number): number {
  return old + ready === 0 ? 0 : Math.round((100 * ready) / (old + ready));
}
