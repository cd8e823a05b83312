// Runs node's test runner over the TypeScript tests of the given folders (default: every package).
// Usage: node scripts/test.mjs [folder...]   e.g. `pnpm test core` or `pnpm test test/e2e`
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['core', 'cli', 'sandbox', 'action', 'language-server', 'extension', 'test'];
const skip = new Set(['node_modules', 'dist', '.cache', 'testdata', 'editor']);

/** Test files are `*.test.ts`; the real-editor suite has its own command (`pnpm test:editor`). */
function collect(dir) {
  if (statSync(dir).isFile()) return dir.endsWith('.test.ts') ? [dir] : [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (skip.has(e.name)) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? collect(path) : e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = roots.flatMap((r) => collect(r)).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--conditions=source', '--test', '--test-reporter=spec', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
