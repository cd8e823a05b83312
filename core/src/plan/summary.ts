import { fleetCount } from './fleet-unit.js';
import { humanDuration } from './human-duration.js';
import type { Plan } from './types.js';
import { vertexEstimateSeconds } from './vertex-schedule.js';

/** What a plan calls one of its steps (`stepNoun`). */
export type StepNoun = 'step' | 'batch' | 'wave';

/**
 * What one of a plan's steps is called, in every face (headline, tables, chart, preview, deploy progress): a Vertex
 * AI rolling deployment's `wave`, a SageMaker rolling update's `batch` (of instances or copies: the API's
 * `MaximumBatchSize`), and otherwise a `step`.
 */
export function stepNoun(plan: Plan): StepNoun {
  if (pacedByWaves(plan)) return 'wave';
  return runsAs(plan) === 'rolling' ? 'batch' : 'step';
}

/** The strategy the steps follow: the file's, or for `retain` planned at deploy time the stored config's. */
export function runsAs(plan: Plan): Plan['strategy'] {
  return plan.retained ?? plan.strategy;
}

/**
 * Whether the steps, time and peak are unknown: a `retain` plan made before a deploy, when only the live endpoint
 * knows the deployment config stored on it (at deploy time preflight reads it: `Plan.retained`).
 */
export function storedConfigUnknown(plan: Plan): boolean {
  return plan.strategy === 'retain' && plan.retained === undefined;
}

/** `steps`, `batches`, `waves`. */
export function plural(noun: StepNoun): string {
  return noun === 'batch' ? 'batches' : `${noun}s`;
}

/**
 * What a step is called at the start of a label or a column (`stepNoun`): `Wave`, `Batch` or `Step`; with
 * `many`, a run of them: `Waves`, `Batches`, `Steps`.
 */
export function stepHeading(plan: Plan, many = false): string {
  const noun = many ? plural(stepNoun(plan)) : stepNoun(plan);
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/** `1 batch`, `4 batches`, `5 steps`. */
export function stepCount(noun: StepNoun, count: number): string {
  return `${count} ${count === 1 ? noun : plural(noun)}`;
}

/** The headline of a plan in pieces, for views that place them apart (a status bar shows only `duration`). */
export interface SummaryParts {
  /** `5 steps`, `1 step`; a rolling update's `4 batches`; Vertex AI `4 waves` (`stepNoun`). */
  readonly steps: string;
  /**
   * The planned time after provisioning (`25 min`; with manual gates, which wait for a promote, `1 h 20 min + a
   * manual gate`), or on Vertex AI waves an estimate said so: `about 20 min (estimate)`.
   */
  readonly duration: string;
  /**
   * False when `duration` is not planned time: an estimate (Vertex AI waves: readiness sets the pace), or unknown
   * (`retain`: the deployment config stored on the endpoint decides).
   */
  readonly timed: boolean;
  /** The most fleet members running at once: `peak 10 instances`, `peak 5 replicas`, `peak 10 copies`. */
  readonly peak: string;
  /** `peak` without its word, for tables that name it: `10 instances`, `unknown`. */
  readonly peakCount: string;
}

/**
 * Whether readiness paces the plan's steps: a Vertex AI rolling deployment's waves, which every rendering lays out
 * by their estimate. A Vertex AI canary (`type: steps`) is timed by its bakes and gates like any SageMaker plan.
 */
export function pacedByWaves(plan: Plan): boolean {
  return plan.provider === 'vertex-ai' && plan.strategy !== 'steps';
}

/**
 * The headline's pieces. SageMaker steps wait out their bakes, so the plan knows its time after provisioning.
 * Vertex AI moves to the next wave as soon as the new replicas are ready: the headline gives the waves' estimated
 * time (`vertexEstimateSeconds`, docs/plan.md) and says it is one. A `retain` rollout runs the deployment config
 * stored on the endpoint, which only the live endpoint knows: its steps, time and peak are said to be unknown
 * rather than taken from the one shift its plan draws.
 *
 *   linear 20% of 5                → { steps: '5 steps', duration: '25 min', timed: true, peak: 'peak 10 instances' }
 *   Vertex AI, 4 replicas, surge 1 → { steps: '4 waves', duration: 'about 20 min (estimate)', timed: false,
 *                                     peak: 'peak 5 replicas' }
 *   retain                         → { steps: 'steps of the stored config', duration: 'time unknown', timed: false,
 *                                     peak: 'peak unknown' }
 *   canary 3 of no stated capacity → { …, peak: 'peak 20 instances (example fleet of 10)' }
 */
export function summaryParts(plan: Plan): SummaryParts {
  if (storedConfigUnknown(plan))
    return {
      steps: 'steps of the stored config',
      duration: 'time unknown',
      timed: false,
      peak: 'peak unknown',
      peakCount: 'unknown',
    };
  const count = plan.steps.length;
  const timed = !pacedByWaves(plan);
  const peakCount = fleetCount(plan, plan.peakInstances);
  return {
    steps: stepCount(stepNoun(plan), count),
    duration: timed
      ? humanDuration(plan.totalSeconds) + gateWords(plan)
      : `about ${humanDuration(vertexEstimateSeconds(count))} (estimate)`,
    timed,
    // Without a capacity the plan takes an example fleet: the peak is that fleet's, and says so.
    peak: `peak ${peakCount}${plan.capacityKnown ? '' : ` (example fleet of ${plan.capacity})`}`,
    peakCount,
  };
}

/**
 * What the planned time leaves out: a manual gate waits for `shiftwise promote`, however long that takes, so a
 * plan with gates is its bakes plus them.
 *
 *   no gate → '';  one → ' + a manual gate';  two → ' + 2 manual gates'
 */
function gateWords(plan: Plan): string {
  const gates = plan.steps.filter((s) => s.bake === 'gate').length;
  return gates === 0 ? '' : gates === 1 ? ' + a manual gate' : ` + ${gates} manual gates`;
}

/**
 * The plan's headline, the one wording every face shows: the code lens, the status bar's tooltip, the editor's
 * preview, the pull-request comment, the CLI's deploy progress.
 *
 *   linear 20% of 5                → "5 steps · 25 min · peak 10 instances"
 *   Vertex AI, 4 replicas, surge 1 → "4 waves · about 20 min (estimate) · peak 5 replicas"
 *   8 copies, batch 25%, bake 5m   → "4 batches · 20 min · peak 10 copies"
 *   steps with a manual gate       → "5 steps · 1 h 20 min + a manual gate · peak 12 instances"
 *   retain                         → "steps of the stored config · time unknown · peak unknown"
 */
export function planSummary(plan: Plan): string {
  const { steps, duration, peak } = summaryParts(plan);
  return `${steps} · ${duration} · ${peak}`;
}

/**
 * What a plan updates when that is not the endpoint named in its request: an inference component and the endpoint
 * that hosts it. Plain words from the file: each renderer escapes them for its medium.
 *
 *   inference component chat-ic on llm-prod → 'inference component chat-ic on llm-prod'
 *   UpdateEndpoint, deployModel             → undefined
 */
export function planSubject(plan: Plan): string | undefined {
  const request = plan.request;
  if (request.provider !== 'sagemaker' || request.operation !== 'UpdateInferenceComponent') return undefined;
  const host = plan.endpoint === undefined ? '' : ` on ${plan.endpoint}`;
  return `inference component ${request.input.InferenceComponentName}${host}`;
}
