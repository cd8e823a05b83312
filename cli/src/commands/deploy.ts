import { isAbsolute, join } from 'node:path';
import {
  formatDiagnosticsText,
  type NotUtf8,
  parseDuration,
  type Rollout,
  validateRollout,
  visibleControls,
} from '@shiftwise/core';
import {
  type Clock,
  type DeployEvent,
  type DeployReport,
  providerFor,
  deploy as runDeploy,
  type StepsMode,
  scaledClock,
} from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { readReason, readRolloutFile } from '../files.js';
import { type CliIo, Exit } from '../io.js';
import { commandLine, readCapacity, usage } from '../options.js';
import { jsonDiagnostics, withFile } from '../progress/file-words.js';
import { interruptWords } from '../progress/interrupt-words.js';
import { analysisLines, reportLine } from '../progress/lines.js';
import { reportJson, type UnderWay } from '../progress/report-json.js';
import { reporter } from '../progress/reporter.js';
import { quietSdkNodeVersionNotice } from '../sdk-notice.js';
import { shellWord } from '../shell-word.js';

const help = `Usage: shiftwise deploy FILE [--capacity N] [--watch-timeout DURATION] [--no-wait] [--sandbox [--speed X]] [--format text|json]

Runs the rollout in FILE, watches it, and reports the true outcome: a rollback is never reported as success.
Credentials and endpoints come from the standard chains (AWS_REGION, AWS_ENDPOINT_URL, AWS profiles or OIDC;
SHIFTWISE_VERTEX_TOKEN or Google application default credentials for Vertex AI), so the exports that
shiftwise sandbox prints point it at the sandbox (SHIFTWISE_CLOCK_SPEED=X among them for its --speed X).

Options:
  --capacity N               instances in the new fleet (copies, for an inference component) when the
                             provider cannot say
  --watch-timeout DURATION   how long to watch (default: the file's timeout + 30 min; Vertex AI: the timeout,
                             after which Shiftwise reverts); --timeout is the same option
  --no-wait                  start the update (or find it running) and exit 0 without watching; run the same
                             command again later to watch it to its outcome. Only for updates the provider
                             runs: refused for strategy type: steps, whose steps Shiftwise moves itself (nothing
                             would move them once this command exits)
  --sandbox                  a dry run: deploy against an in-process sandbox seeded from FILE
  --speed X                  with --sandbox, simulated seconds per real second (default 60)
  --format text|json         the closing report as text (default) or JSON; with json, stdout holds the
                             report alone and progress goes to stderr
  -h, --help                 this help

With strategy type: steps, Shiftwise moves the traffic itself and stops at a manual gate (exit 5, outcome
paused): run shiftwise promote FILE to go on, shiftwise abort FILE to roll back, shiftwise status FILE to see
where it stands.

Exit codes: 0 succeeded (or nothing to do), 1 invalid rollout file, 2 usage, 3 rolled back, 4 failed, timed out
or interrupted, 5 paused at a manual gate.
`;

const stepsHelp = (
  mode: 'promote' | 'abort',
) => `Usage: shiftwise ${mode} FILE [--watch-timeout DURATION] [--format text|json]

${
  mode === 'promote'
    ? 'Passes the manual gate the rollout of FILE (strategy type: steps) waits at, and runs it on to its end or\nthe next gate.'
    : 'Rolls the rollout of FILE (strategy type: steps) back from wherever it stands: all traffic to the old\nvariant at once, then the endpoint back to its original config.'
} Where the rollout stands is read from the endpoint (its
weights and shiftwise:* tags), so any process can do it, whichever started the rollout.

Options:
  --watch-timeout DURATION   how long to watch
  --format text|json         the closing report as text (default) or JSON
  -h, --help                 this help

Exit codes: 0 succeeded, 1 invalid rollout file, 2 usage, 3 rolled back, 4 failed, 5 paused at a (next) gate.
`;

interface Options {
  readonly mode: StepsMode;
  readonly file: string;
  readonly capacity?: number;
  readonly watchTimeoutSeconds?: number;
  readonly noWait: boolean;
  readonly sandbox: boolean;
  readonly speed: number;
  readonly format: 'text' | 'json';
}

