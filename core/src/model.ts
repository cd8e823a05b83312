/**
 * The typed model of a rollout file (format version 1, docs/rollout-file.md), after parsing and normalising:
 * durations are seconds, sizes are counts or percents. Ranges live beside it in a `SourceMap`.
 */

export type ProviderName = 'sagemaker' | 'vertex-ai';
/** What a SageMaker rollout updates: the endpoint (UpdateEndpoint) or one inference component on it. */
export type FleetTarget = 'endpoint' | 'inference-component';
export type StrategyType = 'all-at-once' | 'canary' | 'linear' | 'rolling' | 'retain' | 'steps';

/** An integer count of instances (replicas on Vertex AI), or a percent of the new fleet's capacity. */
export type Size =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'percent'; readonly percent: number };

export type SageMakerStrategy =
  | { readonly type: 'all-at-once' }
  | { readonly type: 'canary'; readonly size: Size; readonly bakeSeconds: number }
  | { readonly type: 'linear'; readonly step: Size; readonly bakeSeconds: number }
  | { readonly type: 'rolling'; readonly batch: Size; readonly bakeSeconds: number }
  | { readonly type: 'retain' }
  | { readonly type: 'steps'; readonly steps: readonly RunStep[] };

/**
 * One entry of a schedule Shiftwise runs itself (`strategy.type: steps`): put `percent` of traffic on the new model
 * and bake, or wait — for `shiftwise promote` (manual, no `seconds`) or for a time.
 */
export type RunStep =
  | { readonly kind: 'traffic'; readonly percent: number; readonly bakeSeconds: number }
  | { readonly kind: 'pause'; readonly seconds?: number };

/** CloudWatch statistics an analysis check may ask for. */
export type AnalysisStat = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount';

/**
 * A metric Shiftwise checks while each step bakes (docs/rollout-file.md, "analysis"): one AWS/SageMaker metric of
 * the new variant, or an expression over `new.Metric` and `old.Metric`. A value above `max` or below `min` is a
 * breach; `failureLimit` breaches in a row roll back, unless `dryRun`.
 */
export interface AnalysisCheck {
  readonly name: string;
  readonly query:
    | { readonly kind: 'metric'; readonly metric: string }
    | { readonly kind: 'expression'; readonly expression: string };
  /** The statistic of every metric the check reads. Default Sum. */
  readonly stat: AnalysisStat;
  readonly periodSeconds: number;
  readonly max?: number;
  readonly min?: number;
  /** Consecutive breaching periods that roll back. Default 1. */
  readonly failureLimit: number;
  /** Report only; never roll back. */
  readonly dryRun: boolean;
  /** A period with no data: no breach (`ignore`, the default, and the report says so) or a breach. */
  readonly missingData: 'ignore' | 'breach';
  /**
   * Seconds after a period ends before its value is complete in the metrics service (it publishes late): a period
   * is judged only once it has settled, and a step is left only once all its periods have. Undefined: the
   * provider's default (`metricLagSeconds` in core/src/plan/metric-lag.ts). The file's `lag`.
   */
  readonly lagSeconds?: number;
}

/** Vertex AI's rolling deployment (v1beta1 `rolloutOptions`), or a canary by traffic split that Shiftwise runs. */
export type VertexStrategy =
  | { readonly type: 'rolling'; readonly maxSurge: Size; readonly maxUnavailable: Size }
  | { readonly type: 'steps'; readonly steps: readonly RunStep[] };

interface RolloutBase {
  readonly version: 1;
  /** Label for plans; defaults to the file name without `.rollout.*`. */
  readonly name: string;
  /** Path of the file as given by the caller, when there is one. */
  readonly file?: string;
  /** Instances (replicas) in the new fleet, when the file states it. */
  readonly capacity?: number;
  /** SageMaker: MaximumExecutionTimeoutInSeconds. Vertex AI: how long to watch. */
  readonly timeoutSeconds?: number;
}

export interface SageMakerRollout extends RolloutBase {
  readonly provider: 'sagemaker';
  readonly region?: string;
  /** EndpointName. */
  readonly endpoint: string;
  /**
   * Deploy this EndpointConfig, or this Model onto a copy of the endpoint's current config, or this Model as the
   * new Specification of the inference component `name` (UpdateInferenceComponent; `capacity` is then the copy
   * count, from the file's `copies`).
   */
  readonly target: SageMakerTarget;
  readonly strategy: SageMakerStrategy;
  /** TerminationWaitInSeconds (blue/green only); 0 when absent. */
  readonly terminationWaitSeconds: number;
  readonly rollback: {
    /** CloudWatch alarm names (AutoRollbackConfiguration.Alarms); may be empty (a warning). */
    readonly alarms: readonly string[];
    /** RollbackMaximumBatchSize (rolling only); all at once when absent. */
    readonly batch?: Size;
  };
  /** Checks Shiftwise runs while `steps` bake; absent when the file has none. */
  readonly analysis?: readonly AnalysisCheck[];
}

export type SageMakerTarget =
  | { readonly kind: 'endpointConfig'; readonly name: string }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'inferenceComponent'; readonly name: string; readonly model: string };

/** Whether a SageMaker rollout updates an inference component rather than the endpoint. */
export function fleetTarget(rollout: Rollout): FleetTarget | undefined {
  if (rollout.provider !== 'sagemaker') return undefined;
  return rollout.target.kind === 'inferenceComponent' ? 'inference-component' : 'endpoint';
}

export interface VertexRollout extends RolloutBase {
  readonly provider: 'vertex-ai';
  readonly project: string;
  readonly location: string;
  /** Numeric endpoint ID. */
  readonly endpoint: string;
  /** Model resource name, version allowed: `projects/P/locations/L/models/M@2`. */
  readonly model: string;
  /** Numeric DeployedModel ID being replaced; found on the endpoint at deploy time when absent. */
  readonly previousDeployedModel?: string;
  /**
   * Other DeployedModels the endpoint serves beside the one replaced (`steps`): they keep their traffic share.
   * Absent: the endpoint must serve the replaced model alone.
   */
  readonly otherDeployedModels?: readonly string[];
  readonly strategy: VertexStrategy;
  /** Checks Shiftwise runs on Cloud Monitoring while the rollout runs; absent when the file has none. */
  readonly analysis?: readonly AnalysisCheck[];
}

export type Rollout = SageMakerRollout | VertexRollout;
