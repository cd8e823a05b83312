// Loads a CommonJS bundle of the CLI with V8's code cache kept on disk, written after the command has run.
//
// Node's own compile cache (module.enableCompileCache) keeps what V8 compiled before a module ran: the top level,
// not the functions compiled on their first call, so every later run compiled those again (a third of a `validate`
// of ten files). V8 can serialize a script's code after it ran, with every function compiled by then
// (`vm.Script#createCachedData`), but only for a script, not an ES module: so each command is a CommonJS bundle
// (scripts/build.mjs), run here as a script. docs/performance.md gives what it saves.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Where a bundle's code cache lives, or undefined when caching is off. */
export interface CacheOptions {
  /**
   * NODE_COMPILE_CACHE (a folder) and NODE_DISABLE_COMPILE_CACHE, read as Node reads them for its own cache; and
   * CI, which most CI services set.
   */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The folder of the CLI's code caches, or undefined when caching is off: NODE_DISABLE_COMPILE_CACHE, or CI without
 * NODE_COMPILE_CACHE (a CI job mostly starts from a fresh disk, where writing a cache is work no later run reads: a
 * CI that keeps a folder names it in NODE_COMPILE_CACHE). By default a folder of this user's own in the OS temp
 * folder, made if missing; a cache holds code to run, so a folder another user owns or may write to is not used.
 *
 *   NODE_COMPILE_CACHE unset, uid 1000 → /tmp/shiftwise-code-cache-1000;  NODE_COMPILE_CACHE=/c → /c/shiftwise
 */
export function cacheFolderOf({ env }: CacheOptions): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE || (env.CI && !env.NODE_COMPILE_CACHE)) return undefined;
  const uid = process.getuid?.();
  const folder = env.NODE_COMPILE_CACHE
    ? join(env.NODE_COMPILE_CACHE, 'shiftwise')
    : join(tmpdir(), `shiftwise-code-cache${uid === undefined ? '' : `-${uid}`}`);
  for (const level of [dirname(folder), folder]) {
    // One level at a time: a recursive mkdir can spin on a path it cannot make (under /proc).
    try {
      mkdirSync(level, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
  }
  // Windows has no owner or mode bits to read here (its temp folder is the user's own).
  if (process.platform === 'win32') return folder;
  const { uid: owner, mode } = statSync(folder);
  const private_ = (uid === undefined || owner === uid) && (mode & 0o022) === 0;
  return private_ ? folder : undefined;
}

/**
 * The cache file of `file` in `folder`. The name tells builds apart (the Node version, the bundle's size and
 * modification time), so that two installs used in turn each keep their own; the file itself holds the bundle's
 * text beside V8's data, since V8 checks only its own version and flags and the source's length.
 *
 *   /work/cli/dist/validate.cjs → /tmp/shiftwise-code-cache-1000/validate-v24.22.3-x64-467843-1733390000000.cache
 */
export function cacheFileOf(file: string, folder: string): string {
  const { size, mtimeMs } = statSync(file);
  return join(
    folder,
    `${basename(file, '.cjs')}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.cache`,
  );
}

/** A loaded bundle: its exports, and what became of its cache. */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  readonly cache: 'used' | 'written at exit' | 'off';
}

/**
 * Runs the CommonJS bundle at `file` as `require` would, and returns its exports. With a cache file from an earlier
 * run that holds this very bundle, V8 takes the compiled code from it; without one (or when V8 refuses it: another
 * Node, other flags), the cache is written when the process exits, after the command, so it holds every function
 * the run compiled. A cache that cannot be read or written is no cache: the bundle runs as it would without one.
 */
export function loadBundle(file: string, options: CacheOptions): LoadedBundle {
  // Node maps stack traces through source maps (--enable-source-maps) only for what its loaders load.
  if (process.sourceMapsEnabled) return { exports: createRequire(file)(file), cache: 'off' };
  const bytes = readFileSync(file);
  const folder = safely(() => cacheFolderOf(options));
  const cacheFile = folder === undefined ? undefined : safely(() => cacheFileOf(file, folder));
  const cachedData =
    cacheFile === undefined ? undefined : safely(() => v8DataOf(readFileSync(cacheFile), bytes));
  // The wrapper of Node's CommonJS loader, so the bundle sees what a required file sees; on a line of its own, so
  // that a stack trace gives the file's own lines and columns.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${bytes}\n})`, {
    filename: file,
    lineOffset: -1,
    ...(cachedData && { cachedData }),
  });
  const used = cachedData !== undefined && script.cachedDataRejected !== true;
  if (cacheFile !== undefined && !used)
    process.once('exit', () =>
      safely(() => writeAtomically(cacheFile, cacheOf(bytes, script.createCachedData()))),
    );
  const module = { exports: {} as Record<string, unknown> };
  const wrapped = script.runInThisContext() as (...args: unknown[]) => void;
  wrapped.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cache: cacheFile === undefined ? 'off' : used ? 'used' : 'written at exit',
  };
}

/** A cache file: the bundle's length (4 bytes), its text, then V8's data. */
function cacheOf(bundle: Buffer, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bundle.length);
  return Buffer.concat([length, bundle, data]);
}

/** V8's data from a cache file, when the file was written for exactly `bundle`; else undefined. */
function v8DataOf(cache: Buffer, bundle: Buffer): Buffer | undefined {
  if (cache.length < 4 || cache.readUInt32LE(0) !== bundle.length) return undefined;
  const end = 4 + bundle.length;
  return cache.subarray(4, end).equals(bundle) ? cache.subarray(end) : undefined;
}

/** Written beside, then renamed: a run reading the cache while another writes it sees a whole file or none. */
function writeAtomically(path: string, data: Buffer): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, data, { mode: 0o600 });
  renameSync(partial, path);
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
