// Runs benchmarks (`*.bench.ts`) one after another. Benchmarks measure; they never pass or fail on a figure.
// Usage: node scripts/bench.mjs [folder or file...]   default: bench/ and language-server/bench/ (`pnpm bench`);
// `pnpm bench:lsp` runs the language server's alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['bench', 'language-server/bench'];
const files = roots
  .filter((r) => existsSync(r))
  .flatMap((r) =>
    statSync(r).isFile()
      ? [r]
      : readdirSync(r)
          .filter((f) => f.endsWith('.bench.ts'))
          .map((f) => join(r, f)),
  )
  .sort();
if (files.length === 0) {
  console.error(`no benchmarks under ${roots.join(', ')}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', file], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
