import {
  changeWords,
  type FileReport,
  fileReport,
  formatDiagnosticsText,
  githubCommentLimit,
  type Plan,
  type PlanDiff,
  parseRollout,
  plan as planRollout,
  planToJson,
  renderPlanMarkdown,
  renderPlanText,
  renderPullRequestBody,
  validateRollout,
  visibleControls,
} from '@shiftwise/core';
import { exampleTexts } from '../examples.js';
import { expandRolloutPaths, readReason } from '../files.js';
import { type CliIo, Exit, useColor } from '../io.js';
import { commandLine, readCapacity, usage } from '../options.js';
import { type RolloutSource, readSource, shownName, validateSource, withoutFile } from '../rollout-source.js';
import { shellWord } from '../shell-word.js';
import { stdinOptions, stdinPath } from '../stdin.js';

const help = `Usage: shiftwise plan FILE... [--capacity N] [--format text|markdown|json] [--base FILE]
       render-rollout | shiftwise plan - [--stdin-name PATH] [--base FILE]
       git show main:FILE | shiftwise plan FILE --base -

Prints the step schedule of each rollout file (docs/plan.md); markdown and json also give the exact provider
request it sends.
Files with errors are not planned: their findings are printed as \`shiftwise validate\` prints them.
'-' (as FILE or as --base, once) reads a rollout from standard input (up to 5 MiB, UTF-8): findings call it
<stdin>, and it is JSON when its first character is '{', else YAML (a file named '-' is ./-).

Options:
  -f, --format text|markdown|json
                                output (default text; markdown: the plan as GitHub markdown, and with --base
                                the pull-request comment's body exactly as the GitHub Action writes it; json:
                                one file's plan object (null when not planned or not read); for several
                                paths, a folder or a glob an array of the plans of the files that planned)
  --capacity N                  instances in the new fleet (copies of an inference component), overriding
                                each file's capacity or copies
  --base FILE                   the same rollout as it was (e.g. on the base branch): says what changed
  --stdin-name PATH             the name findings give the rollout read from '-', whose ending (.json,
                                else YAML) and file name (the default 'name') count as a file's
  -h, --help                    this help

Exit codes: 0 planned, 1 a file has errors, 2 usage or unreadable file.
`;

type Format = 'text' | 'markdown' | 'json';

interface Options {
  readonly paths: string[];
  readonly format: Format;
  readonly capacity?: number;
  readonly base?: string;
  readonly stdinName?: string;
}

/** What planning the files gave: the plans to print, the changes against a base, and the exit code. */
interface Planned {
  readonly exit: number;
  readonly plans: readonly Plan[];
  readonly diff?: PlanDiff;
  /** Markdown with `--base`: the pull-request comment's body, which also shows a file with errors. */
  readonly body?: string;
}

/**
 * What `plan` does with a file, done on the example rollouts, with nothing written: the launcher runs it once,
 * before it writes the code cache of this command's bundle (cli/src/launch/), so the cache holds the code of every
 * provider and strategy, not only the code the first file it met took.
 */
export function warmUp(): void {
  for (const [file, text] of Object.entries(exampleTexts())) {
    const { value } = validateRollout(text, { fileName: file });
    if (value === undefined) continue;
    const planned = planRollout(value);
    renderPlanText(planned);
    planToJson(planned);
  }
}

/**
 * `shiftwise plan`: reads and validates each file at this edge, plans the valid ones with core, prints them. A file
 * that cannot be read or has errors is said on stderr and sets the exit code; the others are still planned and
 * printed, so `--format json` always prints JSON shaped by what was asked (`write`).
 */
export async function plan(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, io);
  if (typeof options === 'number') return options;
  const { files, several, failed } = await expandRolloutPaths(options.paths, io, 'plan');
  if (options.base !== undefined && files.length > 1)
    return usage(
      io,
      command,
      `--base compares one file with its earlier version; ${files.length} files were given`,
    );
  const planned =
    options.base !== undefined && files.length === 1
      ? await planAgainstBase(files[0]!, options.base, options, io)
      : await planEach(files, options, io);
  write(planned, options.format, io, { several });
  return Math.max(planned.exit, failed ? Exit.usage : Exit.ok);
}

async function planEach(files: readonly string[], options: Options, io: CliIo): Promise<Planned> {
  let exit: number = Exit.ok;
  const plans: Plan[] = [];
  for (const file of files) {
    const source = await readText(file, options, io);
    const head = source === undefined ? undefined : check(source, options, io);
    if (head === undefined) exit = Math.max(exit, source === undefined ? Exit.usage : Exit.invalid);
    else plans.push(planRollout(head, capacityOf(options)));
  }
  return { exit, plans };
}

/**
 * One file against its earlier version, checked as the GitHub Action checks a pull request's file (`fileReport`):
 * markdown is the action's comment body, also when the file has errors; text and JSON add the changes. When either
 * file cannot be read nothing is compared: no plan, exit 2.
 */
