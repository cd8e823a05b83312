import { fstatSync } from 'node:fs';
import { type DecodedText, decodeUtf8, isFlowText } from '@shiftwise/core';
import { maxFileBytes } from './files.js';
import type { CliIo } from './io.js';
import { type CommandInfo, type OptionValues, usage } from './options.js';
import { shellWord } from './shell-word.js';

// A rollout read from standard input: `shiftwise validate -`, `render-rollout | shiftwise plan -`, or
// `git show main:r.rollout.yaml | shiftwise plan r.rollout.yaml --base -`. The same guards as a file (the size cap,
// UTF-8), and the name core reads it by chosen here, so that its format is JSON or YAML as it would be for a file.

/** The file argument that means standard input. A file named `-` is `./-`. */
export const stdinPath = '-';

/** What findings call the text piped in when `--stdin-name` gives no name. */
export const stdinShown = '<stdin>';

/** How a text read from standard input is named: for people, and for core. */
export interface StdinNames {
  /** The name findings, summaries and JSON show: `--stdin-name`'s, else `<stdin>`. */
  readonly shown: string;
  /**
   * The name core parses the text by (`ParseOptions.fileName`): it decides JSON or YAML (core's `isJsonFileName`)
   * and the `name` a file without one defaults to. Without `--stdin-name` it is undefined for YAML and
   * `rollout.json` for JSON, both of which default the name to `rollout` as a text with no file does.
   */
  readonly fileName: string | undefined;
  /**
   * No name was given: the rollout was planned from text alone, so it names no file (the plan JSON's `file` is
   * absent, as docs/plan.md says), whatever name core parsed it by.
   */
  readonly textOnly: boolean;
}

/**
 * The names of a text piped in. A name given decides the format by its ending, as a file's does; with none, a text
 * whose first character that is not white space is `{` is JSON, anything else YAML (of which JSON is a subset, so
 * JSON's stricter syntax messages are what detecting it buys).
 *
 *   given 'r/fraud.rollout.json'        → shown 'r/fraud.rollout.json', fileName 'r/fraud.rollout.json'
 *   none, text '  {"version": 1 …'      → shown '<stdin>', fileName 'rollout.json', textOnly
 *   none, text 'version: 1 …'           → shown '<stdin>', fileName undefined, textOnly
 */
export function stdinNames(given: string | undefined, text: string): StdinNames {
  if (given !== undefined) return { shown: given, fileName: given, textOnly: false };
  return { shown: stdinShown, fileName: isFlowText(text) ? 'rollout.json' : undefined, textOnly: true };
}

/**
 * The `--stdin-name` of a command line whose file arguments (the base's included) are `inputs`, or the exit code of
 * the usage error printed: `-` given twice (standard input can be read once), `-` while standard input is a
 * terminal (nothing was piped: waiting would hang with no word of why), `--stdin-name` without `-`.
 */
export function stdinOptions(
  inputs: readonly (string | undefined)[],
  values: OptionValues,
  io: CliIo,
  command: CommandInfo,
): { stdinName?: string } | number {
  const dashes = inputs.filter((i) => i === stdinPath).length;
  const name = values['stdin-name'];
  if (dashes > 1)
    return usage(
      io,
      command,
      `'-' (standard input) is given ${dashes === 2 ? 'twice' : `${dashes} times`}, and it can be read only once: give the others as files`,
    );
  if (typeof name === 'string' && dashes === 0)
    return usage(
      io,
      command,
      `--stdin-name names the rollout read from standard input, and no file argument is '-' (shiftwise ${command.name} - --stdin-name ${shellWord(name)})`,
    );
  if (name === '') return usage(io, command, '--stdin-name takes a file name, such as r/fraud.rollout.yaml');
  if (dashes === 1 && io.stdin === undefined)
    return usage(io, command, "'-' reads the rollout from standard input, and this run was given none");
  if (dashes === 1 && io.stdin?.isTTY === true)
    return usage(
      io,
      command,
      `'-' reads the rollout from standard input, and standard input is this terminal: pipe the rollout in (render-rollout | shiftwise ${command.name} -) or give its file (shiftwise ${command.name} r/fraud.rollout.yaml)`,
    );
  return typeof name === 'string' ? { stdinName: name } : {};
}

/** The rollout piped in, read as a file is: decoded as UTF-8, and no more than the size cap and one byte. */
export interface StdinText extends DecodedText {
  /** More than the cap came in through a pipe: the rest was not read, so its size is not known. */
  readonly cut?: true;
}

/**
 * Reads standard input to its end, or to 5 MiB and one byte, which is enough to refuse it as too large
 * (cli/src/files.ts, `maxFileBytes`); reading stops there, so `yes | shiftwise validate -` ends. A redirected file
 * (`< big.rollout.yaml`) gives its real size, as a file argument does; a pipe's size past the cut is not known.
 */
export async function readStdin(stdin: NonNullable<CliIo['stdin']>): Promise<StdinText> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    bytes += buffer.length;
    // Leaving the loop destroys the stream: nothing more is read.
    if (bytes > maxFileBytes) break;
  }
  const read = Buffer.concat(chunks).subarray(0, maxFileBytes + 1);
  if (read.length <= maxFileBytes) return decodeUtf8(read);
  const size = fileSize(stdin);
  // Read only in part: it may end inside a character; the parser refuses it as too large whatever it holds.
  return size === undefined
    ? { text: read.toString('utf8'), fileSize: read.length, cut: true }
    : { text: read.toString('utf8'), fileSize: size };
}

/** The size of a regular file redirected to standard input; undefined for a pipe, a terminal or a test's stream. */
function fileSize(stdin: NonNullable<CliIo['stdin']>): number | undefined {
  if (typeof stdin.fd !== 'number') return undefined;
  try {
    const info = fstatSync(stdin.fd);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}
