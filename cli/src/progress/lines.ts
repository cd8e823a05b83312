import { fleetCount, humanDuration, planSummary, stepNoun } from '@shiftwise/core';
import {
  type CheckVerdict,
  type DeployEvent,
  type DeployReport,
  progressWords,
  verdictScope,
} from '@shiftwise/core/engine';

/** `[+12:05]`: simulated or real time since the deploy began. */
export function stamp(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `[+${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
}

/**
 * One plain line per event worth a line (CI logs, pipes): everything but repeated progress, whose heartbeat has its
 * own words (core's `heartbeatLine`).
 *
 *   progress, step 2/5, 40%, baking → "[+07:42] step 2/5 · 40% traffic · baking, 4 min left · Baking for 300 seconds …"
 */
export function eventLine(event: DeployEvent, now: number): string | undefined {
  switch (event.type) {
    case 'preflight':
      return `preflight: ${event.checks.join('; ')}`;
    case 'planned':
      return `plan: ${planSummary(event.plan)} (${event.plan.strategy}, ${fleetCount(event.plan, event.plan.capacity)})`;
    case 'started':
      return 'update started';
    case 'attached':
      return event.detail;
    case 'retry':
      return `retrying in ${Math.round(event.delayMs / 1000)} s (attempt ${event.attempt}): ${event.error}`;
    case 'progress':
      return `${stamp(event.elapsedSeconds)} ${progressWords(event, now)}`;
    case 'finished':
      return undefined;
  }
}

/**
 * A terminal progress bar for one line, redrawn in place: `[████░░░░] step 2/5 · 40% · baking 4 min left`; after
 * the bake, while a steps rollout waits for its last metrics, `… · bake over, last metrics up to 2 min 30 s`. With
 * no step and no traffic share known (an inference component), the phase and the provider's words:
 * `[░░░░░░░░] updating · 10 copies running, 8 desired`.
 */
export function progressBar(event: DeployEvent & { type: 'progress' }, now: number, width = 24): string {
  const o = event.observation;
  const done = Math.round(((o.trafficPercent ?? 0) / 100) * width);
  const timed = o.phase === 'baking' && o.bakeEndsAt !== undefined;
  const left = timed ? humanDuration(Math.max(0, Math.round(((o.bakeEndsAt ?? now) - now) / 1000))) : '';
  const phase = !timed
    ? o.phase
    : o.settling
      ? `${o.settling} over, last metrics up to ${left}`
      : `${o.phase} ${left} left`;
  const parts = [
    ...(event.step > 0 ? [`${event.stepNoun} ${event.step}/${event.steps}`] : []),
    ...(o.trafficPercent !== undefined ? [`${o.trafficPercent}%`] : []),
    phase,
    ...(event.step === 0 && o.trafficPercent === undefined && o.message ? [o.message] : []),
  ];
  return `[${'█'.repeat(done)}${'░'.repeat(width - done)}] ${parts.join(' · ')}`;
}

/** The closing line: outcome, reason, time. */
export function reportLine(report: DeployReport): string {
  const mark = report.outcome === 'succeeded' ? '✔' : report.outcome === 'paused' ? '⏸' : '✖';
  const noop = report.noop ? ' (nothing to do)' : '';
  const alarm = report.alarm ? ` — alarm ${report.alarm}` : '';
  return `${mark} ${report.outcome}${noop}${alarm} after ${humanDuration(report.durationSeconds)}, ${report.calls} API ${report.calls === 1 ? 'call' : 'calls'}: ${report.reason}`;
}

/**
 * What each analysis check of a Shiftwise-run rollout read, a line per check and step, under the closing line.
 *
 *   analysis: new-5xx (step 1): 0, 0, 7 → breached 1 in a row (max 0; rolls back at 1)
 */
export function analysisLines(report: DeployReport): string[] {
  const noun = report.plan === undefined ? 'step' : stepNoun(report.plan);
  return (report.analysis ?? []).map(
    (v) =>
      `  analysis: ${v.name} (${verdictScope(v, noun)}${v.dryRun ? ', dry run' : ''}): ${valuesWords(v)}`,
  );
}

function valuesWords(v: CheckVerdict): string {
  if (v.periods.length > 0 && v.missing === v.periods.length)
    return `no data in ${v.missing} period${v.missing === 1 ? '' : 's'} → ${v.breaches > 0 ? 'each a breach (missingData: breach)' : 'not a breach (missingData: ignore)'}`;
  const values = v.periods.map((p) =>
    p.value === undefined ? '·' : String(Math.round(p.value * 1000) / 1000),
  );
  const shown = values.length > 12 ? [...values.slice(0, 2), '…', ...values.slice(-8)] : values;
  const verdict = v.rollsBack
    ? `breached ${v.breachesInARow} in a row: rolled back`
    : v.breaches > 0
      ? `breached in ${v.breaches} of ${v.periods.length} periods${v.dryRun ? ' (dry run: reported only)' : ''}`
      : 'within bounds';
  const missing = v.missing > 0 ? ` (· no data: ${v.missing})` : '';
  return `${shown.join(' ') || 'no complete period'} → ${verdict}${missing}`;
}