async function planAgainstBase(
  file: string,
  basePath: string,
  options: Options,
  io: CliIo,
): Promise<Planned> {
  const source = await readText(file, options, io);
  const baseSource = source === undefined ? undefined : await readText(basePath, options, io);
  if (source === undefined || baseSource === undefined) return { exit: Exit.usage, plans: [] };
  const { text } = source.read;
  const baseRead = baseSource.read;
  const baseText = baseRead.text;
  const validated = validateSource(source, capacityOf(options));
  const head = { ...validated, value: withoutFile(validated.value, source) };
  printFindings(source.shown, text, head.diagnostics, io);
  // The base is read under the head's name, so a `name` defaulted from the file name compares equal. Only its
  // model is compared, so it is parsed, not validated: its findings are the base branch's, not this change's.
  const base = withoutFile(
    parseRollout(baseText, {
      fileName: source.fileName,
      notUtf8: baseRead.notUtf8,
      fileSize: baseRead.fileSize,
    }).value,
    source,
  );
  const report: FileReport = fileReport({
    path: source.shown,
    text,
    head,
    base,
    baseInvalid: base === undefined && baseText.trim() !== '',
    ...capacityOf(options),
  });
  const body =
    options.format === 'markdown'
      ? { body: renderPullRequestBody([report], { limit: githubCommentLimit }) }
      : {};
  if (report.plan === undefined) return { exit: notPlanned(source, io), plans: [], ...body };
  return { exit: Exit.ok, plans: [report.plan], diff: report.diff, ...body };
}

async function readText(file: string, options: Options, io: CliIo): Promise<RolloutSource | undefined> {
  try {
    return await readSource(file, io, { command: 'plan', stdinName: options.stdinName });
  } catch (error) {
    const shown = visibleControls(shownName(file, options.stdinName));
    io.stderr.write(`shiftwise plan: cannot read ${shown}: ${visibleControls(readReason(error))}\n`);
    return undefined;
  }
}

/** Validates one file and prints its findings; the rollout when it can be planned. */
function check(source: RolloutSource, options: Options, io: CliIo) {
  const { value, diagnostics } = validateSource(source, capacityOf(options));
  printFindings(source.shown, source.read.text, diagnostics, io);
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) {
    notPlanned(source, io);
    return undefined;
  }
  return withoutFile(value, source);
}

function printFindings(file: string, text: string, diagnostics: FileReport['diagnostics'], io: CliIo): void {
  const color = useColor(io.env, (io.stderr as { isTTY?: boolean }).isTTY);
  // Findings go to stderr, so stdout stays a clean plan for pipes (`--format json | jq`).
  if (diagnostics.length > 0) io.stderr.write(formatDiagnosticsText(diagnostics, { file, text, color }));
}

/** Says a file was not planned; a rollout piped in is not named by a command to paste, its findings are above. */
function notPlanned(source: RolloutSource, io: CliIo): number {
  const shown = visibleControls(source.shown);
  const again = source.piped ? 'its findings are above' : `shiftwise validate ${shellWord(source.shown)}`;
  io.stderr.write(`shiftwise plan: ${shown} has errors; fix them to see its plan (${again})\n`);
  return Exit.invalid;
}

function capacityOf(options: Options): { capacity?: number } {
  return options.capacity !== undefined ? { capacity: options.capacity } : {};
}

/**
 * Prints the plans. JSON is shaped by what was asked, not by what was found or planned: more than one path, a folder
 * or a glob give an array of the plans of the files that planned (`[]` when none did); one file path its plan
 * object, or `null` when it was not planned (it has errors, or it or its base cannot be read). Either way stdout is
 * valid JSON, and the exit code and stderr say what failed.
 */
function write(planned: Planned, format: Format, io: CliIo, { several }: { several: boolean }): void {
  const { plans, diff } = planned;
  if (format === 'json') {
    // `diff`: the changes in words ([] when none); null when the base has no plan to compare with.
    const json = plans.map((p) => ({
      ...planToJson(p),
      ...(diff && { diff: diff.isNew ? null : diff.changes.map(changeWords) }),
    }));
    io.stdout.write(`${JSON.stringify(several ? json : (json[0] ?? null), null, 2)}\n`);
    return;
  }
  if (format === 'markdown') {
    io.stdout.write(planned.body ?? plans.map((p) => renderPlanMarkdown(p)).join('\n'));
    return;
  }
  const parts = plans.map((p) => `${renderPlanText(p)}${diff ? diffText(diff) : ''}`);
  io.stdout.write(parts.join('\n'));
}

/** The changes under the text plan, or why there are none. */
function diffText(diff: PlanDiff): string {
  if (diff.isNew && diff.baseInvalid === true)
    return '  no comparison: the base is not a valid rollout, so there is no plan to compare with\n';
  if (diff.isNew) return '  new file: the base is empty, so there is no plan to compare with\n';
  if (diff.changes.length === 0) return '  no change against the base\n';
  return `  changes against the base:\n${diff.changes.map((c) => `   - ${visibleControls(changeWords(c))}\n`).join('')}`;
}

const command = { name: 'plan', help };

function readOptions(args: string[], io: CliIo): Options | number {
  const line = commandLine(args, io, command, {
    format: { type: 'string', short: 'f' },
    capacity: { type: 'string' },
    base: { type: 'string' },
    'stdin-name': { type: 'string' },
  });
  if (typeof line === 'number') return line;
  const format = (line.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json')
    return usage(io, command, `--format must be text, markdown or json, not '${format}'`);
  if (line.positionals.length === 0) return usage(io, command, 'give the rollout file(s) to plan');
  const capacity = readCapacity(line.values.capacity);
  if ('error' in capacity) return usage(io, command, capacity.error);
  const base = typeof line.values.base === 'string' ? { base: line.values.base } : {};
  const stdin = stdinOptions([...line.positionals, base.base], line.values, io, command);
  if (typeof stdin === 'number') return stdin;
  if (base.base === stdinPath && stdin.stdinName !== undefined)
    return usage(
      io,
      command,
      "--stdin-name names the rollout FILE read from '-'; a base read from '-' is read under FILE's own name, as any base is",
    );
  return { paths: line.positionals, format, ...capacity, ...base, ...stdin };
}
