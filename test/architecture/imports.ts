// Reads the imports of TypeScript sources as text: enough to check which module may use which, with no parser.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import or re-export of a source file. */
export interface ImportSite {
  /** The importing file, relative to the repository root with `/` separators. */
  readonly file: string;
  readonly line: number;
  /** As written: `yaml`, `node:fs`, `../plan/plan.js`. */
  readonly specifier: string;
  /** For a relative specifier, the imported file relative to the root (`core/src/plan/plan.ts`). */
  readonly target?: string;
  /** `import type`, `export type`, or every named specifier marked `type`: erased at build time. */
  readonly typeOnly: boolean;
}

const statement =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s*'([^']+)'/g;

/**
 * Every import of one file's text: static imports and re-exports (with whether they are type-only), imports for
 * their effect alone (`import 'x';`) and dynamic `import('…')` calls (the last two always at run time).
 *
 *   "import type { Plan } from '@shiftwise/core';" → { specifier: '@shiftwise/core', typeOnly: true }
 *   "import { type A, b } from './x.js';"           → { specifier: './x.js', typeOnly: false }
 */
export function importsOf(file: string, text: string): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const m of text.matchAll(statement)) {
    const specifier = m[4] ?? m[5] ?? m[6] ?? '';
    const typeOnly = m[4] !== undefined && (m[2] !== undefined || allNamedAreTypes(m[3] ?? ''));
    const start = (m.index ?? 0) + (m[0].match(/^\s*/)?.[0].length ?? 0);
    const line = text.slice(0, start).split('\n').length;
    const target = specifier.startsWith('.') ? targetOf(file, specifier) : undefined;
    sites.push(
      target === undefined
        ? { file, line, specifier, typeOnly }
        : { file, line, specifier, target, typeOnly },
    );
  }
  return sites;
}

/** `{ type A, type B }` imports only types; `{ type A, b }`, a default or a namespace import does not. */
function allNamedAreTypes(clause: string): boolean {
  const named = clause.match(/^\{([\s\S]*)\}$/);
  if (!named) return false;
  const parts = (named[1] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.startsWith('type '));
}

function targetOf(file: string, specifier: string): string {
  const path = join(dirname(file), specifier).replaceAll('\\', '/');
  return path.replace(/\.js$/, '.ts');
}

/** The `.ts` files under `dir` (relative to `root`), tests and bundles left out. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(resolve(root, at), { withFileTypes: true })) {
      const path = `${at}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'test', 'bench'].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** Every import of every source file under the given folders. */
export function importSites(root: string, dirs: readonly string[]): ImportSite[] {
  return dirs.flatMap((dir) =>
    sourceFiles(root, dir).flatMap((file) => importsOf(file, readFileSync(resolve(root, file), 'utf8'))),
  );
}

/** `file:line` as editors link it. */
export function where(site: ImportSite): string {
  return `${relative('.', site.file)}:${site.line}`;
}
