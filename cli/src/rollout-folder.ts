import fs from 'node:fs';
import { relative, sep } from 'node:path';
import { isRolloutPath } from '@shiftwise/core';
import { fdir } from 'fdir';

/** Folders never searched for rollout files, in any case: dependencies, git's own, and build output. */
export const skippedFolders: readonly string[] = ['node_modules', '.git', 'dist'];
const skipped = new Set(skippedFolders);

/**
 * The rollout files under `folder` (`isRolloutPath`: `*.rollout.yaml`, `.yml`, `.json` in any case), as sorted
 * `/`-separated paths relative to it. Hidden files and folders (a leading `.`), `node_modules`, `.git` and `dist`
 * (in any case) are left out; a linked folder is searched under its link's path, once, and a loop of links ends.
 * A link named like a rollout file that leads nowhere (its target is gone, or it is a loop) is listed too, so that
 * reading it reports it as unreadable: a file that cannot be read is never left out (README.md).
 *
 * A folder walk with a name test, not a glob: `rolloutGlob` says the same, but loading picomatch and compiling
 * the glob took about 6 ms of a 95 ms `shiftwise validate examples/` on Node 24 (docs/performance.md).
 *
 *   rolloutFilesUnder('/repo') → ['rollouts/EU.Rollout.YML', 'rollouts/fraud.rollout.yaml', 'x.rollout.json']
 */
export async function rolloutFilesUnder(folder: string): Promise<string[]> {
  const broken: string[] = [];
  // fdir resolves each link with `realpath` and drops one that fails: the failures named like rollout files are kept.
  const realpath: typeof fs.realpath = ((
    path: string,
    callback: (error: Error | null, real?: string) => void,
  ) =>
    fs.realpath(path, (error, real) => {
      const name = relative(folder, path).split(sep).join('/');
      if (error && isRolloutPath(name) && !hidden(name)) broken.push(name);
      callback(error, real);
    })) as typeof fs.realpath;
  const found = await new fdir({
    relativePaths: true,
    pathSeparator: '/',
    resolveSymlinks: true,
    useRealPaths: false,
    exclude: (name) => name.startsWith('.') || skipped.has(name.toLowerCase()),
    filters: [(path, isFolder) => !isFolder && isRolloutPath(path) && !hidden(path)],
    fs: { ...walkFs, realpath },
  })
    .crawl(folder)
    .withPromise();
  return [...(found as string[]), ...broken].sort();
}

/** What fdir reads the tree with: Node's own calls, through `realpath` above. */
const walkFs = {
  readdir: fs.readdir,
  readdirSync: fs.readdirSync,
  realpathSync: fs.realpathSync,
  stat: fs.stat,
  statSync: fs.statSync,
};

/** A file whose own name starts with `.` (folders are skipped by `exclude`). */
function hidden(path: string): boolean {
  return path.slice(path.lastIndexOf('/') + 1).startsWith('.');
}
