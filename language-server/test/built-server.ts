// The built server (`node scripts/build.mjs language-server` → language-server/dist/server.js), rebuilt when
// a source of the language server or of core, or the build, is newer. Test files run in parallel processes, so
// the build is serialised with a lock directory: a second process waits for the first one's bundle instead of
// racing it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const serverPath = join(repoRoot, 'language-server/dist/server.js');
const lock = join(repoRoot, 'language-server/dist/.build-lock');

/** The path of an up-to-date built server. */
export function builtServer(): string {
  if (!stale()) return serverPath;
  mkdirSync(join(repoRoot, 'language-server/dist'), { recursive: true });
  const deadline = Date.now() + 60_000;
  while (!tryLock()) {
    if (Date.now() > deadline) throw new Error(`could not take ${lock}; remove it if no build runs`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  try {
    if (stale()) build();
  } finally {
    rmdirSync(lock);
  }
  return serverPath;
}

function tryLock(): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    return false;
  }
}

function build(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', 'language-server'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}${result.stdout}`);
}

function stale(): boolean {
  if (!existsSync(serverPath)) return true;
  const built = statSync(serverPath).mtimeMs;
  // scripts/ holds the build itself (build.mjs and the start-up rewrite it runs on the server's bundle).
  return ['language-server/src', 'core/src', 'scripts'].some((dir) => newerThan(join(repoRoot, dir), built));
}

function newerThan(dir: string, time: number): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time;
  });
}
