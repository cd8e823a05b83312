import { readdir, readFile } from 'node:fs/promises';
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

/** A file's text in the checkout, or undefined when it is not there (no checkout step, or a sparse one). */
export async function readWorkspaceFile(root: string, path: string): Promise<string | undefined> {
  return readFile(join(root, path), 'utf8').catch(() => undefined);
}
