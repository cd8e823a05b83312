// The CLI's entry (cli/bin/shiftwise.js imports it as cli/dist/shiftwise.js): picks the bundle of the command and
// runs its `main` with V8's code cache (./code-cache.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOf, bundles } from './bundles.js';
import { loadBundle } from './code-cache.js';

type Main = (argv: string[]) => Promise<number>;
type WarmUp = (command: string | undefined) => Promise<void>;

/**
 * Runs one command line from the bundles beside this file; returns the exit code (README.md, "The CLI"). When the
 * bundle's code cache is to be written (its first run, or a new Node), the bundle's command then does its work once
 * more on the example rollouts (`warmUp` in main.ts), so that the cache holds every path, not only this run's; a
 * failure there only leaves the cache smaller.
 */
export async function run(argv: string[]): Promise<number> {
  const folder = fileURLToPath(new URL('.', import.meta.url));
  const bundle = bundleOf(argv[0]);
  const { exports, cache } = loadBundle(join(folder, `${bundle}.cjs`), { env: process.env });
  const code = await (exports.main as Main)(argv);
  // The bundle's own command, whatever ran: `shiftwise --help` runs from validate's bundle, and a cache written
  // after help alone would serve every later `validate` without validate's code.
  if (cache === 'written at exit')
    await Promise.resolve()
      .then(() => (exports.warmUp as WarmUp)(bundles[bundle]?.[0]))
      .catch(() => undefined);
  return code;
}
