import { isRolloutPath } from '@shiftwise/core';
import { fdir } from 'fdir';

/** Folders never searched for rollout files, in any case: dependencies, git's own, and build output. */
export const skippedFolders: readonly string[] = ['node_modules', '.git', 'dist'];
const skipped = new Set(skippedFolders);

/**
 * The rollout files under `folder` (`isRolloutPath`: `*.rollout.yaml`, `.yml`, `.json` in any case), as sorted
 * `/`-separated paths relative to it. Hidden files and folders (a leading `.`), `node_modules`, `.git` and `dist`
 * (in any case) are left out; a linked folder is searched under its link's path, once, and a loop of links ends.
 *
 * A folder walk with a name test, not a glob: `rolloutGlob` says the same, but loading picomatch and compiling
 * the glob took about 6 ms of a 95 ms `shiftwise validate examples/` on Node 24 (docs/performance.md).
 *
 *   rolloutFilesUnder('/repo') → ['rollouts/EU.Rollout.YML', 'rollouts/fraud.rollout.yaml', 'x.rollout.json']
 */
export async function rolloutFilesUnder(folder: string): Promise<string[]> {
  const found = await new fdir({
    relativePaths: true,
    pathSeparator: '/',
    resolveSymlinks: true,
    useRealPaths: false,
    exclude: (name) => name.startsWith('.') || skipped.has(name.toLowerCase()),
    filters: [(path, isFolder) => !isFolder && isRolloutPath(path) && !hidden(path)],
  })
    .crawl(folder)
    .withPromise();
  return (found as string[]).sort();
}

/** A file whose own name starts with `.` (folders are skipped by `exclude`). */
function hidden(path: string): boolean {
  return path.slice(path.lastIndexOf('/') + 1).startsWith('.');
}
