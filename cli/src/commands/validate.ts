import {
  diagnosticsToJson,
  type FileResult,
  formatDiagnosticsText,
  isRolloutPath,
  summaryLine,
  toSarif,
  totals,
  type Unreadable,
  validateRollout,
  visibleControls,
} from '@shiftwise/core';
import { exampleTexts } from '../examples.js';
import { expandRolloutPaths, readReason } from '../files.js';
import { type CliIo, Exit, useColor } from '../io.js';
import { commandLine, readCapacity, usage } from '../options.js';
import { readSource, shownName, validateSource } from '../rollout-source.js';
import { stdinOptions, stdinPath } from '../stdin.js';

const help = `Usage: shiftwise validate [paths or globs...] [--format text|json|sarif] [--capacity N]
       render-rollout | shiftwise validate - [--stdin-name PATH]

Checks rollout files (*.rollout.yaml, *.rollout.yml, *.rollout.json) against every rule (docs/rules.md).
A folder means the rollout files under it; no path means those under the current folder. '-' reads one
rollout from standard input (up to 5 MiB, UTF-8): findings call it <stdin>, and it is JSON when its first
character is '{', else YAML (a file named '-' is ./-). SARIF to upload to code scanning needs the file's path
in the repository: shiftwise validate - --format sarif --stdin-name path/in/repo.rollout.yaml.

Options:
  -f, --format text|json|sarif
                             output (default text; sarif is SARIF 2.1.0 for code scanning)
  --capacity N               instances in the new fleet (copies of an inference component),
                             overriding each file's capacity or copies
  --stdin-name PATH          the name findings give the rollout read from '-', whose ending
                             (.json, else YAML) and file name (the default 'name') count as a file's;
                             with sarif, the path code scanning places its findings at
  -h, --help                 this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or unreadable file.
`;

/** `shiftwise validate`: reads the files at this edge, validates each with core, prints, and sets the exit code. */
export async function validate(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, io);
  if (typeof options === 'number') return options;
  const { files, failed } = await expandRolloutPaths(options.paths, io, 'validate');
  const results: FileResult[] = [];
  const unreadable: Unreadable[] = [];
  // Findings about a file's name are not about a rollout piped in.
  const piped = new Set<string>();
  for (const file of files) {
    try {
      const source = await readSource(file, io, { command: 'validate', stdinName: options.stdinName });
      const { diagnostics } = validateSource(source, options);
      // A rollout piped in with no name, which SARIF locates by no URI (core's toSarif).
      results.push({
        file: source.shown,
        text: source.read.text,
        diagnostics,
        ...(source.textOnly && { standardInput: true as const }),
      });
      if (source.piped) piped.add(source.shown);
    } catch (error) {
      const reason = readReason(error);
      const shown = shownName(file, options.stdinName);
      const nameless = file === stdinPath && options.stdinName === undefined;
      unreadable.push({ file: shown, reason, ...(nameless && { standardInput: true as const }) });
      io.stderr.write(
        `shiftwise validate: cannot read ${visibleControls(shown)}: ${visibleControls(reason)}\n`,
      );
    }
  }
  write(results, unreadable, options.format, io);
  for (const file of misnamedWithErrors(results).filter((f) => !piped.has(f))) {
    io.stderr.write(
      `shiftwise validate: ${visibleControls(file)} is not named like a rollout file (*.rollout.yaml, *.rollout.yml or *.rollout.json); if it is not one, leave it out\n`,
    );
  }
  if (unreadable.length > 0 || failed) return Exit.usage;
  return totals(results).errors > 0 ? Exit.invalid : Exit.ok;
}

/**
 * What `validate` does with a file, done on the example rollouts, with nothing written: the launcher runs it once,
 * before it writes the code cache of this command's bundle (cli/src/launch/), so the cache holds the code of every
 * provider and strategy, not only the code the first file it met took.
 */
export function warmUp(): void {
  const results = Object.entries(exampleTexts()).map(([file, text]) => {
    const { diagnostics } = validateRollout(text, { fileName: file });
    formatDiagnosticsText(diagnostics, { file, text, color: false });
    return { file, text, diagnostics };
  });
  summaryLine(results, { unreadable: 0 });
}

/**
 * Files named on the command line (or matched by a glob) that are not named like rollout files and have errors:
 * likely not rollout files at all (`validate README.md`), whose dozens of syntax errors deserve a word of why.
 */
function misnamedWithErrors(results: readonly FileResult[]): string[] {
  return results
    .filter((r) => !isRolloutPath(r.file) && r.diagnostics.some((d) => d.severity === 'error'))
    .map((r) => r.file);
}

type Format = 'text' | 'json' | 'sarif';

const command = { name: 'validate', help };

function readOptions(
  args: string[],
  io: CliIo,
): { paths: string[]; format: Format; capacity?: number; stdinName?: string } | number {
  const line = commandLine(args, io, command, {
    format: { type: 'string', short: 'f' },
    capacity: { type: 'string' },
    'stdin-name': { type: 'string' },
  });
  if (typeof line === 'number') return line;
  const format = (line.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    return usage(io, command, `--format must be text, json or sarif, not '${format}'`);
  const capacity = readCapacity(line.values.capacity);
  if ('error' in capacity) return usage(io, command, capacity.error);
  const stdin = stdinOptions(line.positionals, line.values, io, command);
  if (typeof stdin === 'number') return stdin;
  return { paths: line.positionals, format, ...capacity, ...stdin };
}

/**
 * Prints the findings; JSON and SARIF also carry the files that could not be read (stderr says it for text). In
 * SARIF a rollout piped in with no name is an artifact with no URI, which code scanning cannot place: stderr says
 * to name it.
 */
function write(
  results: readonly FileResult[],
  unreadable: readonly Unreadable[],
  format: Format,
  io: CliIo,
): void {
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(diagnosticsToJson(results, { unreadable }), null, 2)}\n`);
    return;
  }
  if (format === 'sarif') {
    io.stdout.write(`${JSON.stringify(toSarif(results, { unreadable }), null, 2)}\n`);
    if (results.some((r) => r.standardInput) || unreadable.some((u) => u.standardInput))
      io.stderr.write(
        "shiftwise validate: the SARIF locates the rollout read from '-' by no file, since it was given no name, so code scanning cannot place its findings: to upload it, name the file as it is in the repository (--stdin-name path/in/repo.rollout.yaml)\n",
      );
    return;
  }
  const color = useColor(io.env, io.stdout.isTTY);
  for (const r of results) {
    io.stdout.write(formatDiagnosticsText(r.diagnostics, { file: r.file, text: r.text, color }));
  }
  io.stdout.write(`${summaryLine(results, { unreadable: unreadable.length })}\n`);
}
