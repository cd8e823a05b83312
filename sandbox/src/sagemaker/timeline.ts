import { blueGreenSteps, rollingSteps, type UpdatePolicy } from './policy.js';

/** How long the parts of an update no API field controls take, in simulated seconds. */
export interface Timings {
  /** Launching a fleet (or a rolling batch) until it passes health checks. Default 120. */
  provisionSeconds: number;
  /** Moving one step's traffic (VariantStatus ActivatingTraffic). Default 5. */
  shiftSeconds: number;
  /** Terminating the old fleet (or a rolling batch). Default 30. */
  terminateSeconds: number;
}

export const defaultTimings: Timings = { provisionSeconds: 120, shiftSeconds: 5, terminateSeconds: 30 };

export type VariantStatusName = 'Creating' | 'Updating' | 'Deleting' | 'ActivatingTraffic' | 'Baking';

/**
 * One stretch of an update during which DescribeEndpoint answers the same thing.
 * Times are seconds from the UpdateEndpoint call; counts are instances carrying traffic
 * (`greenActive` of the new config, `blueActive` of the old one).
 */
export interface Phase {
  start: number;
  end: number;
  endpointStatus: 'Updating' | 'RollingBack';
  /** Whose VariantStatus this phase shows: the new fleet (pending) or the old one. */
  on: 'green' | 'blue';
  status: VariantStatusName;
  message: string;
  /** 1-based step (blue/green) or batch (rolling); 0 while the first fleet is provisioned. */
  step: number;
  steps: number;
  greenActive: number;
  blueActive: number;
  /** Rolling: the batch's new instances (copies) running beside the old ones until their old ones stop. */
  launched?: number;
  /** Set on bakes: the API field whose duration this is. Alarms are watched only in bakes. */
  bake?: 'WaitIntervalInSeconds' | 'TerminationWaitInSeconds';
}

export interface Fleet {
  blue: number;
  green: number;
  instanceType: string;
}

/** Old instances still carrying traffic when `green` of `fleet.green` new ones do: the same share. */
export function blueLeft(fleet: Fleet, green: number): number {
  return Math.max(0, Math.round((fleet.blue * (fleet.green - green)) / Math.max(1, fleet.green)));
}

/**
 * Blue/green (docs/plan.md): provision the whole green fleet, then per step activate a slice of green
 * and bake (WaitIntervalInSeconds; TerminationWaitInSeconds on the full-capacity step), then
 * terminate blue.
 *
 *   canary 1 of 4, bake 600, termination 300, timings 120/5/30 →
 *   Creating 0–120 · Activating 120–125 · Baking 125–725 · Activating 725–730 · Baking 730–1030 · Deleting 1030–1060
 */
export function blueGreenTimeline(
  policy: UpdatePolicy & { kind: 'blue-green' },
  fleet: Fleet,
  timings: Timings,
): Phase[] {
  const actives = blueGreenSteps(policy, fleet.green);
  const steps = actives.length;
  const phases: Phase[] = [];
  let t = 0;
  const push = (duration: number, p: Omit<Phase, 'start' | 'end' | 'steps' | 'endpointStatus'>) => {
    if (duration <= 0) return;
    phases.push({ ...p, start: t, end: t + duration, steps, endpointStatus: 'Updating' });
    t += duration;
  };
  push(timings.provisionSeconds, {
    on: 'green',
    status: 'Creating',
    message: `Launching ${fleet.green} instance(s) of type ${fleet.instanceType} for the new fleet.`,
    step: 0,
    greenActive: 0,
    blueActive: fleet.blue,
  });
  actives.forEach((green, i) => {
    const last = i === steps - 1;
    const label = last ? 'full' : policy.routing === 'CANARY' ? 'canary' : 'linear step';
    const counts = { step: i + 1, greenActive: green, blueActive: blueLeft(fleet, green) };
    push(timings.shiftSeconds, {
      on: 'green',
      status: 'ActivatingTraffic',
      message: `Activating traffic on ${label} capacity of ${green} instance(s).`,
      ...counts,
    });
    const bake = last ? 'TerminationWaitInSeconds' : 'WaitIntervalInSeconds';
    const seconds = last ? policy.terminationWaitSeconds : policy.waitSeconds;
    push(seconds, {
      on: 'green',
      status: 'Baking',
      message: `Baking for ${seconds} seconds (${bake}) with traffic enabled on ${label} capacity of ${green} instance(s).`,
      bake,
      ...counts,
    });
  });
  push(timings.terminateSeconds, {
    on: 'blue',
    status: 'Deleting',
    message: `Terminating ${fleet.blue} instance(s) of the old fleet.`,
    step: steps,
    greenActive: fleet.green,
    blueActive: 0,
  });
  return phases;
}

/**
 * Rolling (docs/plan.md): per batch, launch `batch` new instances, move their share of traffic, bake
 * WaitIntervalInSeconds, terminate as many old ones. Peak = capacity + batch.
 *
 *   batch 2 of 4, bake 300, timings 120/5/30 → batch 1: Creating 0–120 · Activating 120–125 ·
 *   Baking 125–425 · Deleting 425–455; batch 2: Creating 455–575 · … · Deleting 880–910
 */
export function rollingTimeline(
  policy: UpdatePolicy & { kind: 'rolling' },
  fleet: Fleet,
  timings: Timings,
): Phase[] {
  const news = rollingSteps(policy.batch, fleet.green);
  const steps = news.length;
  const phases: Phase[] = [];
  let t = 0;
  let before = 0;
  const push = (duration: number, p: Omit<Phase, 'start' | 'end' | 'steps' | 'endpointStatus' | 'on'>) => {
    if (duration <= 0) return;
    phases.push({ ...p, start: t, end: t + duration, steps, on: 'green', endpointStatus: 'Updating' });
    t += duration;
  };
  news.forEach((green, i) => {
    const launched = green - before;
    const step = i + 1;
    const old = { greenActive: before, blueActive: blueLeft(fleet, before) };
    const now = { greenActive: green, blueActive: blueLeft(fleet, green) };
    push(timings.provisionSeconds, {
      status: 'Creating',
      message: `Launching ${launched} instance(s) of type ${fleet.instanceType} for batch ${step} of ${steps}.`,
      step,
      launched,
      ...old,
    });
    push(timings.shiftSeconds, {
      status: 'ActivatingTraffic',
      message: `Activating traffic on batch capacity of ${launched} instance(s).`,
      step,
      launched,
      ...now,
    });
    push(policy.waitSeconds, {
      status: 'Baking',
      message: `Baking for ${policy.waitSeconds} seconds (WaitIntervalInSeconds) with traffic enabled on batch capacity of ${launched} instance(s).`,
      bake: 'WaitIntervalInSeconds',
      step,
      launched,
      ...now,
    });
    push(timings.terminateSeconds, {
      status: 'Deleting',
      message: `Terminating ${old.blueActive - now.blueActive} instance(s) of the old fleet.`,
      step,
      ...now,
    });
    before = green;
  });
  return phases;
}
