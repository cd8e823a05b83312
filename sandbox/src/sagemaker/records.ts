import type { Json } from '../http/input.js';
import type { VariantLoad, WeightsChange } from './live-variants.js';
import type { UpdatePolicy } from './policy.js';
import type { Phase, Timings } from './timeline.js';
import type { TrafficSplit } from './traffic.js';

export interface ModelRecord {
  name: string;
  arn: string;
  createdAt: number;
  /** The CreateModel input as given (echoed by DescribeModel). */
  input: Json;
}

export interface VariantSpec {
  VariantName: string;
  ModelName?: string;
  InitialInstanceCount: number;
  InstanceType: string;
  InitialVariantWeight: number;
}

export interface ConfigRecord {
  name: string;
  arn: string;
  createdAt: number;
  variants: VariantSpec[];
  /** The CreateEndpointConfig input as given (echoed by DescribeEndpointConfig). */
  input: Json;
}

/** One observable change of an endpoint, for the control API (detection-lag measurements). */
export interface Transition {
  at: number;
  endpointStatus: string;
  variantStatus?: string;
  message?: string;
  step?: number;
  steps?: number;
}

export interface UpdateRecord {
  startedAt: number;
  from: ConfigRecord;
  to: ConfigRecord;
  policy: UpdatePolicy;
  fleet: { blue: number; green: number; instanceType: string };
  /** The planned phases, as if nothing goes wrong. */
  planned: Phase[];
  timings: Timings;
  /** Fault switch captured at the call: the new instances never pass health checks. */
  failProvisioning: boolean;
}

export interface EndpointRecord {
  name: string;
  arn: string;
  createdAt: number;
  lastModifiedAt: number;
  configName: string;
  status: 'Creating' | 'InService' | 'Failed';
  /** While Creating: when the first fleet is up (or fails, with `failProvisioning`). */
  readyAt?: number;
  failProvisioning?: boolean;
  failureReason?: string;
  lastDeploymentConfig?: Json;
  update?: UpdateRecord;
  /** Live weights and instance counts by variant, where UpdateEndpointWeightsAndCapacities changed them. */
  live?: Record<string, VariantLoad>;
  /** An UpdateEndpointWeightsAndCapacities in flight. */
  weights?: WeightsChange;
  /** Transitions already settled (creation, finished updates). */
  history: Transition[];
  /**
   * How its traffic was split, oldest first: from the end of its creation, each weights change and each finished
   * update (an update in flight is computed from its phases). Splits may lie ahead of now (a fleet still launching,
   * weights still moving); readers take those up to now. The invocation metrics are computed from them.
   */
  served: TrafficSplit[];
}

/** What an inference component runs: its Specification as given, and how many copies. */
export interface ComponentVersion {
  /** Specification.ModelName: what FailureReason and the rollback name. */
  name: string;
  specification: Json;
  copies: number;
}

/** A rolling update of an inference component: batches of copies on the model's clock, like an endpoint's. */
export interface ComponentUpdate extends Omit<UpdateRecord, 'from' | 'to'> {
  from: ComponentVersion;
  to: ComponentVersion;
  words: { subject: string; from: string; to: string; unit: string };
}

export interface InferenceComponentRecord {
  name: string;
  arn: string;
  endpointName: string;
  variantName: string;
  createdAt: number;
  lastModifiedAt: number;
  status: 'Creating' | 'InService' | 'Failed';
  current: ComponentVersion;
  /** While Creating: when its copies are up. */
  readyAt?: number;
  failureReason?: string;
  lastDeploymentConfig?: Json;
  update?: ComponentUpdate;
}
