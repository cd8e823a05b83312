import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import {
  changeWords,
  diffPlans,
  formatDiagnosticsText,
  type Plan,
  plan as planRollout,
  planToJson,
  renderPlanDiffMarkdown,
  renderPlanMarkdown,
  renderPlanText,
  validateRollout,
  visibleControls,
} from '@shiftwise/core';
import { expandRolloutPaths, readReason } from '../files.js';
import { type CliIo, Exit } from '../io.js';
import { commandLine, readCapacity, usage } from '../options.js';

const help = `Usage: shiftwise plan FILE... [--capacity N] [--format text|markdown|json] [--base FILE]

Prints the step schedule of each rollout file and the exact provider request it sends (docs/plan.md).
Files with errors are not planned: their findings are printed as \`shiftwise validate\` prints them.

Options:
  --format text|markdown|json   output (default text; markdown as the pull-request comment; json: one object
                                per file, an array for several)
  --capacity N                  instances in the new fleet, overriding each file's capacity
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
  if (options.base !== undefined && files.length !== 1)
    return usage(
      io,
      command,
      `--base compares one file with its earlier version; ${files.length} files were given`,
    );
  let exit: number = Exit.ok;
  const plans: Plan[] = [];
  for (const file of files) {
    const planned = await planFile(file, options, io);
    if (typeof planned === 'number') exit = Math.max(exit, planned);
    else plans.push(planned);
  }
  const base = options.base === undefined ? undefined : await planFile(options.base, options, io);
  if (typeof base === 'number') return Math.max(exit, base);
  write(plans, base, options.format, io);
  return exit;
}

/** Reads, validates and plans one file; a number is the exit code of a file that cannot be planned. */
async function planFile(file: string, options: Options, io: CliIo): Promise<Plan | number> {
  let text: string;
  try {
    text = await readFile(isAbsolute(file) ? file : join(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr.write(`shiftwise plan: cannot read ${file}: ${readReason(error)}\n`);
    return Exit.usage;
  }
  const capacity = options.capacity !== undefined ? { capacity: options.capacity } : {};
  const { value, diagnostics } = validateRollout(text, { fileName: file, ...capacity });
  const color = io.env.FORCE_COLOR !== undefined ? io.env.FORCE_COLOR !== '0' : false;
  // Findings go to stderr, so stdout stays a clean plan for pipes (`--format json | jq`).
  if (diagnostics.length > 0) io.stderr.write(formatDiagnosticsText(diagnostics, { file, text, color }));
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(
      `shiftwise plan: ${file} has errors; fix them to see its plan (shiftwise validate ${file})\n`,
    );
    return Exit.invalid;
  }
  return planRollout({ ...value, file }, capacity);
}

function write(plans: readonly Plan[], base: Plan | undefined, format: Format, io: CliIo): void {
  const diff = plans.length === 1 && base !== undefined ? diffPlans(base, plans[0]!) : undefined;
  if (format === 'json') {
    const json = plans.map((p) => ({
      ...planToJson(p),
      ...(diff && { diff: diff.changes.map(changeWords) }),
    }));
    if (json.length > 0) io.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
    return;
  }
  if (format === 'markdown') {
    const parts = plans.map(
      (p) => `${renderPlanMarkdown(p)}${diff ? `\n${renderPlanDiffMarkdown(diff)}\n` : ''}`,
    );
    io.stdout.write(parts.join('\n'));
    return;
  }
  const parts = plans.map((p) => {
    const changes = diff
      ? diff.changes.length === 0
        ? '  no change against the base\n'
        : `  changes against the base:\n${diff.changes.map((c) => `   - ${visibleControls(changeWords(c))}\n`).join('')}`
      : '';
    return `${renderPlanText(p)}${changes}`;
  });
  io.stdout.write(parts.join('\n'));
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
