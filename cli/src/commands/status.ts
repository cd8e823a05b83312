import { isAbsolute, join } from 'node:path';
import {
  formatDiagnosticsText,
  humanDuration,
  lastMetricsWords,
  type NotUtf8,
  type Plan,
  plan,
  type Rollout,
  recordedName,
  validateRollout,
  visibleControls,
} from '@shiftwise/core';
import {
  errorText,
  type LastMetricsWait,
  RetriesExhausted,
  type StepsStatus,
  scaledClock,
  stepsStatus,
} from '@shiftwise/core/engine';
import { readReason, readRolloutFile } from '../files.js';
import { type CliIo, Exit } from '../io.js';
import { commandLine, usage } from '../options.js';
import { jsonDiagnostics, withFile } from '../progress/file-words.js';
import { quietSdkNodeVersionNotice } from '../sdk-notice.js';
import { shellWord } from '../shell-word.js';

const help = `Usage: shiftwise status FILE [--format text|json]

Shows where the rollout of FILE (strategy type: steps, run by Shiftwise) stands: its planned steps beside what
the endpoint shows now (its config, the two variants' weights and instances, and the shiftwise:* tags Shiftwise
keeps on it). Reads only; changes nothing.

Options:
  --format text|json   text (default) or JSON
  -h, --help           this help

A dropped connection, throttling or a 5xx is retried for up to 2 minutes, as deploy retries them.

Exit codes: 0 read, 1 invalid rollout file, 2 usage or unreadable file, 4 the endpoint could not be read.
`;

const command = { name: 'status', help };

/** `shiftwise status`: the plan's steps, and the endpoint's state beside them. */
export async function status(args: string[], io: CliIo): Promise<number> {
  const line = commandLine(args, io, command, { format: { type: 'string' } });
  if (typeof line === 'number') return line;
  if (line.positionals.length !== 1)
    return usage(io, command, `give exactly one rollout file (got ${line.positionals.length})`);
  const format = (line.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json')
    return usage(io, command, `--format must be text or json, not '${format}'`);
  const file = line.positionals[0]!;
  let text: string;
  let notUtf8: NotUtf8 | undefined;
  let fileSize: number | undefined;
  try {
    ({ text, notUtf8, fileSize } = readRolloutFile(isAbsolute(file) ? file : join(io.cwd, file)));
  } catch (error) {
    const reason = `cannot read ${visibleControls(file)}: ${visibleControls(readReason(error))}`;
    io.stderr.write(`shiftwise status: ${reason}\n`);
    notReadJson(io, format, file, { phase: 'read', reason });
    return Exit.usage;
  }
  const { value, diagnostics } = validateRollout(text, { fileName: file, notUtf8, fileSize });
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) {
    // The findings as deploy, promote and abort print them (file:line:col), so the user can act on them here.
    io.stderr.write(formatDiagnosticsText(diagnostics, { file, text, color: false }));
    const reason = `${visibleControls(file)} has errors; the endpoint was not read. Fix them and run \`shiftwise status ${shellWord(file)}\` again`;
    io.stderr.write(`shiftwise status: ${reason}\n`);
    notReadJson(io, format, file, {
      phase: 'validate',
      reason,
      diagnostics: jsonDiagnostics(file, text, diagnostics),
    });
    return Exit.invalid;
  }
  if (value.strategy.type !== 'steps') {
    const reason = `${visibleControls(file)} is ${value.provider} ${value.strategy.type}; status reads rollouts Shiftwise runs itself (strategy type: steps)`;
    io.stderr.write(`shiftwise status: ${reason}\n`);
    notReadJson(io, format, file, { phase: 'usage', reason });
    return Exit.usage;
  }
  quietSdkNodeVersionNotice();
  let seen: StepsStatus;
  try {
    seen = await stepsStatus(value, io.env, { clock: clockOf(io.env) });
  } catch (error) {
    // In the engine's words: "gave up after 7 attempts: the connection was closed before an answer came (…)".
    const why = error instanceof RetriesExhausted ? error.message : errorText(error);
    const reason = `cannot read endpoint ${visibleControls(value.endpoint)}: ${visibleControls(why)}`;
    io.stderr.write(`shiftwise status: ${reason}\n`);
    notReadJson(io, format, file, { phase: 'endpoint', reason });
    return Exit.failed;
  }
  const planned = plan(value);
  if (format === 'json') io.stdout.write(`${JSON.stringify(statusJson(value, planned, seen), null, 2)}\n`);
  else io.stdout.write(statusText({ ...value, file }, planned, seen));
  return Exit.ok;
}

