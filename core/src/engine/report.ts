import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { StepNoun } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';
import type { Observation, Resumed } from './provider.js';
import type { CheckVerdict } from './steps/judge.js';

/** `paused`: a Shiftwise-run rollout waits at a manual gate for `shiftwise promote` (not a failure). */
export type Outcome = 'succeeded' | 'rolled-back' | 'failed' | 'timed-out' | 'paused';

/** When each step was first seen, against the plan: what the action's job summary compares. */
export interface StepSeen {
  readonly step: number;
  /** Seconds from the first traffic shift Shiftwise saw. */
  readonly atSeconds: number;
}

/** The true outcome of one rollout. */
export interface DeployReport {
  readonly outcome: Outcome;
  /** Where it ended: refused in preflight, failed to start, or decided while watching. */
  readonly phase: 'preflight' | 'start' | 'watch';
  /** In words, with the provider's reason: "Alarm fraud-5xx went into ALARM …". */
  readonly reason: string;
  /** The alarm that tripped a rollback, when known; on `failed`, one that went into ALARM too late to roll back. */
  readonly alarm?: string;
  /**
   * The file's errors at the capacity preflight found, when they refused the rollout: the codes, messages and
   * ranges the editor shows for the file with that `capacity`.
   */
  readonly diagnostics?: readonly Diagnostic[];
  /** True when nothing had to be done (already on target). */
  readonly noop: boolean;
  readonly plan?: Plan;
  readonly durationSeconds: number;
  /** Provider calls made (each retry counts). */
  readonly calls: number;
  readonly steps: readonly StepSeen[];
  /** Shiftwise-run steps: what each analysis check saw in each step (the last look of each). */
  readonly analysis?: readonly CheckVerdict[];
}

/** Progress of one deploy, as it happens. */
export type DeployEvent =
  | { readonly type: 'preflight'; readonly checks: readonly string[] }
  | { readonly type: 'planned'; readonly plan: Plan }
  | { readonly type: 'started' }
  /** Watching an update already running; `resumed` when it is a Shiftwise-run rollout picked up where it stands. */
  | { readonly type: 'attached'; readonly detail: string; readonly resumed?: Resumed }
  | {
      readonly type: 'progress';
      readonly observation: Observation & { kind: 'progress' };
      /** 0 while provisioning; 1…steps once traffic moves. */
      readonly step: number;
      readonly steps: number;
      /** What the plan calls a step (`stepNoun`): `step 2/4`, `batch 2/4`, `wave 2/4`. */
      readonly stepNoun: StepNoun;
      readonly elapsedSeconds: number;
    }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly error: string }
  | { readonly type: 'finished'; readonly report: DeployReport };
