import type { ProviderName, StrategyType } from '../model.js';
import type { CreateEndpointConfigRequest, Found, ProviderRequest, RolloutRequest } from './request-types.js';

/**
 * Which wait a step ends with: SageMaker's WaitIntervalInSeconds or TerminationWaitInSeconds; with `steps`, a bake
 * Shiftwise watches (`watch`) or one nothing watches, as the file names no alarm or analysis check (`unwatched`), a
 * timed pause (`pause`) or a gate that waits for `shiftwise promote` (`gate`); or none.
 */
export type BakeKind =
  | 'wait-interval'
  | 'termination-wait'
  | 'watch'
  | 'unwatched'
  | 'pause'
  | 'gate'
  | 'none';

/** One traffic shift and the bake that follows it (docs/plan.md). */
export interface PlanStep {
  /** 1-based. */
  readonly index: number;
  /** Seconds from the first traffic shift. */
  readonly startsAt: number;
  /** Share of traffic on the new fleet after this step, 0–100. */
  readonly trafficPercent: number;
  /** New (green) instances, copies or replicas serving after this step. */
  readonly greenActive: number;
  /** Old (blue) instances, copies or replicas serving after this step. */
  readonly blueActive: number;
  readonly bakeSeconds: number;
  readonly bake: BakeKind;
  /**
   * Steps Shiftwise runs with analysis checks: the most the step may wait past its bake (or timed pause) for the
   * metrics of its last periods to settle (`lastMetricsSeconds`), not in `startsAt` or the totals. Absent otherwise.
   */
  readonly lastMetricsSeconds?: number;
}

/** The schedule and the exact provider request for one rollout; the JSON form of docs/plan.md. */
export interface Plan {
  readonly file?: string;
  readonly name: string;
  readonly provider: ProviderName;
  /**
   * The AWS region a SageMaker rollout deploys in, when the file states one (else the environment's, which the plan
   * cannot know). Not part of any request: the SageMaker client is made for it.
   */
  readonly region?: string;
  /** `inference-component` when a SageMaker rollout updates an inference component (counted in copies). */
  readonly target?: 'inference-component';
  /**
   * The endpoint that hosts the inference component, present with `target` (UpdateInferenceComponent names only the
   * component; an UpdateEndpoint request names its endpoint itself).
   */
  readonly endpoint?: string;
  /** Vertex AI rollouts are always `rolling`. */
  readonly strategy: StrategyType;
  /**
   * `retain` planned at deploy time: the strategy of the deployment config stored on the endpoint, which preflight
   * read and the steps follow. Absent before a deploy: the plan then draws one shift and says the rest is unknown.
   */
  readonly retained?: Exclude<StrategyType, 'retain' | 'steps'>;
  readonly capacity: number;
  /** False when the capacity is an example size because neither the file nor the caller gave one. */
  readonly capacityKnown: boolean;
  readonly steps: readonly PlanStep[];
  /** Sum of every step's bake; provisioning is not included. */
  readonly totalSeconds: number;
  readonly timeoutSeconds?: number;
  /** Most instances (replicas, copies) running at once. */
  readonly peakInstances: number;
  /**
   * The request that starts the rollout, exactly as the engine sends it: SageMaker `UpdateEndpoint` or
   * `UpdateInferenceComponent`, or Vertex AI `deployModel` (docs/plan.md, "The request").
   */
  readonly request: RolloutRequest;
  /**
   * Sent before `request`: the `CreateEndpointConfig` of a `model` target, once preflight has read the endpoint's
   * current config and found no config of that name. Absent from plans made before a deploy.
   */
  readonly prepare?: CreateEndpointConfigRequest;
  /**
   * `steps` only: every request in the order it is sent, with when (docs/plan.md, "The request sequence"). A request
   * that depends on what the endpoint runs is present once preflight has read it; before, the entry says so.
   */
  readonly sequence?: readonly PlannedCall[];
  /**
   * `steps` and Vertex AI `rolling`: the checks Shiftwise runs, as it will query them, while each step bakes or
   * while a rolling deployment rolls and after it (docs/plan.md). Absent for other strategies.
   */
  readonly analysis?: readonly PlannedCheck[];
  /** Everything the schedule takes for granted, in sentences, for the rendered plan. */
  readonly assumptions: readonly string[];
}

/** One request of a Shiftwise-run rollout, in order. */
export interface PlannedCall {
  /** `start` (before step 1), `step` (with `step`), `finish` (after the last step) or `rollback`. */
  readonly when: 'start' | 'step' | 'finish' | 'rollback';
  readonly step?: number;
  readonly operation: ProviderRequest['operation'];
  /** The request exactly as sent, when the plan can know all of it. */
  readonly request?: ProviderRequest;
  /** What the request does, or what it waits for when `request` is absent. */
  readonly note: string;
}

/** One analysis check as the engine runs it: what it reads and when it breaches. */
export interface PlannedCheck {
  readonly name: string;
  /** The metric or the expression, as CloudWatch computes it: "Sum of Invocation5XXErrors (new) per 1 min". */
  readonly reads: string;
  /** "above 0", "below 99.5", "above 1 or below 0". */
  readonly breach: string;
  readonly failureLimit: number;
  readonly dryRun: boolean;
  readonly missingData: 'ignore' | 'breach';
  /** Seconds after a period ends before it is judged: the file's `lag`, else the provider's default. */
  readonly lagSeconds: number;
}

export interface PlanOptions {
  /** Overrides the file's `capacity` (`--capacity`, the language server's setting, the live endpoint). */
  readonly capacity?: number;
  /** What preflight read that the requests depend on; the engine passes it when it plans at deploy time. */
  readonly found?: Found;
}
