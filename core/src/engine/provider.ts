import type { Found } from '../plan/request-types.js';
import type { Plan } from '../plan/types.js';
import type { CheckVerdict } from './steps/judge.js';

/** What preflight found: go ahead, nothing to do, an update to the same target already running, or a refusal. */
export type Preflight =
  | {
      readonly kind: 'ready';
      /** The new fleet's capacity as the provider reports it, for the plan. */
      readonly capacity?: number;
      /** What was checked, for the log: "endpoint fraud InService on fraud-v41", "2 alarms OK". */
      readonly checks: readonly string[];
      /** What the requests depend on, for the planner: the current config, the DeployedModel to replace. */
      readonly found?: Found;
    }
  | { readonly kind: 'already-done'; readonly detail: string }
  | {
      readonly kind: 'in-flight';
      readonly detail: string;
      readonly capacity?: number;
      /** A Shiftwise-run rollout picked up where it stands (deploy again, promote, abort). */
      readonly resumed?: Resumed;
    }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * What a run found when it picked up a Shiftwise-run rollout: the step already under way then, whose start it did
 * not see (absent at a manual gate or before step 1: the next step is this run's own).
 *
 *   baking at step 4 → { stepUnderWay: 4 };   paused at the gate of step 3 → {}
 */
export interface Resumed {
  readonly stepUnderWay?: number;
}

/**
 * Where a rollout stands. `updating`: an inference component's update, whose batches DescribeInferenceComponent
 * does not report (no step, no share of traffic).
 */
export type Phase =
  | 'provisioning'
  | 'shifting'
  | 'baking'
  | 'terminating'
  | 'rolling-back'
  | 'updating'
  | 'waiting';

/** One look at the rollout in flight, in the provider's own terms mapped to ours. */
export type Observation =
  | {
      readonly kind: 'progress';
      readonly phase: Phase;
      /** Share of traffic on the new fleet, when the provider says. */
      readonly trafficPercent?: number;
      /** The planned step it is in, when the provider knows it (steps Shiftwise runs): else read from the traffic. */
      readonly step?: number;
      /**
       * When the current bake ends (epoch ms), when the provider says. In the provider's clock as a provider
       * observes it; the runner moves it to its own clock (with `observedAt`) before anyone reads it.
       */
      readonly bakeEndsAt?: number;
      /**
       * A step Shiftwise runs whose bake (or timed pause) is over and which waits for the metrics of its last
       * periods to settle before it moves on (docs/engine.md, "The end of a step waits for its last metrics"):
       * which of the two is over. `bakeEndsAt` is then when the wait ends at the latest, not a bake's end.
       */
      readonly settling?: 'bake' | 'pause';
      /** The provider's clock when it answered (its `Date` header), when known: what `bakeEndsAt` is relative to. */
      readonly observedAt?: number;
      /** The provider's own words: SageMaker's VariantStatus message, Vertex AI's wave. */
      readonly message?: string;
    }
  | { readonly kind: 'succeeded'; readonly message: string }
  /** A Shiftwise-run rollout waits at a manual gate for `shiftwise promote` (step is the gate's). */
  | { readonly kind: 'paused'; readonly step: number; readonly reason: string }
  | { readonly kind: 'rolled-back'; readonly reason: string; readonly alarm?: string }
  /** `alarm`: a rollback alarm in ALARM when it could no longer roll back (a Shiftwise-run finish under way). */
  | { readonly kind: 'failed'; readonly reason: string; readonly alarm?: string };

/**
 * The cloud behind one rollout (docs/engine.md). One instance per deploy: it may remember what preflight found
 * (the current config, the previous deployed model). Errors it throws are classified by `isTransient`:
 * transient ones are retried by the runner, others end the rollout as `failed`.
 */
export interface Provider {
  /** The service, as reports name it: "SageMaker refused the update: …", "preflight could not reach Vertex AI". */
  readonly name: string;
  preflight(signal?: AbortSignal): Promise<Preflight>;
  /** Sends the plan's requests (`prepare`, then `request`) as the planner built them; builds none of its own. */
  start(plan: Plan, signal?: AbortSignal): Promise<void>;
  observe(signal?: AbortSignal): Promise<Observation>;
  /** Asks the provider to undo the rollout in flight (Vertex AI); SageMaker rolls back by itself. */
  revert?(signal?: AbortSignal): Promise<void>;
  /** What the analysis checks of a Shiftwise-run rollout saw, per step, so far. */
  analysis?(): readonly CheckVerdict[];
}
