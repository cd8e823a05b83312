import { isAbsolute, join } from 'node:path';
import { type DecodedText, type Rollout, type Validation, validateRollout } from '@shiftwise/core';
import { readRolloutFile } from './files.js';
import type { CliIo } from './io.js';
import { readStdin, stdinNames, stdinPath, stdinShown, tooLargeMessage } from './stdin.js';

/** A file argument's text, and the names it goes by: a file's own path, or for `-` those of ./stdin.ts. */
export interface RolloutSource {
  readonly read: DecodedText;
  /** What findings and summaries show: the path as given, or `<stdin>` (or `--stdin-name`'s). */
  readonly shown: string;
  /** What core parses it by (`fileName`): its format and its default name. */
  readonly fileName: string | undefined;
  /** Read from standard input. */
  readonly piped: boolean;
  /** Piped with no name: the rollout names no file (`withoutFile`). */
  readonly textOnly: boolean;
  /**
   * Piped and cut at the size cap: what its too-large finding says instead of core's, whose exact size would be
   * the bytes read (`validateSource`).
   */
  readonly tooLarge?: string;
}

/**
 * Reads one file argument: `-` from standard input, anything else as a rollout file (`readRolloutFile`). Throws
 * as `readRolloutFile` does, for the command to say why (`readReason`). Nothing at all on standard input is said on
 * stderr beside its finding (the file is empty): the command piping the rollout in most likely failed.
 */
export async function readSource(
  file: string,
  io: CliIo,
  { command, stdinName }: { readonly command: string; readonly stdinName?: string },
): Promise<RolloutSource> {
  if (file !== stdinPath) {
    const read = readRolloutFile(isAbsolute(file) ? file : join(io.cwd, file));
    return { read, shown: file, fileName: file, piped: false, textOnly: false };
  }
  // stdinOptions refuses '-' without a standard input before anything is read; this is its message if not.
  if (io.stdin === undefined) throw new Error('this run was given no standard input');
  const { cut, ...read } = await readStdin(io.stdin, { command });
  const names = stdinNames(stdinName, read.text);
  if (read.text === '')
    io.stderr.write(
      `shiftwise ${command}: nothing came in on standard input: if a command pipes the rollout in, it printed nothing (look for its error above)\n`,
    );
  const tooLarge = cut && tooLargeMessage(read.fileSize ?? read.text.length, { command, name: stdinName });
  return { read, ...names, piped: true, ...(tooLarge && { tooLarge }) };
}

/**
 * Validates a source as core does a file (`validateRollout` with its name, encoding and size), with the finding
 * core cannot word for a pipe cut at the size cap (`RolloutSource.tooLarge`): "more than 5 MiB", not the bytes read.
 */
export function validateSource(
  source: RolloutSource,
  options: { readonly capacity?: number } = {},
): Validation {
  const { text, notUtf8, fileSize } = source.read;
  const validation = validateRollout(text, {
    fileName: source.fileName,
    notUtf8,
    fileSize,
    ...(options.capacity !== undefined && { capacity: options.capacity }),
  });
  const message = source.tooLarge;
  if (message === undefined) return validation;
  const diagnostics = validation.diagnostics.map((d) =>
    d.code === 'file-too-large' ? { ...d, message } : d,
  );
  return { ...validation, diagnostics };
}

/**
 * `rollout` as the source names it: a text piped in with no name was planned from text alone, so its plan names
 * no file (docs/plan.md's `file`), whatever name core read it by to tell JSON from YAML.
 */
export function withoutFile<R extends Rollout | undefined>(rollout: R, source: RolloutSource): R {
  return rollout === undefined || !source.textOnly ? rollout : ({ ...rollout, file: undefined } as R);
}

/** What a file argument is called in words about it, before it is read (`cannot read <stdin>: …`). */
export function shownName(file: string, stdinName: string | undefined): string {
  return file === stdinPath ? (stdinName ?? stdinShown) : file;
}
