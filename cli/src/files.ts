import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { type DecodedText, decodeUtf8, rolloutGlob, visibleControls } from '@shiftwise/core';
import type { CliIo } from './io.js';
import { rolloutFilesUnder, skippedFolders } from './rollout-folder.js';

// Finding and reading rollout files: the file-system edge every command shares. Which files are rollout files is
// core's rule (`rolloutGlob`, names in any case, as `isRolloutFile` says).
// A glob skips what a folder walk skips.
const ignore = skippedFolders.map((folder) => `**/${folder}/**`);

/** The rollout files a command was given, and how the user asked for them. */
export interface RolloutPaths {
  /**
   * The files to read, in the order given, each once. A path that names nothing is kept as a file: reading it
   * fails, and the command reports it like any file it cannot read.
   */
  readonly files: string[];
  /** More than one path, a folder or a glob: the user asked for a list (`--format json` prints an array). */
  readonly several: boolean;
  /** A glob matched nothing, or no rollout file was found at all (said on stderr): the run exits 2. */
  readonly failed: boolean;
}

/**
 * The files to check, in the order given: a file as is, a folder as the rollout files under it, a glob
 * as its matches (sorted), a path that names nothing as a file that will fail to read. Nothing given: the rollout
 * files under the current folder. What finds no file is said on stderr and makes `failed`, never ends the run: the
 * command still reads the rest and prints its output (valid JSON included).
 */
export async function expandRolloutPaths(paths: string[], io: CliIo, command: string): Promise<RolloutPaths> {
  const wanted = paths.length > 0 ? paths : ['.'];
  const files: string[] = [];
  let failed = false;
  let list = wanted.length > 1;
  for (const path of wanted) {
    const found = await expandOne(path, io);
    if (typeof found === 'string') {
      io.stderr.write(`shiftwise ${command}: ${visibleControls(found)}\n`);
      failed = true;
      list = true;
      continue;
    }
    list ||= found.kind !== 'file';
    files.push(...found.files);
  }
  const unique = [...new Set(files)];
  if (unique.length === 0 && !failed) {
    io.stderr.write(
      `shiftwise ${command}: no rollout files found under ${visibleControls(wanted.join(', '))} (looked for ${rolloutGlob})\n`,
    );
    failed = true;
  }
  return { files: unique, several: list, failed };
}

interface Found {
  /** What the path named: a file (or nothing: it will fail to read), a folder or a glob. */
  readonly kind: 'file' | 'dir' | 'glob';
  readonly files: string[];
}

async function expandOne(path: string, io: CliIo): Promise<Found | string> {
  // Standard input (./stdin.ts): a file the command reads from the pipe; a file named '-' is './-'.
  if (path === '-') return { kind: 'file', files: [path] };
  const absolute = isAbsolute(path) ? path : join(io.cwd, path);
  const kind = kindOf(absolute);
  if (kind === 'file') return { kind, files: [path] };
  if (kind === 'dir') {
    const found = await rolloutFilesUnder(absolute);
    return { kind, files: found.map((f) => (path === '.' ? f : join(path, f))) };
  }
  // Loaded only for a glob: compiling one costs more than validating a file.
  const { glob, isDynamicPattern } = await import('tinyglobby');
  if (isDynamicPattern(path)) {
    const found = await glob(path, { cwd: io.cwd, ignore, absolute: isAbsolute(path) });
    if (found.length === 0) return `no files match '${path}'`;
    return { kind: 'glob', files: found.sort().map((f) => (isAbsolute(f) ? relative(io.cwd, f) || f : f)) };
  }
  // Missing, a path through a file, a loop of links: reading it says why.
  return { kind: 'file', files: [path] };
}

/** A folder, something else, or nothing that can be looked at (missing, a link loop, a path through a file). */
function kindOf(path: string): 'dir' | 'file' | undefined {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * The parser's file-too-large limit: 5 MiB of UTF-8 bytes, core's `limits.maxFileBytes` (core/src/parse/limits.ts,
 * which core's entry point does not export; cli/test/read-rollout-file.test.ts holds the two equal). A file of
 * more bytes is refused whole whatever it holds, so no more than one byte past the limit is ever read: enough to
 * decide, and the finding gives the file's real size, from `fstat`.
 */
export const maxFileBytes = 5 * 1024 * 1024;

/**
 * A rollout file's text, read only when it is a regular file: a FIFO, a device or a socket named like a rollout
 * file is refused at once (opened without waiting, checked on the open file), and no more than 5 MiB and one byte
 * are read, so a link to /dev/zero or a pipe never hangs or fills memory. A file over 5 MiB comes back with its
 * start only and its size (`fileSize`), which the parser reports as too large.
 *
 * Synchronous: a command reads its files one after another anyway, and each of the four calls made
 * asynchronously is a round trip through libuv's thread pool, a millisecond of CPU per file, about as much as
 * validating it (docs/performance.md).
 */
export function readRolloutFile(path: string): DecodedText {
  const fd = openForReading(path);
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!info.isFile())
      throw Object.assign(new Error('not a regular file (a pipe, device or socket)'), { code: 'ENOTREG' });
    const buffer = Buffer.alloc(Math.min(info.size, maxFileBytes + 1));
    let bytesRead = 0;
    while (bytesRead < buffer.length) {
      const n = readSync(fd, buffer, bytesRead, buffer.length - bytesRead, bytesRead);
      if (n === 0) break;
      bytesRead += n;
    }
    const bytes = buffer.subarray(0, bytesRead);
    // A file read only in part (over the limit) may end inside a character; the parser refuses it as too large.
    if (info.size > maxFileBytes) return { text: bytes.toString('utf8'), fileSize: info.size };
    return decodeUtf8(bytes);
  } finally {
    closeSync(fd);
  }
}

/** Opens `path` for reading; a link whose target is gone fails as such (ENOENT says only "no such file"). */
function openForReading(path: string): number {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' &&
      lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()
    )
      throw Object.assign(new Error('a symbolic link to a file that does not exist'), { code: 'ENOTREG' });
    throw error;
  }
}

/** Why a file could not be read, in words. */
export function readReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTREG') return error.message;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'ENOTDIR') return 'no such file (a part of its path is a file, not a folder)';
    if (code === 'ELOOP') return 'a loop of symbolic links';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'is a folder';
    return error.message;
  }
  return String(error);
}
