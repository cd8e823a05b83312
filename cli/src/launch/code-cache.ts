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
 * The cache file of `file`, or undefined when caching is off: NODE_DISABLE_COMPILE_CACHE, or CI without
 * NODE_COMPILE_CACHE (a CI job mostly starts from a fresh disk, where writing a cache is work no later run reads: a
 * CI that keeps a folder names it in NODE_COMPILE_CACHE). The name carries what V8 does not check: the bundle's
 * size and modification time (V8 checks its own version and flags, and of the source only its length). A rebuilt
 * bundle gets a file of its own; old ones are left to the OS's temp cleaning.
 *
 *   /work/cli/dist/validate.cjs → /tmp/node-compile-cache/shiftwise/validate-v24.22.3-x64-821130-1733390000000.cache
 */
export function cacheFileOf(file: string, { env }: CacheOptions): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE || (env.CI && !env.NODE_COMPILE_CACHE)) return undefined;
  const { size, mtimeMs } = statSync(file);
  const folder = join(env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache'), 'shiftwise');
  const name = `${basename(file, '.cjs')}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.cache`;
  return join(folder, name);
}

/** A loaded bundle: its exports, and what became of its cache. */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  readonly cache: 'used' | 'written at exit' | 'off';
}

/**
 * Runs the CommonJS bundle at `file` as `require` would, and returns its exports. With a cache file from an earlier
 * run, V8 takes the compiled code from it; without one (or when V8 refuses it: another Node, other flags), the
 * cache is written when the process exits, after the command, so it holds every function the run compiled. A
 * cache that cannot be read or written is no cache: the bundle runs as it would without one.
 */
export function loadBundle(file: string, options: CacheOptions): LoadedBundle {
  // Node maps stack traces through source maps (--enable-source-maps) only for what its loaders load.
  if (process.sourceMapsEnabled) return { exports: createRequire(file)(file), cache: 'off' };
  const source = readFileSync(file, 'utf8');
  const cacheFile = safely(() => cacheFileOf(file, options));
  const cachedData = cacheFile === undefined ? undefined : safely(() => readFileSync(cacheFile));
  // The wrapper of Node's CommonJS loader, so the bundle sees what a required file sees; on a line of its own, so
  // that a stack trace gives the file's own lines and columns.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
    ...(cachedData && { cachedData }),
  });
  const used = cachedData !== undefined && script.cachedDataRejected !== true;
  if (cacheFile !== undefined && !used)
    process.once('exit', () => safely(() => writeAtomically(cacheFile, script.createCachedData())));
  const module = { exports: {} as Record<string, unknown> };
  const wrapped = script.runInThisContext() as (...args: unknown[]) => void;
  wrapped.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cache: cacheFile === undefined ? 'off' : used ? 'used' : 'written at exit',
  };
}

/** Written beside, then renamed: a run reading the cache while another writes it sees a whole file or none. */
function writeAtomically(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
