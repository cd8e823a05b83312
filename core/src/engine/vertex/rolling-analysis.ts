import type { VertexRollout } from '../../model.js';
import { metricLagSeconds } from '../../plan/metric-lag.js';
import { vertexEndpointName } from '../../plan/vertex-request.js';
import type { Observation } from '../provider.js';
import { alignDown, type CheckVerdict, judge, verdictWords } from '../steps/judge.js';
import { canaryClient } from './canary-client.js';
import type { TokenSource } from './google-token.js';
import { vertexSeries } from './series.js';

/** What a look at the analysis says: nothing to hold, a breach (revert), or success held for the checks to see. */
export type RollingVerdict =
  | { readonly kind: 'clear' }
  | { readonly kind: 'breach'; readonly reason: string }
  | { readonly kind: 'holding'; readonly until: number; readonly now: number; readonly message: string };

/**
 * The `analysis` of a Vertex AI rolling deployment (docs/engine.md, "Vertex AI canaries"): the checks watch the new
 * DeployedModel from when it appears, while it rolls and, once the deployment is done, for as long as the slowest
 * check needs to judge (its period × failureLimit, plus a period, plus its lag: Cloud Monitoring shows a period's
 * value only a while after it ends, and a period is judged once settled); a breach reverts to the previous model
 * and the outcome names the check. Times are the service's (the `Date` of its answers).
 */
export function rollingAnalysis(rollout: VertexRollout, env: NodeJS.ProcessEnv, tokens: TokenSource) {
  const checks = rollout.analysis ?? [];
  const client = canaryClient({
    base: env.SHIFTWISE_VERTEX_ENDPOINT ?? `https://${rollout.location}-aiplatform.googleapis.com`,
    monitoring: env.SHIFTWISE_MONITORING_ENDPOINT ?? 'https://monitoring.googleapis.com',
    tokens,
    endpointName: vertexEndpointName(rollout),
    project: rollout.project,
  });
  const verdicts = new Map<string, CheckVerdict>();
  let since: number | undefined;
  let holdUntil: number | undefined;
  let breach: string | undefined;
  const lag = (check: (typeof checks)[number]) => metricLagSeconds(check, 'vertex-ai');
  const hold = Math.max(0, ...checks.map((c) => c.periodSeconds * (c.failureLimit + 1) + lag(c))) * 1000;

  return {
    /** Whether the rollout has checks still to watch. */
    watching: () => checks.length > 0 && breach === undefined,
    verdicts: (): readonly CheckVerdict[] => [...verdicts.values()],
    /** An ending with the breach that caused it named. */
    reasoned(seen: Observation): Observation {
      return breach !== undefined && seen.kind === 'rolled-back'
        ? { ...seen, reason: `${breach}; ${seen.reason}` }
        : seen;
    },
    async look(previous: string | undefined, done: boolean, signal?: AbortSignal): Promise<RollingVerdict> {
      const view = await client.endpoint(signal, true);
      const now = view.answeredAt ?? Date.now();
      const fresh = (view.deployedModels ?? []).find(
        (m) => m.id !== previous && m.model === rollout.model,
      )?.id;
      if (fresh === undefined) return { kind: 'clear' };
      since ??= now;
      if (done) holdUntil ??= now + hold;
      for (const check of checks) {
        const period = check.periodSeconds * 1000;
        if (alignDown(since, period) + period > now) continue;
        const points = await vertexSeries(
          client,
          rollout,
          check,
          { start: alignDown(since, period), now },
          { fresh, previous: previous ?? '' },
          signal,
        );
        // One window for the whole deployment, not one per wave: step 0 says so on every face.
        const verdict = judge(check, 0, { start: since, now, lagSeconds: lag(check) }, points);
        if (verdict.periods.length > 0) verdicts.set(check.name, verdict);
        if (verdict.rollsBack && breach === undefined)
          breach = `analysis check ${check.name} breached: ${verdictWords(verdict, check)}`;
      }
      if (breach !== undefined) return { kind: 'breach', reason: breach };
      if (holdUntil !== undefined && now < holdUntil)
        return {
          kind: 'holding',
          until: holdUntil,
          now,
          message: 'deployed; the analysis checks watch it a while longer',
        };
      return { kind: 'clear' };
    },
  };
}
