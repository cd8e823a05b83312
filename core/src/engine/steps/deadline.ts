import type { StepsState } from '../../plan/steps-request.js';

/**
 * The timeout of a Shiftwise-run rollout (docs/engine.md, "Shiftwise-run steps", **Timeout**): it counts from the
 * stretch's start (`stretch`: the start, or the last promote; else `since`), and past it no step moves forward.
 * It holds while traffic can still move forward — `starting`, `shifting`, `baking` — and not at a manual gate (a
 * promote begins a new stretch), while finishing (the steps ended in time) or while rolling back.
 *
 *   timeout 1800 s, stretch 14:49:13, state shifting, now 15:19:13 → "timeout: 1800 s passed since 14:49:13… before the steps ended"
 *   the same at 15:19:12 → undefined
 */
export function timedOut(
  state: StepsState,
  now: number,
  timeoutSeconds: number | undefined,
): string | undefined {
  if (timeoutSeconds === undefined) return undefined;
  if (state.state !== 'starting' && state.state !== 'shifting' && state.state !== 'baking') return undefined;
  const [from, start] = [state.stretch, state.since]
    .map((text) => [text, Date.parse(text)] as const)
    .find(([, ms]) => Number.isFinite(ms)) ?? ['', Number.NaN];
  if (!Number.isFinite(start) || now < start + timeoutSeconds * 1000) return undefined;
  return `timeout: ${timeoutSeconds} s passed since ${from} before the steps ended`;
}