/** `shiftwise deploy`: validates the file, runs the engine against the environment's cloud, prints the outcome. */
export const deploy = (args: string[], io: CliIo) => runCommand('deploy', args, io);

/** `shiftwise promote`: passes the gate a Shiftwise-run rollout waits at and runs it on. */
export const promote = (args: string[], io: CliIo) => runCommand('promote', args, io);

/** `shiftwise abort`: rolls a Shiftwise-run rollout back from wherever it stands. */
export const abort = (args: string[], io: CliIo) => runCommand('abort', args, io);

async function runCommand(mode: StepsMode, args: string[], io: CliIo): Promise<number> {
  const options = readOptions(mode, args, io);
  if (typeof options === 'number') return options;
  const file = await readRollout(options, io);
  if (typeof file === 'number') return file;
  const { rollout } = file;
  if (mode !== 'deploy' && rollout.strategy.type !== 'steps') {
    return refused(
      io,
      options,
      `${visibleControls(options.file)} is ${rollout.provider} ${rollout.strategy.type}, which the provider runs; ${mode} acts on rollouts Shiftwise runs itself (strategy type: steps)`,
    );
  }
  if (options.noWait && rollout.strategy.type === 'steps') {
    return refused(
      io,
      options,
      `--no-wait does not apply to ${visibleControls(options.file)} (strategy type: steps): Shiftwise moves its steps itself, so once this command exits nothing moves them, no alarm or analysis watches them, and its timeout keeps counting. Run \`shiftwise deploy ${shellWord(options.file)}\` without --no-wait and leave it running: it stops at a manual gate (exit 5); nothing was sent`,
    );
  }
  quietSdkNodeVersionNotice();
  if (!options.sandbox) {
    // SHIFTWISE_CLOCK_SPEED=X matches a `shiftwise sandbox --speed X` running elsewhere. A value that is no speed
    // is refused: the clock would quietly fall back to real time and the watch fall out of step with the sandbox.
    // Empty is unset, as a CI template that fills in nothing leaves it.
    const raw = io.env.SHIFTWISE_CLOCK_SPEED || undefined;
    const speed = raw === undefined ? 1 : Number(raw);
    if (raw !== undefined && !(raw.trim() !== '' && Number.isFinite(speed) && speed > 0)) {
      return refused(
        io,
        options,
        `SHIFTWISE_CLOCK_SPEED must be a number above 0 (the --speed of the sandbox), not '${visibleControls(raw)}'; nothing was sent`,
      );
    }
    return run(file, options, io, io.env, speed === 1 ? undefined : scaledClock(speed));
  }
  const sandbox = await startSandbox({ speed: options.speed });
  try {
    progressStream(options, io).write(
      `sandbox: ${seedRollout(sandbox.control, rollout).summary} at ${sandbox.url} (×${options.speed})\n`,
    );
    return await run(file, options, io, sandbox.env, sandbox.clock);
  } finally {
    await sandbox.stop();
  }
}

interface RolloutFile {
  readonly rollout: Rollout;
  readonly text: string;
}

