import { readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** The checkout: `GITHUB_WORKSPACE`, else the current folder. */
export function workspaceRoot(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

const skipped = /(^|\/)(node_modules|\.git|dist)(\/|$)/;

/** Repository-relative paths (`/` separated, sorted) of the files under `root` that `match` accepts. */
export async function workspacePaths(root: string, match: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      relative(root, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join('/'),
    )
    .filter((p) => !skipped.test(p) && match(p))
    .sort();
}

/**
 * A file's text in the checkout, or undefined when it is not there (no checkout step, a sparse one) or resolves
 * outside the checkout: a pull request can add `x.rollout.yaml` as a symlink to `/proc/self/environ`, and what
 * the action reads ends up in annotations, the job summary and the comment.
 */
export async function readWorkspaceFile(root: string, path: string): Promise<string | undefined> {
  try {
    const [inside, real] = await Promise.all([realpath(root), realpath(join(root, path))]);
    if (!real.startsWith(inside + sep)) return undefined;
    return await readFile(real, 'utf8');
  } catch {
    return undefined;
  }
}
