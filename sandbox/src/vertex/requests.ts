import type { Json } from '../http/input.js';
import { invalid } from './state.js';

/** Vertex AI's display names (an Endpoint's, a DeployedModel's): at most 128 characters (code points) of any UTF-8. */
export const MAX_DISPLAY_NAME = 128;

/** The rolloutOptions of a rolling deployment request (DeployedModel.rolloutOptions). */
export interface RolloutOptions {
  previousDeployedModel?: string;
  maxSurgeReplicas?: number;
  maxSurgePercentage?: number;
  maxUnavailableReplicas?: number;
  maxUnavailablePercentage?: number;
}

/**
 * Reads `deployedModel.rolloutOptions`: `previousDeployedModel` is required, each of surge and
 * unavailable is a count or a percent (0–100), not both, and not both zero.
 */
export function readRolloutOptions(raw: unknown): RolloutOptions | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalid('deployedModel.rolloutOptions must be an object.');
  const o = raw as Json;
  const out: RolloutOptions = {};
  if (typeof o.previousDeployedModel !== 'string' || !/^\d{1,10}$/.test(o.previousDeployedModel))
    throw invalid(
      'rolloutOptions.previousDeployedModel is required: the numeric ID of the DeployedModel to replace.',
    );
  out.previousDeployedModel = o.previousDeployedModel;
  for (const key of [
    'maxSurgeReplicas',
    'maxSurgePercentage',
    'maxUnavailableReplicas',
    'maxUnavailablePercentage',
  ] as const) {
    const value = o[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw invalid(`rolloutOptions.${key} must be a whole number ≥ 0, not ${JSON.stringify(value)}.`);
    if (key.endsWith('Percentage') && value > 100)
      throw invalid(`rolloutOptions.${key} must be at most 100, not ${value}.`);
    out[key] = value;
  }
  if (out.maxSurgeReplicas !== undefined && out.maxSurgePercentage !== undefined)
    throw invalid('Set at most one of rolloutOptions.maxSurgeReplicas and maxSurgePercentage.');
  if (out.maxUnavailableReplicas !== undefined && out.maxUnavailablePercentage !== undefined)
    throw invalid('Set at most one of rolloutOptions.maxUnavailableReplicas and maxUnavailablePercentage.');
  const surge = out.maxSurgeReplicas ?? out.maxSurgePercentage ?? 0;
  const unavailable = out.maxUnavailableReplicas ?? out.maxUnavailablePercentage ?? 0;
  if (surge === 0 && unavailable === 0)
    throw invalid(
      'rolloutOptions: maxSurge and maxUnavailable cannot both be 0 (no replica could ever be replaced).',
    );
  return out;
}

/** A trafficSplit map; the key "0" means the model being deployed. Values must add up to 100. */
export function readSplit(raw: unknown, addedId: string | undefined): Record<string, number> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalid('trafficSplit must be a map of DeployedModel ID to percent.');
  const entries = Object.entries(raw as Json);
  if (entries.length === 0) return undefined;
  let sum = 0;
  const out: Record<string, number> = {};
  for (const [id, value] of entries) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100)
      throw invalid(`trafficSplit[${id}] must be a whole percent 0–100.`);
    sum += value;
    out[id === '0' && addedId ? addedId : id] = value;
  }
  if (sum !== 100) throw invalid(`trafficSplit values must add up to 100, not ${sum}.`);
  return out;
}

/**
 * Checks that a split names only `allowed` DeployedModel IDs (in `deployModel`, `"0"` too: the model being
 * deployed), the words naming the models the endpoint has.
 */
export function checkSplitIds(raw: unknown, allowed: readonly string[], withNew: boolean): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  for (const id of Object.keys(raw))
    if (!(allowed.includes(id) || (withNew && id === '0')))
      throw invalid(
        `trafficSplit names DeployedModel ${id}, which is not deployed on this endpoint; its DeployedModels are ${allowed.length ? allowed.join(', ') : 'none'}${withNew ? ' (and "0" for the model being deployed)' : ''}.`,
      );
}

const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/**
 * An endpoint's labels as Google takes them: at most 64, keys `[a-z][a-z0-9_-]{0,62}`, values `[a-z0-9_-]{0,63}`.
 */
export function readLabels(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('labels must be a map of strings.');
  const entries = Object.entries(raw as Json);
  if (entries.length > 64) throw invalid(`An endpoint takes at most 64 labels, not ${entries.length}.`);
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key))
      throw invalid(
        `Label key ${JSON.stringify(key)} is invalid: it must start with a lowercase letter and hold at most 63 lowercase letters, digits, '_' and '-'.`,
      );
    if (typeof value !== 'string' || !LABEL_VALUE.test(value))
      throw invalid(
        `Label value ${JSON.stringify(value)} of ${key} is invalid: at most 63 lowercase letters, digits, '_' and '-'.`,
      );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
