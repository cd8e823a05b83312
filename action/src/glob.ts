import { isRolloutFile, rolloutGlob } from '@shiftwise/core';

/**
 * The action's `files` input: one or more globs (newline- or comma-separated), `!` excludes. Matching is on the
 * repository-relative paths GitHub lists for a pull request, so a glob is compiled to a RegExp here rather than
 * walking a file system. Paths match in any case, as Shiftwise matches rollout file names everywhere (core's
 * `isRolloutFile`).
 *
 *   `**\/*.rollout.{yaml,yml,json}` matches `rollouts/fraud.rollout.yaml`, `a.rollout.json` and `EU.Rollout.YML`
 *   `rollouts/*.rollout.yaml`      matches `rollouts/a.rollout.yaml`, not `rollouts/eu/a.rollout.yaml`
 *   `!**\/drafts/**`                drops every file under a `drafts` folder
 *   `./rollouts/*.rollout.yaml`, `/rollouts/*.rollout.yaml` are `rollouts/*.rollout.yaml` (the root is the repository's)
 *   `rollouts/`                    matches the rollout files under `rollouts`, at any depth
 *   `!**\/drafts/**` alone          is the default files minus the drafts
 */
export const defaultFiles = rolloutGlob;

/** The globs of a `files` input: newline- or comma-separated (not the commas of `{a,b}`), `#` comments left out. */
export function globsOf(patterns: string): string[] {
  return patterns
    .split(/[\n,](?![^{]*\})/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#'));
}

/** A predicate over repository-relative paths (`/` separated, no leading `./`). */
export function pathMatcher(patterns: string): (path: string) => boolean {
  const list = globsOf(patterns);
  const includes = list.filter((p) => !p.startsWith('!'));
  const include = (includes.length > 0 ? includes : [defaultFiles]).map(compile);
  const exclude = list.filter((p) => p.startsWith('!')).map((p) => compile(p.slice(1)));
  return (path) => {
    const clean = repositoryPath(path);
    return include.some((test) => test(clean)) && !exclude.some((test) => test(clean));
  };
}

/** `./a/b` and `/a/b` as the repository-relative `a/b` that GitHub lists (leading `./` and `/`, repeated). */
function repositoryPath(path: string): string {
  return path.replace(/^(?:\.?\/)+/, '');
}

/** One glob as a test of a path, in any case; a folder (`rollouts/`) stands for its rollout files. */
function compile(glob: string): (path: string) => boolean {
  const clean = repositoryPath(glob);
  if (clean.endsWith('/') || clean === '') {
    const under = new RegExp(`${globToRegExp(`${clean}**`).source}`, 'i');
    return (path) => under.test(path) && isRolloutFile(path);
  }
  const regexp = new RegExp(globToRegExp(clean).source, 'i');
  return (path) => regexp.test(path);
}

/**
 * `**` spans folders (also none: `**\/a` matches `a`), `*` and `?` stay inside one path segment, `{a,b}` is a
 * choice, `[abc]` a class; every other character is literal. Case-sensitive: `pathMatcher` ignores case.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      out += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[' && glob.indexOf(']', i + 2) > i) {
      const end = glob.indexOf(']', i + 2);
      const body = glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = end;
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}${')'.repeat(braces)}$`);
}
