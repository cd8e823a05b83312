import { fnv1a } from './sagemaker-request.js';
import { type StepsState, stepsPhases } from './steps-request.js';

/**
 * Where a Vertex AI canary stands, kept in the endpoint's labels (docs/engine.md, "Vertex AI canaries"). Google's
 * labels are lowercase letters, digits, `_` and `-`, at most 63 characters: times are epoch seconds, the rollout's
 * name is folded to that alphabet, and a rollback's reason is a short code (the report carries the words).
 *
 *   { rollout: 'Sentiment v7', step: 3, state: 'paused', … } → { 'shiftwise-rollout': 'sentiment-v7', 'shiftwise-step': '3', … }
 */
export interface VertexStepsState extends StepsState {
  /** The DeployedModel being replaced. */
  readonly previous: string;
  /** The new DeployedModel, once deployed. */
  readonly fresh?: string;
  /** The id of the deploy or undeploy operation in flight (the last segment of its name). */
  readonly operation?: string;
}

const key = {
  rollout: 'shiftwise-rollout',
  digest: 'shiftwise-digest',
  step: 'shiftwise-step',
  state: 'shiftwise-state',
  since: 'shiftwise-since',
  stretch: 'shiftwise-stretch',
  previous: 'shiftwise-previous',
  fresh: 'shiftwise-new',
  operation: 'shiftwise-operation',
  reason: 'shiftwise-reason',
} as const;

/**
 * A value Google accepts as a label: lowercase, `[a-z0-9_-]`, at most 63 characters, no `-` at either end. Cut
 * before the ends are trimmed, so that a value passed through twice is unchanged (the canary records a name it
 * already folded, and compares it with the file's name folded once).
 */
export function labelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
}

const seconds = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? String(Math.floor(t / 1000)) : '0';
};
const iso = (secs: string | undefined) => new Date(Number(secs ?? 0) * 1000).toISOString();

/** The endpoint's labels with the state written in: the user's labels are kept, Shiftwise's replaced. */
export function withStateLabels(
  labels: Readonly<Record<string, string>>,
  state: VertexStepsState,
): Record<string, string> {
  return {
    ...withoutStateLabels(labels),
    [key.rollout]: labelValue(state.rollout),
    [key.digest]: labelValue(state.digest),
    [key.step]: String(state.step),
    [key.state]: state.state,
    [key.since]: seconds(state.since),
    [key.stretch]: seconds(state.stretch),
    [key.previous]: labelValue(state.previous),
    ...(state.fresh !== undefined && { [key.fresh]: labelValue(state.fresh) }),
    ...(state.operation !== undefined && { [key.operation]: labelValue(state.operation) }),
    ...(state.reason !== undefined && { [key.reason]: labelValue(state.reason) }),
  };
}

/** The endpoint's labels without Shiftwise's. */
export function withoutStateLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const kept = new Set<string>(Object.values(key));
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !kept.has(k)));
}

/** The state the labels record; undefined when no Shiftwise canary is recorded. */
export function stateFromLabels(
  labels: Readonly<Record<string, string>> | undefined,
): VertexStepsState | undefined {
  const rollout = labels?.[key.rollout];
  const previous = labels?.[key.previous];
  if (!labels || rollout === undefined || previous === undefined) return undefined;
  const step = Number(labels[key.step] ?? 0);
  return {
    rollout,
    digest: labels[key.digest] ?? '',
    original: previous,
    previous,
    ...(labels[key.fresh] !== undefined && { fresh: labels[key.fresh] }),
    ...(labels[key.operation] !== undefined && { operation: labels[key.operation] }),
    step: Number.isSafeInteger(step) && step >= 0 ? step : 0,
    state: stepsPhases.find((p) => p === labels[key.state]) ?? 'starting',
    since: iso(labels[key.since]),
    stretch: iso(labels[key.stretch] ?? labels[key.since]),
    ...(labels[key.reason] !== undefined && { reason: labels[key.reason] }),
  };
}

/**
 * A short fingerprint of what a Vertex AI canary does — endpoint, model, capacity, steps, other models and checks —
 * so `promote` can tell the file it is given from the one that started the rollout (hex: a valid label value).
 */
export function vertexStepsDigest(rollout: {
  readonly endpoint: string;
  readonly model: string;
  readonly capacity?: number;
  readonly strategy: { readonly type: string };
  readonly otherDeployedModels?: readonly string[];
  readonly analysis?: readonly unknown[];
}): string {
  const steps = 'steps' in rollout.strategy ? rollout.strategy.steps : [];
  const text = JSON.stringify([
    rollout.endpoint,
    rollout.model,
    rollout.capacity ?? null,
    steps,
    rollout.otherDeployedModels ?? [],
    rollout.analysis ?? [],
  ]);
  return fnv1a(text).toString(16).padStart(8, '0');
}
