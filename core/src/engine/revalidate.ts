import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fleetTarget, type Rollout } from '../model.js';
import { fleetCount } from '../plan/fleet-unit.js';
import { validateRollout } from '../validate.js';

/** Why a rollout is refused once its fleet is known: the rule errors, as the editor shows them, and in words. */
export interface Refusal {
  readonly reason: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The rules again, with the capacity preflight found (docs/engine.md, "Preflight"): the errors the editor would
 * show for the same file with that `capacity`, or `undefined` when there are none. A count checked against an
 * unknown fleet can break a rule on the real one, and the runner refuses before anything is sent.
 *
 *   canary `size: 3`, no `capacity` in the file, 4 instances found →
 *     reason: "with the 4 instances preflight found, the file has an error: [canary-size] …"
 */
export function refusalAtCapacity(text: string, capacity: number, rollout: Rollout): Refusal | undefined {
  const { diagnostics } = validateRollout(text, {
    capacity,
    ...(rollout.file !== undefined && { fileName: rollout.file }),
  });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const target = fleetTarget(rollout);
  const fleet = fleetCount({ provider: rollout.provider, ...(target && { target }) }, capacity);
  const found = errors.map((d) => `[${d.code}] ${d.message}`).join('; ');
  return {
    reason: `with the ${fleet} preflight found, the file has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: ${found}`,
    diagnostics: errors,
  };
}