async function run(
  { rollout, text }: RolloutFile,
  options: Options,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  clock?: Clock,
): Promise<number> {
  const started = Date.now();
  // --no-wait stops watching once the update runs, as an interrupt would, but on purpose.
  const detach = new AbortController();
  const now = () => clock?.now() ?? Date.now();
  // --sandbox (at its --speed) and SHIFTWISE_CLOCK_SPEED run on a scaled clock: no `until … UTC` in the heartbeat.
  const show = reporter(io, now, {
    to: options.format === 'json' ? 'stderr' : 'stdout',
    wallClock: clock === undefined,
  });
  let last: { readonly event: DeployEvent; readonly at: number } | undefined;
  let running = false;
  // The step under way when this run began, whose start it did not see: an update found running (which step is
  // known only from the first look), or the step a Shiftwise-run rollout stood in when picked up (none at a gate).
  let underWay: UnderWay | undefined;
  const onEvent = (event: DeployEvent) => {
    show(event);
    if (event.type === 'attached') underWay = event.resumed ? event.resumed.stepUnderWay : 'first seen';
    if (event.type === 'progress') last = { event, at: now() };
    if (event.type !== 'started' && event.type !== 'attached') return;
    running = true;
    if (options.noWait) detach.abort(new Error('--no-wait'));
  };
  let report: DeployReport;
  const file = shellWord(options.file);
  try {
    report = await runDeploy(rollout, providerFor(rollout, { env, mode: options.mode }), {
      ...(clock && { clock }),
      signal: AbortSignal.any([io.signal, detach.signal]),
      onEvent,
      ...(options.capacity !== undefined && { capacity: options.capacity }),
      ...(options.watchTimeoutSeconds !== undefined && { watchTimeoutSeconds: options.watchTimeoutSeconds }),
      text,
    });
  } catch (error) {
    if (detach.signal.aborted) return detached(options, io);
    if (!io.signal.aborted) throw error;
    const words = interruptWords({
      mode: options.mode,
      file: options.file,
      sandbox: options.sandbox,
      running,
      shiftwiseRuns: rollout.strategy.type === 'steps',
      ...(last && { last }),
    });
    io.stderr.write(`\nshiftwise ${options.mode}: ${words}\n`);
    return Exit.failed;
  }
  // The engine's next commands name the file as FILE: here it is the path as given.
  report = { ...report, reason: withFile(report.reason, file) };
  // Errors at the capacity preflight found, shown as `shiftwise validate` would with that --capacity.
  if (report.diagnostics)
    io.stderr.write(formatDiagnosticsText(report.diagnostics, { file: options.file, text, color: false }));
  if (options.format === 'json') {
    const json = reportJson(report, Date.now() - started, { ...(underWay !== undefined && { underWay }) });
    const diagnostics = report.diagnostics && jsonDiagnostics(options.file, text, report.diagnostics);
    io.stdout.write(`${JSON.stringify({ ...json, ...(diagnostics && { diagnostics }) }, null, 2)}\n`);
  } else {
    io.stdout.write(`${reportLine(report)}\n`);
    for (const line of analysisLines(report)) io.stdout.write(`${line}\n`);
  }
  if (options.sandbox && report.outcome === 'paused')
    progressStream(options, io).write(
      `The dry run ends at the gate: its sandbox stopped with this command, so there is nothing to promote. To go past the gate, run \`shiftwise sandbox --seed ${file}\` in another terminal, use the exports it prints, then \`shiftwise deploy ${file}\` and \`shiftwise promote ${file}\` (or abort).\n`,
    );
  return exitFor(report);
}

/** Where lines other than the closing report go: stderr beside a JSON report, which is alone on stdout. */
function progressStream(options: Options, io: CliIo): NodeJS.WritableStream {
  return options.format === 'json' ? io.stderr : io.stdout;
}

/** --no-wait: the update runs at the provider; say how to watch it. Exit 0. */
function detached(options: Options, io: CliIo): number {
  const again = `shiftwise deploy ${shellWord(options.file)}`;
  if (options.format === 'json')
    io.stdout.write(
      `${JSON.stringify({ outcome: 'started', reason: `not watched (--no-wait); run ${again} to watch it` })}\n`,
    );
  else
    io.stdout.write(
      `update running; not watching it (--no-wait). Run \`${again}\` to watch it to its outcome.\n`,
    );
  return Exit.ok;
}

/** Exit codes (README.md, "The CLI"): 0 succeeded, 3 rolled back, 4 failed or timed out, 5 paused at a gate. */
export function exitFor(report: DeployReport): number {
  switch (report.outcome) {
    case 'succeeded':
      return Exit.ok;
    case 'rolled-back':
      return Exit.rolledBack;
    case 'paused':
      return Exit.paused;
    default:
      return Exit.failed;
  }
}

