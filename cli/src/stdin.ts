import { fstatSync, type Stats } from 'node:fs';
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
  /**
   * More than the cap came in through a pipe: the rest was not read, so its size is not known, and its too-large
   * finding says so (`tooLargeMessage`) instead of core's exact size of a file.
   */
  readonly cut?: true;
}

/**
 * Reads standard input to its end, or to 5 MiB and one byte, which is enough to refuse it as too large
 * (cli/src/files.ts, `maxFileBytes`); reading stops there, so `yes | shiftwise validate -` ends. A redirected file
 * (`< big.rollout.yaml`) gives its real size, as a file argument does; a pipe's size past the cut is not known.
 * A folder (`< examples`) is refused, as a file argument that is a folder cannot be read: Node reads a folder on
 * standard input as empty, which would be reported as an empty rollout. Anything else is read as it comes (a pipe,
 * a socket, a device); /dev/null and a closed standard input (Node opens /dev/null in its place) are empty, as an
 * empty file is.
 */
export async function readStdin(
  stdin: NonNullable<CliIo['stdin']>,
  { command }: { readonly command: string },
): Promise<StdinText> {
  const info = statOf(stdin);
  if (info?.isDirectory())
    throw Object.assign(
      new Error(
        `standard input is a folder, not a rollout file; to check the rollout files in a folder, give its path (shiftwise ${command} examples/)`,
      ),
      { code: 'ENOTREG' },
    );
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
  // Read only in part: it may end inside a character; the parser refuses it as too large whatever it holds.
  return info?.isFile()
    ? { text: read.toString('utf8'), fileSize: info.size }
    : { text: read.toString('utf8'), fileSize: read.length, cut: true };
}

/** What standard input is (`fstat`); undefined when there is no descriptor to ask (a test's stream). */
function statOf(stdin: NonNullable<CliIo['stdin']>): Stats | undefined {
  if (typeof stdin.fd !== 'number') return undefined;
  try {
    return fstatSync(stdin.fd);
  } catch {
    return undefined;
  }
}

/**
 * The too-large finding of a pipe cut at the cap (`StdinText.cut`), in place of core's, which states an exact size
 * (the bytes read) that the pipe's is not: a lower bound, the cap, and what to do.
 *
 *   5,242,881 bytes read, validate, no name → 'standard input holds more than 5 MiB (reading stopped at 5,242,881
 *     bytes); a rollout file must be at most 5 MiB (5,242,880 bytes; they are usually under 1 KiB): split it into
 *     smaller rollouts, or save it to a file and give its path (shiftwise validate r/fraud.rollout.yaml), which
 *     reads its real size'
 */
export function tooLargeMessage(
  bytesRead: number,
  { command, name }: { command: string; name?: string },
): string {
  const bytes = (n: number) => n.toLocaleString('en-US');
  return (
    `standard input holds more than 5 MiB (reading stopped at ${bytes(bytesRead)} bytes); a rollout file must be at ` +
    `most 5 MiB (${bytes(maxFileBytes)} bytes; they are usually under 1 KiB): split it into smaller rollouts, or ` +
    `save it to a file and give its path (shiftwise ${command} ${shellWord(name ?? 'r/fraud.rollout.yaml')}), ` +
    'which reads its real size'
  );
}