/**
 * With --format json, a status that could not be read is a JSON document on stdout too, as deploy's refusals are:
 * `{"outcome": "failed", "file", "phase", "reason", "diagnostics"?}`, so a script reading stdout always gets one.
 */
function notReadJson(
  io: CliIo,
  format: 'text' | 'json',
  file: string,
  report: {
    phase: 'read' | 'validate' | 'usage' | 'endpoint';
    reason: string;
    diagnostics?: readonly unknown[];
  },
): void {
  if (format !== 'json') return;
  io.stdout.write(`${JSON.stringify({ outcome: 'failed', file, ...report }, null, 2)}\n`);
}

/**
 * The clock retries wait on: SHIFTWISE_CLOCK_SPEED=X matches a `shiftwise sandbox --speed X`, as for deploy. A value
 * that is no speed is ignored here: status only reads, and waits in real time.
 */
function clockOf(env: NodeJS.ProcessEnv) {
  const speed = Number(env.SHIFTWISE_CLOCK_SPEED);
  return Number.isFinite(speed) && speed > 0 ? scaledClock(speed) : undefined;
}

/**
 * What the next command does to a rollout with a rollback alarm in ALARM, with the command to run (`FILE`, as the
 * engine names it): at a gate, promote rolls back instead of going on; while it runs, the deploy watching it rolls
 * back at its next look, or the next deploy does; once finishing, it rolls back while the old model is still there.
 */
function alarmWords(alarm: string, state: string): string {
  const head = `rollback alarm ${alarm} is in ALARM`;
  if (state === 'paused')
    return `${head}: the next \`shiftwise promote FILE\` rolls the rollout back instead of going on (\`shiftwise abort FILE\` rolls it back now)`;
  if (state === 'finishing')
    return `${head}: the next look of \`shiftwise deploy FILE\` rolls back while the old model is still there; once the finish has removed it, the rollout ends failed, naming the alarm`;
  return `${head}: a deploy watching the rollout rolls it back at its next look; if none runs, the next \`shiftwise deploy FILE\` does (\`shiftwise abort FILE\` rolls it back now)`;
}

/**
 * A step whose bake (or timed pause) is over, waiting for its last metrics to settle: when it ended, the bound of
 * the wait, and what moves it on then (nothing moves a rollout Shiftwise runs but a command).
 *
 *   → "bake over at 14:10:30 UTC; the step waits for its last metrics to settle, until 14:17:00 UTC at the latest: a
 *      deploy watching it then moves on (a breach in them rolls back); if none runs, the next `shiftwise deploy FILE` does"
 */
function lastMetricsWaitWords({ after, ended, until }: LastMetricsWait): string {
  const time = (iso: string) => `${iso.slice(11, 19)} UTC`;
  return `${after} over at ${time(ended)}; the step waits for its last metrics to settle, until ${time(until)} at the latest: a deploy watching it then moves on (a breach in them rolls back); if none runs, the next \`shiftwise deploy FILE\` does`;
}

