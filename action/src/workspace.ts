import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeUtf8, type NotUtf8 } from '@shiftwise/core';

/** The checkout: `GITHUB_WORKSPACE`, else the current folder. */
export function workspaceRoot(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

/** Folders no rollout file of the repository lives in: dependencies and git's own. */
const skipped = /(^|\/)(node_modules|\.git)(\/|$)/;

/**
 * Repository-relative paths (`/` separated, sorted) of the files under `root` that `match` accepts: regular files
 * and symbolic links (which `readWorkspaceFile` then refuses, so they are reported rather than silently missing).
 * Users' `dist/` folders are in scope; only the folder of the action's own bundle is not, when a repository runs
 * the action from its own checkout (`uses: ./action`).
 */
export async function workspacePaths(root: string, match: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const bundle = bundleFolder(root);
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) =>
      relative(root, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join('/'),
    )
    .filter((p) => !skipped.test(p) && !(bundle !== undefined && p.startsWith(`${bundle}/`)) && match(p))
    .sort();
}

/** The folder of the running bundle (`action/dist`) relative to `root`, when it is inside the checkout. */
function bundleFolder(root: string): string | undefined {
  const here = relative(root, dirname(fileURLToPath(import.meta.url)));
  return here === '' || here.startsWith('..') || here.startsWith(sep) ? undefined : here.split(sep).join('/');
}

/** A file of the checkout as the action may read it. */
export type WorkspaceFile =
  /** `notUtf8`: where its bytes stop being UTF-8, for the parser to report (`decodeUtf8`). */
  | { readonly kind: 'text'; readonly text: string; readonly notUtf8?: NotUtf8 }
  /** Not in the checkout (no checkout step, a sparse one): the caller may read it through the API. */
  | { readonly kind: 'absent' }
  /** There, but not a regular file at its own path: never read, not even through the API (which follows links). */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A file's text in the checkout, only when it is a regular file (not a symbolic link, a device or a FIFO) whose
 * real path is its own path inside the checkout (no linked folder on the way). A pull request can add
 * `x.rollout.yaml` as a link to `../deploy/.env.yaml` or `/proc/self/environ`, and what the action reads ends up
 * in annotations, the job summary and the comment.
 *
 *   rollouts/a.rollout.yaml (a file)              → { kind: 'text', text }
 *   rollouts/a.rollout.yaml → ../deploy/.env.yaml → { kind: 'refused', reason: 'it is a symbolic link …' }
 */
export async function readWorkspaceFile(root: string, path: string): Promise<WorkspaceFile> {
  const full = join(root, ...path.split('/'));
  const stat = await lstat(full).catch(() => undefined);
  if (stat === undefined) return { kind: 'absent' };
  if (stat.isSymbolicLink())
    return { kind: 'refused', reason: 'it is a symbolic link (Shiftwise reads only the file itself)' };
  if (!stat.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
  try {
    const [inside, real] = await Promise.all([realpath(root), realpath(full)]);
    if (real !== join(inside, ...path.split('/')))
      return { kind: 'refused', reason: 'it is reached through a symbolic link to a folder' };
    return { kind: 'text', ...decodeUtf8(await readFile(real)) };
  } catch {
    return { kind: 'absent' };
  }
}
