import { isAbsolute, join } from 'node:path';
import type { DecodedText, Rollout } from '@shiftwise/core';
import { readRolloutFile } from './files.js';
import type { CliIo } from './io.js';
import { readStdin, stdinNames, stdinPath, stdinShown } from './stdin.js';

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
}

/**
 * Reads one file argument: `-` from standard input, anything else as a rollout file (`readRolloutFile`). Throws
 * as `readRolloutFile` does, for the command to say why (`readReason`). A pipe cut at the size cap is said on stderr,
 * since the too-large finding can give only the bytes read, not the size of what was piped.
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
  const { cut, ...read } = await readStdin(io.stdin);
  const names = stdinNames(stdinName, read.text);
  if (cut)
    io.stderr.write(
      `shiftwise ${command}: ${names.shown} holds more than 5 MiB; reading stopped after 5 MiB and a byte, so its real size is larger than its finding says\n`,
    );
  return { read, ...names, piped: true };
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