/** Where the rollout stands in one phrase: "paused at step 3 of 5 (gate) since …". */
function standing(rollout: Rollout, planned: Plan, seen: StepsStatus): string {
  if (seen.endpointStatus === undefined) return `endpoint ${seen.endpoint} not found`;
  const state = seen.state;
  if (!state) return `no rollout in progress (endpoint ${seen.endpointStatus} on ${seen.config})`;
  if (state.rollout !== recordedName(rollout))
    return `another rollout, ${state.rollout}, stands on the endpoint (step ${state.step}, ${state.state})`;
  const at =
    state.state === 'paused'
      ? `paused at step ${state.step} of ${planned.steps.length}`
      : `${state.state}, step ${state.step} of ${planned.steps.length}`;
  return `${at} since ${state.since}${state.reason ? ` (${state.reason})` : ''}`;
}

function statusText(rollout: Rollout, planned: Plan, seen: StepsStatus): string {
  const ours = seen.state !== undefined && seen.state.rollout === recordedName(rollout);
  const current = ours ? seen.state?.step : undefined;
  const rows = planned.steps.map((s) => {
    const what =
      s.bake === 'gate'
        ? 'gate: shiftwise promote'
        : s.bake === 'pause'
          ? `pause ${humanDuration(s.bakeSeconds)}`
          : `${s.trafficPercent}% to new, ${s.greenActive} new / ${s.blueActive} old, bake ${humanDuration(s.bakeSeconds)}`;
    const settle = lastMetricsWords(s.lastMetricsSeconds);
    const mark = current === s.index ? '▶' : current !== undefined && s.index < current ? '✔' : ' ';
    return `  ${mark} ${String(s.index).padStart(2)}  ${what}${settle}`;
  });
  const variants = seen.variants.map(
    (v) =>
      `${v.name} weight ${v.weight ?? '?'}, ${v.instances ?? '?'} ${v.instances === 1 ? 'instance' : 'instances'}`,
  );
  return [
    // Names come from the file and the endpoint: shown, never acted on by the terminal.
    visibleControls(`${rollout.name} · endpoint ${seen.endpoint}: ${standing(rollout, planned, seen)}`),
    ...(seen.endpointStatus
      ? [
          `  endpoint ${seen.endpointStatus} on ${visibleControls(String(seen.config))}${seen.newPercent !== undefined ? ` · ${seen.newPercent}% of traffic on the new model` : ''}`,
        ]
      : []),
    ...(variants.length > 0 ? [`  variants: ${visibleControls(variants.join('; '))}`] : []),
    ...(ours && seen.timedOut
      ? [
          `  ${visibleControls(seen.timedOut)}: nothing has moved it since, and the next \`shiftwise deploy FILE\` rolls it back (\`shiftwise abort FILE\` does too)`,
        ]
      : []),
    ...(ours && seen.alarm !== undefined && seen.state
      ? [`  ${visibleControls(alarmWords(seen.alarm, seen.state.state))}`]
      : []),
    ...(ours && seen.lastMetrics ? [`  ${lastMetricsWaitWords(seen.lastMetrics)}`] : []),
    '  planned steps:',
    ...rows,
    '',
  ]
    .map((line) => withFile(line, shellWord(rollout.file ?? 'FILE')))
    .join('\n');
}

function statusJson(rollout: Rollout, planned: Plan, seen: StepsStatus) {
  return {
    name: rollout.name,
    endpoint: seen.endpoint,
    standing: standing(rollout, planned, seen),
    ...(seen.endpointStatus !== undefined && { endpointStatus: seen.endpointStatus, config: seen.config }),
    variants: seen.variants,
    ...(seen.newPercent !== undefined && { newPercent: seen.newPercent }),
    ...(seen.state && { state: seen.state }),
    ...(seen.timedOut !== undefined && { timedOut: seen.timedOut }),
    ...(seen.alarm !== undefined && { alarm: seen.alarm }),
    ...(seen.lastMetrics !== undefined && { lastMetrics: seen.lastMetrics }),
    steps: planned.steps.map((s) => ({
      index: s.index,
      trafficPercent: s.trafficPercent,
      bake: s.bake,
      bakeSeconds: s.bakeSeconds,
      ...(s.lastMetricsSeconds !== undefined && { lastMetricsSeconds: s.lastMetricsSeconds }),
    })),
  };
}
