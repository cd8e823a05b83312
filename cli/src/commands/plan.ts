import { isAbsolute, join } from 'node:path';
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
import { expandRolloutPaths, readReason, readRolloutFile } from '../files.js';
import { type CliIo, Exit } from '../io.js';
import { commandLine, readCapacity, usage } from '../options.js';

const help = `Usage: shiftwise plan FILE... [--capacity N] [--format text|markdown|json] [--base FILE]

Prints the step schedule of each rollout file (docs/plan.md); markdown and json also give the exact provider
request it sends.
Files with errors are not planned: their findings are printed as \`shiftwise validate\` prints them.

Options:
  --format text|markdown|json   output (default text; markdown: the plan as GitHub markdown, and with --base
                                the pull-request comment's body exactly as the GitHub Action writes it; json:
                                one file's plan object (null when not planned), or for several files an array
                                of the plans of those that planned)
  --capacity N                  instances in the new fleet (copies of an inference component), overriding
                                each file's capacity or copies
  --base FILE                   the same rollout as it was (e.g. on the base branch): says what changed
  -h, --help                    this help

Exit codes: 0 planned, 1 a file has errors, 2 usage or unreadable file.
`;

type Format = 'text' | 'markdown' | 'json';

interface Options {
  readonly paths: string[];
  readonly format: Format;
  readonly capacity?: number;
  readonly base?: string;
}

/** `shiftwise plan`: reads and validates each file at this edge, plans the valid ones with core, prints them. */
export async function plan(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, io);
  if (typeof options === 'number') return options;
  const files = await expandRolloutPaths(options.paths, io, 'plan');
  if (typeof files === 'number') return files;
  if (options.base !== undefined) {
    if (files.length !== 1)
      return usage(
        io,
        command,
        `--base compares one file with its earlier version; ${files.length} files were given`,
      );
    return planAgainstBase(files[0]!, options.base, options, io);
  }
  let exit: number = Exit.ok;
  const plans: Plan[] = [];
  for (const file of files) {
    const text = await readText(file, io);
    const head = text === undefined ? undefined : check(file, text, options, io);
    if (head === undefined) exit = Math.max(exit, text === undefined ? Exit.usage : Exit.invalid);
    else plans.push(planRollout(head, capacityOf(options)));
  }
  write(plans, undefined, options.format, io, { several: files.length > 1 });
  return exit;
}

/**
 * One file against its earlier version, checked as the GitHub Action checks a pull request's file (`fileReport`):
 * markdown is the action's comment body, also when the file has errors; text and JSON add the changes.
 */
async function planAgainstBase(file: string, basePath: string, options: Options, io: CliIo): Promise<number> {
  const text = await readText(file, io);
  const baseText = text === undefined ? undefined : await readText(basePath, io);
  if (text === undefined || baseText === undefined) return Exit.usage;
  const head = validateRollout(text, { fileName: file, ...capacityOf(options) });
  printFindings(file, text, head.diagnostics, io);
  // The base is read under the head's name, so a `name` defaulted from the file name compares equal. Only its
  // model is compared, so it is parsed, not validated: its findings are the base branch's, not this change's.
  const base = parseRollout(baseText, { fileName: file }).value;
  const report: FileReport = fileReport({ path: file, text, head, base, ...capacityOf(options) });
  if (options.format === 'markdown')
    io.stdout.write(renderPullRequestBody([report], { limit: githubCommentLimit }));
  if (options.format !== 'markdown') write(report.plan ? [report.plan] : [], report.diff, options.format, io);
  if (report.plan === undefined) return notPlanned(file, io);
  return Exit.ok;
}

async function readText(file: string, io: CliIo): Promise<string | undefined> {
  try {
    return readRolloutFile(isAbsolute(file) ? file : join(io.cwd, file));
  } catch (error) {
    io.stderr.write(
      `shiftwise plan: cannot read ${visibleControls(file)}: ${visibleControls(readReason(error))}\n`,
    );
    return undefined;
  }
}

/** Validates one file and prints its findings; the rollout when it can be planned. */
function check(file: string, text: string, options: Options, io: CliIo) {
  const { value, diagnostics } = validateRollout(text, { fileName: file, ...capacityOf(options) });
  printFindings(file, text, diagnostics, io);
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) {
    notPlanned(file, io);
    return undefined;
  }
  return value;
}

function printFindings(file: string, text: string, diagnostics: FileReport['diagnostics'], io: CliIo): void {
  const color = io.env.FORCE_COLOR !== undefined ? io.env.FORCE_COLOR !== '0' : false;
  // Findings go to stderr, so stdout stays a clean plan for pipes (`--format json | jq`).
  if (diagnostics.length > 0) io.stderr.write(formatDiagnosticsText(diagnostics, { file, text, color }));
}

function notPlanned(file: string, io: CliIo): number {
  const shown = visibleControls(file);
  io.stderr.write(
    `shiftwise plan: ${shown} has errors; fix them to see its plan (shiftwise validate ${shown})\n`,
  );
  return Exit.invalid;
}

function capacityOf(options: Options): { capacity?: number } {
  return options.capacity !== undefined ? { capacity: options.capacity } : {};
}

/**
 * Prints the plans. JSON is shaped by the number of files given, not planned: several files give an array of the
 * plans of those that planned (`[]` when none did), one file its plan object, or `null` when it was not planned;
 * either way stdout is valid JSON and the exit code and stderr say what failed.
 */
function write(
  plans: readonly Plan[],
  diff: PlanDiff | undefined,
  format: Format,
  io: CliIo,
  { several }: { several: boolean } = { several: false },
): void {
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
    io.stdout.write(plans.map((p) => renderPlanMarkdown(p)).join('\n'));
    return;
  }
  const parts = plans.map((p) => `${renderPlanText(p)}${diff ? diffText(diff) : ''}`);
  io.stdout.write(parts.join('\n'));
}

/** The changes under the text plan, or why there are none. */
function diffText(diff: PlanDiff): string {
  if (diff.isNew) return '  new file: no plan on the base to compare with (empty, or it does not parse)\n';
  if (diff.changes.length === 0) return '  no change against the base\n';
  return `  changes against the base:\n${diff.changes.map((c) => `   - ${visibleControls(changeWords(c))}\n`).join('')}`;
}

const command = { name: 'plan', help };

function readOptions(args: string[], io: CliIo): Options | number {
  const line = commandLine(args, io, command, {
    format: { type: 'string', short: 'f' },
    capacity: { type: 'string' },
    base: { type: 'string' },
  });
  if (typeof line === 'number') return line;
  const format = (line.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json')
    return usage(io, command, `--format must be text, markdown or json, not '${format}'`);
  if (line.positionals.length === 0) return usage(io, command, 'give the rollout file(s) to plan');
  const capacity = readCapacity(line.values.capacity);
  if ('error' in capacity) return usage(io, command, capacity.error);
  const base = typeof line.values.base === 'string' ? { base: line.values.base } : {};
  return { paths: line.positionals, format, ...capacity, ...base };
}
