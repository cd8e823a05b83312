// The published packages as a stranger gets them: scripts/pack.mjs stages and packs them, and each tarball is
// installed into an empty prefix of its own with npm's network refused (the registry is a closed port on
// loopback and the cache is empty), so an install that needed anything beyond the tarball would fail.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Packed {
  /** The staged folder `npm pack` ran in. */
  readonly dir: string;
  readonly tarball: string;
  readonly files: readonly { path: string; size: number }[];
}

export interface Installed extends Packed {
  readonly name: string;
  /** The prefix's `node_modules/.bin`, where the package's bins are linked. */
  readonly bin: string;
}

/**
 * npm's environment with the network refused: any registry request fails at once. The `npm_config_*` variables
 * pnpm sets for its scripts are dropped (npm would warn about the ones it does not know).
 */
export function offlineNpm(cache: string): NodeJS.ProcessEnv {
  return {
    ...withoutNpmConfig(),
    npm_config_registry: 'http://127.0.0.1:9',
    npm_config_cache: cache,
    npm_config_update_notifier: 'false',
  };
}

/** This process's environment without the `npm_config_*` variables pnpm sets. */
function withoutNpmConfig(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
}

/** Stages and packs every package into a fresh temporary folder (`scripts/pack.mjs --json`). */
export function packAll(): { out: string; packed: Packed[] } {
  const out = mkdtempSync(join(tmpdir(), 'shiftwise-packages-'));
  const json = execFileSync(process.execPath, ['scripts/pack.mjs', '--out', out, '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: withoutNpmConfig(),
  });
  return { out, packed: JSON.parse(json) as Packed[] };
}

/** Installs each tarball into its own empty prefix under `out`, offline. */
export function installAll(out: string, packed: readonly Packed[]): Installed[] {
  const cache = join(out, 'npm-cache');
  return packed.map((p) => {
    const name = (
      JSON.parse(execFileSync('tar', ['-xOzf', p.tarball, 'package/package.json'], { encoding: 'utf8' })) as {
        name: string;
      }
    ).name;
    const prefix = join(out, 'prefix', name.replace('/', '-'));
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, p.tarball], {
      cwd: prefix,
      env: offlineNpm(cache),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ...p, name, bin: join(prefix, 'node_modules/.bin') };
  });
}

/** The CLI package installed offline (and the language server's), packed fresh: for tests outside this folder. */
export function installedPackages(): { out: string; installed: Installed[] } {
  const { out, packed } = packAll();
  return { out, installed: installAll(out, packed) };
}