async function readRollout(options: Options, io: CliIo): Promise<RolloutFile | number> {
  let text: string;
  let notUtf8: NotUtf8 | undefined;
  let fileSize: number | undefined;
  try {
    ({ text, notUtf8, fileSize } = readRolloutFile(
      isAbsolute(options.file) ? options.file : join(io.cwd, options.file),
    ));
  } catch (error) {
    const reason = `cannot read ${options.file}: ${readReason(error)}`;
    io.stderr.write(`shiftwise ${options.mode}: ${visibleControls(reason)}\n`);
    notDeployedJson(io, options, { phase: 'read', reason });
    return Exit.usage;
  }
  const capacity = options.capacity !== undefined ? { capacity: options.capacity } : {};
  const { value, diagnostics } = validateRollout(text, {
    fileName: options.file,
    notUtf8,
    fileSize,
    ...capacity,
  });
  if (diagnostics.length > 0)
    io.stderr.write(formatDiagnosticsText(diagnostics, { file: options.file, text, color: false }));
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) {
    const reason = `${options.file} has errors; nothing was ${options.mode === 'deploy' ? 'deployed' : 'changed'}`;
    io.stderr.write(`shiftwise ${options.mode}: ${visibleControls(reason)}\n`);
    notDeployedJson(io, options, {
      phase: 'validate',
      reason,
      diagnostics: jsonDiagnostics(options.file, text, diagnostics),
    });
    return Exit.invalid;
  }
  return { rollout: { ...value, file: options.file }, text };
}

/**
 * With `--format json`, a file that could not be read or has errors still gets its one report on stdout, so a
 * caller that parses stdout always has a report: `{ outcome: 'failed', phase: 'read' | 'validate', reason, … }`.
 */
/**
 * A file read and valid, refused before anything is sent (exit 2, usage): a mode that does not apply to its
 * strategy, --no-wait on a steps rollout, a SHIFTWISE_CLOCK_SPEED that is no speed. With --format json the refusal
 * is a report on stdout too (`phase: usage`), as a file that cannot be read or has errors gets one.
 */
function refused(io: CliIo, options: Options, reason: string): number {
  io.stderr.write(`shiftwise ${options.mode}: ${reason}\n`);
  notDeployedJson(io, options, { phase: 'usage', reason });
  return Exit.usage;
}

function notDeployedJson(
  io: CliIo,
  options: Options,
  report: { phase: 'read' | 'validate' | 'usage'; reason: string; diagnostics?: readonly unknown[] },
): void {
  if (options.format !== 'json') return;
  io.stdout.write(`${JSON.stringify({ outcome: 'failed', file: options.file, ...report }, null, 2)}\n`);
}

function readOptions(mode: StepsMode, args: string[], io: CliIo): Options | number {
  const command = { name: mode, help: mode === 'deploy' ? help : stepsHelp(mode) };
  const line = commandLine(
    args,
    io,
    command,
    mode === 'deploy'
      ? {
          capacity: { type: 'string' },
          'watch-timeout': { type: 'string' },
          timeout: { type: 'string' },
          'no-wait': { type: 'boolean' },
          sandbox: { type: 'boolean' },
          speed: { type: 'string' },
          format: { type: 'string' },
        }
      : { 'watch-timeout': { type: 'string' }, timeout: { type: 'string' }, format: { type: 'string' } },
  );
  if (typeof line === 'number') return line;
  const { values, positionals } = line;
  if (positionals.length !== 1)
    return usage(io, command, `give exactly one rollout file (got ${positionals.length})`);
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json')
    return usage(io, command, `--format must be text or json, not '${format}'`);
  const capacity = readCapacity(values.capacity);
  if ('error' in capacity) return usage(io, command, capacity.error);
  const sandbox = values.sandbox === true;
  const options: { -readonly [K in keyof Options]: Options[K] } = {
    mode,
    file: positionals[0]!,
    sandbox,
    noWait: values['no-wait'] === true,
    speed: 60,
    format,
    ...capacity,
  };
  if (values['watch-timeout'] !== undefined && values.timeout !== undefined)
    return usage(io, command, '--timeout and --watch-timeout are the same option: give one');
  const watch = values['watch-timeout'] ?? values.timeout;
  if (typeof watch === 'string') {
    const name = values.timeout !== undefined ? '--timeout' : '--watch-timeout';
    const parsed = parseDuration(/^\d+$/.test(watch) ? Number(watch) : watch);
    if (!parsed.ok) return usage(io, command, `${name}: ${parsed.message}`);
    options.watchTimeoutSeconds = parsed.seconds;
  }
  if (typeof values.speed === 'string') {
    const speed = Number(values.speed);
    if (!sandbox) return usage(io, command, '--speed only applies with --sandbox');
    if (!Number.isFinite(speed) || speed <= 0)
      return usage(io, command, `--speed must be a positive number, not '${values.speed}'`);
    options.speed = speed;
  }
  return options;
}
