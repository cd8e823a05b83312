// Stages the npm packages a stranger can install, and packs them: `node scripts/pack.mjs [--out dir] [--no-tarball]`.
// The workspace packages (cli/, language-server/) depend on each other through `workspace:*` and export TypeScript
// through the `source` condition, so they cannot be published as they are. This script bundles their entry
// points with scripts/build.mjs's own targets (every npm dependency inside, no source maps) into a folder per
// package, writes a published manifest there (the source manifest's publish metadata, the bins, `files`, no
// dependencies at all), adds README, LICENSE and the JSON Schema, and runs `npm pack` on it. docs/packages.md
// explains the layout; test/packages/ installs the tarballs offline and runs them.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTarget, targets } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The language server's launcher: Node's compile cache first, then the bundle (as scripts/build.mjs writes it). */
const serverLauncher = `// The compile cache first, so that it can serve the bundle (server-main.js).
import module from 'node:module';

try {
  module.enableCompileCache?.();
} catch {}
await import('./server-main.js');
`;

/** A bin that imports the bundle at `path` (relative to bin/). */
const bin = (path) =>
  `#!/usr/bin/env node\n// The bundle is the code; this file only starts it.\nimport '${path}';\n`;

/**
 * The published packages. `source` is the workspace manifest whose publish metadata (name, version, description,
 * keywords, license, repository, homepage, bugs, engines) the published one keeps; `bins` are written as given.
 */
export const packages = [
  {
    source: 'cli',
    readme: 'cli/README.md',
    bundles: [
      { target: 'cli/dist/shiftwise.js', into: 'dist/shiftwise.js' },
      { target: 'language-server/dist/server.js', into: 'dist/language-server/server.js' },
    ],
    bins: {
      shiftwise: { path: 'bin/shiftwise.js', copy: 'cli/bin/shiftwise.js' },
      'shiftwise-language-server': {
        path: 'bin/shiftwise-language-server.js',
        text: bin('../dist/language-server/server.js'),
      },
    },
  },
  {
    source: 'language-server',
    readme: 'language-server/README.md',
    bundles: [{ target: 'language-server/dist/server.js', into: 'dist/server.js' }],
    bins: {
      'shiftwise-language-server': {
        path: 'bin/shiftwise-language-server.js',
        text: bin('../dist/server.js'),
      },
    },
  },
];

const kept = [
  'name',
  'version',
  'description',
  'keywords',
  'homepage',
  'bugs',
  'license',
  'repository',
  'engines',
];

/** The manifest npm publishes: publish metadata only, no `private`, `exports` or (dev)dependencies. */
export function publishedManifest(source, pkg) {
  const manifest = Object.fromEntries(kept.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
  return {
    ...manifest,
    type: 'module',
    bin: Object.fromEntries(Object.entries(pkg.bins).map(([name, b]) => [name, b.path])),
    files: ['bin/', 'dist/', 'schema/rollout.schema.json'],
    publishConfig: { access: 'public' },
  };
}

/** Bundles one target of scripts/build.mjs into `outfile`, without source maps (rewritten as it says). */
async function bundle(target, outfile) {
  const t = targets.find((c) => c.outfile === target);
  if (!t) throw new Error(`scripts/build.mjs has no target ${target}`);
  const { sourcemap: _, ...rest } = t;
  await buildTarget({ ...rest, outfile, logLevel: 'error' });
  if (t.launcher) writeFileSync(outfile, serverLauncher);
}

/** Stages one package into `<out>/<folder>` and returns that folder. */
export async function stage(pkg, out) {
  const source = JSON.parse(readFileSync(join(root, pkg.source, 'package.json'), 'utf8'));
  const dir = join(out, source.name.replace('@', '').replace('/', '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const b of pkg.bundles) await bundle(b.target, join(dir, b.into));
  for (const b of Object.values(pkg.bins)) {
    const path = join(dir, b.path);
    writeFileSync(path, b.copy ? readFileSync(join(root, b.copy), 'utf8') : b.text);
    chmodSync(path, 0o755);
  }
  mkdirSync(join(dir, 'schema'));
  copyFileSync(join(root, 'core/schema/rollout.schema.json'), join(dir, 'schema/rollout.schema.json'));
  copyFileSync(join(root, pkg.readme), join(dir, 'README.md'));
  copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(publishedManifest(source, pkg), null, 2)}\n`);
  return dir;
}

/** `npm pack` of a staged folder into `out`: the tarball's path and its files (path and size), from npm's JSON. */
export function npmPack(dir, out) {
  const [result] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }),
  );
  return {
    tarball: join(out, result.filename),
    files: result.files.map((f) => ({ path: f.path, size: f.size })),
  };
}

/** Stages and packs every package into `out`. Run from the repository root (the build's paths are relative). */
export async function packAll(out, { tarball = true } = {}) {
  process.chdir(root);
  mkdirSync(out, { recursive: true });
  const staged = [];
  for (const pkg of packages) {
    const dir = await stage(pkg, out);
    staged.push({ dir, ...(tarball ? npmPack(dir, out) : {}) });
  }
  return staged;
}

// `--json` prints what packAll returns (the staged folders, tarballs and their files) for the tests.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = resolve(at === -1 ? join(root, 'dist/packages') : args[at + 1]);
  const packed = await packAll(out, { tarball: !args.includes('--no-tarball') });
  if (args.includes('--json')) console.log(JSON.stringify(packed));
  else
    for (const p of packed) {
      console.log(p.tarball ?? p.dir);
      for (const f of p.files ?? []) console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
    }
}
