// One build for the workspace: esbuild bundles each entry point; `tsc` only type-checks (`pnpm typecheck`).
// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so no package needs a build of its own before another can use it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { importCycle, startUpRewrite } from './start-up-rewrite.mjs';

/** The rollout files of examples/ by name: bundles carry them (the demo's rollouts) as SHIFTWISE_EXAMPLES. */
export function exampleTexts() {
  const names = readdirSync('examples').filter((f) => /\.rollout\.(ya?ml|json)$/.test(f));
  return Object.fromEntries(names.sort().map((f) => [f, readFileSync(`examples/${f}`, 'utf8')]));
}

// Paths are relative to the working directory: the stale-bundle test builds in a mirror of the checkout.
const base = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  logLevel: 'warning',
};
// A bundle shipped on its own carries every dependency; the banner gives CommonJS dependencies a `require`.
export const standalone = {
  ...base,
  plugins: [yamlModules()],
  format: 'esm',
  minifySyntax: true,
  legalComments: 'none',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

export const targets = [
  // The launcher, cli/dist/shiftwise.js (cli/src/launch/), and beside it one CommonJS bundle per command module
  // (`commandBundles`, cli/src/launch/bundles.json): cli/src/main.ts with only that module inside, so `validate`
  // never loads the engine, the AWS SDK or the sandbox. Every dependency is bundled, so starting the CLI resolves no
  // node_modules. CommonJS, so the launcher runs each as a script and keeps V8's code cache of it after the run
  // (cli/src/launch/code-cache.ts).
  {
    ...standalone,
    entryPoints: ['cli/src/launch/index.ts'],
    outfile: 'cli/dist/shiftwise.js',
    commandBundles: {
      entry: 'cli/src/main.ts',
      modules: Object.keys(JSON.parse(readFileSync('cli/src/launch/bundles.json', 'utf8'))),
    },
    mainFields: ['module', 'main'],
    sourcemap: true,
    define: { SHIFTWISE_EXAMPLES: JSON.stringify(exampleTexts()) },
    plugins: [fdirFsOnDemand(), yamlModules()],
  },
  // The executable, server.js, is a launcher that turns on Node's compile cache and then imports the bundle,
  // server-main.js (a cache serves only code compiled after it is on): a later start skips most of compiling it.
  {
    ...standalone,
    entryPoints: ['language-server/src/main.ts'],
    outfile: 'language-server/dist/server.js',
    launcher: 'server-main.js',
    plugins: [lazyBuiltins(), yamlModules()],
    startUpRewrite: true,
  },
  // Committed and run by the runner as is: minified (a proxy-aware fetch, undici, comes with @actions/github), and
  // ESM builds first (`module`), so the AWS SDK clients shake down to the commands the engine sends. Each mode is a
  // chunk of its own beside run.js (action/src/run.ts loads it when it runs), so plan mode never loads the engine.
  // The source maps (mappings only: the sources are in the action's repository) make a stack trace name
  // TypeScript lines; node reads a file's map only if maps are on when it loads the file, so action/dist/index.js,
  // the entry, turns them on and then imports run.js.
  {
    ...standalone,
    entryPoints: ['action/src/run.ts'],
    outfile: 'action/dist/run.js',
    chunks: true,
    plugins: [undiciOnDemand(), tunnelOnDemand(), withoutRestMethods(), yamlModules()],
    minify: true,
    mainFields: ['module', 'main'],
    sourcemap: true,
    sourcesContent: false,
  },
  {
    ...base,
    bundle: false,
    format: 'esm',
    entryPoints: ['action/src/index.ts'],
    outfile: 'action/dist/index.js',
  },
  {
    ...standalone,
    entryPoints: ['language-server/src/main.ts'],
    outfile: 'extension/dist/server.mjs',
    plugins: [lazyBuiltins(), yamlModules()],
  },
  {
    ...base,
    format: 'cjs',
    entryPoints: ['extension/src/extension.ts'],
    outfile: 'extension/dist/extension.cjs',
    external: ['vscode'],
    // Shipped in the .vsix: the language client is most of it, and minified it is a third of the size.
    minify: true,
  },
];

/**
 * A target as esbuild takes it. `chunks: true` splits the dynamic imports of `outfile`'s entry into chunk files
 * beside it (esbuild splits only into a folder, so `outfile` becomes the folder and the entry's name).
 */
export function esbuildOptions({ chunks, launcher, startUpRewrite: _, commandBundles: __, ...target }) {
  if (launcher) return { ...target, outfile: join(dirname(target.outfile), launcher) };
  if (!chunks) return target;
  const { outfile, ...rest } = target;
  return {
    ...rest,
    splitting: true,
    outdir: dirname(outfile),
    entryNames: basename(outfile, '.js'),
    chunkNames: '[name]-[hash]',
  };
}

/**
 * Resolves `undici`, as @actions/github and @actions/http-client import it, to action/src/undici-on-demand.ts,
 * which loads the real undici (its `import('undici')`, resolved from where they import it: a chunk of its own)
 * only for a request through a proxy; plan mode without a proxy never parses it.
 */
function undiciOnDemand() {
  return {
    name: 'undici-on-demand',
    setup(b) {
      const shim = join(b.initialOptions.absWorkingDir ?? process.cwd(), 'action/src/undici-on-demand.ts');
      let resolveDir;
      b.onResolve({ filter: /^undici$/ }, (args) => {
        if (args.pluginData === 'real') return undefined;
        if (args.importer !== shim) {
          resolveDir ??= args.resolveDir;
          return { path: shim };
        }
        return b.resolve('undici', { kind: args.kind, resolveDir, pluginData: 'real' });
      });
    },
  };
}

/**
 * `tunnel` (@actions/http-client's agents for a request through a proxy) as a module of functions, one per export,
 * that load the real one on first call: loading it loads Node's `assert` and its diff, which a run without a proxy
 * (every plan-mode run on a hosted runner) never uses. The real module stays in the bundle, initialised only then.
 */
export function tunnelOnDemand() {
  return {
    name: 'tunnel-on-demand',
    setup(b) {
      // One stand-in per folder it is imported from, so that each resolves the tunnel its importer would.
      b.onResolve({ filter: /^tunnel$/ }, (args) =>
        args.namespace === 'tunnel-on-demand'
          ? undefined
          : { path: args.resolveDir, namespace: 'tunnel-on-demand' },
      );
      b.onLoad({ filter: /.*/, namespace: 'tunnel-on-demand' }, (args) => {
        // Every export of the real module, each a function that loads it first: an export that is not a function
        // could not be stood in for, so the build stops rather than bundle a stand-in that lacks it.
        const real = createRequire(join(args.path, 'importer.js'))('tunnel');
        const names = Object.keys(real);
        const other = names.find((name) => typeof real[name] !== 'function');
        if (other !== undefined)
          throw new Error(
            `tunnel exports '${other}', not a function: tunnelOnDemand (scripts/build.mjs) cannot stand in for it`,
          );
        return {
          loader: 'js',
          resolveDir: args.path,
          contents: [
            'let real;',
            "const load = () => (real ??= require('tunnel'));",
            ...names.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * `@actions/github` adds `@octokit/plugin-rest-endpoint-methods` (`octokit.rest.pulls.listFiles` and the like) to
 * every client; the action names routes instead (action/src/plan/github-api.ts types its client without `rest`),
 * so the plugin becomes one that adds nothing and its 83 kB of route tables stay out of the bundle.
 */
function withoutRestMethods() {
  return {
    name: 'without-rest-methods',
    setup(b) {
      b.onResolve({ filter: /^@octokit\/plugin-rest-endpoint-methods$/ }, () => ({
        path: 'rest-endpoint-methods',
        namespace: 'without-rest-methods',
      }));
      b.onLoad({ filter: /.*/, namespace: 'without-rest-methods' }, () => ({
        loader: 'js',
        contents:
          'export function restEndpointMethods() { return {}; }\nexport function legacyRestEndpointMethods() { return {}; }\n',
      }));
    },
  };
}

/**
 * Node modules the language server's libraries require at start-up for paths a stdio server never takes:
 * vscode-jsonrpc's `crypto` (random pipe names) and vscode-languageserver's `child_process` (finding global npm
 * modules). Each is required on first use instead: loading them is about a tenth of the server's start.
 */
function lazyBuiltins(
  names = ['crypto', 'child_process'],
  importers = /[\\/]vscode-(jsonrpc|languageserver)[\\/]/,
) {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(b) {
      b.onResolve({ filter }, (args) =>
        importers.test(args.importer)
          ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        loader: 'js',
        contents: `let real;
const load = () => (real ??= require('node:${args.path}'));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => ({ ...Reflect.getOwnPropertyDescriptor(load(), key), configurable: true }),
});
`,
      }));
    },
  };
}

/**
 * `yaml` as ES modules (the package's `browser` build, the same code): its Node build is CommonJS, which a bundle
 * wraps and runs whole at start-up, stringifier and all; as modules, only what core imports is kept and run.
 * The one difference is where a warning goes (console.warn, not process.emitWarning), and core logs none.
 */
function yamlModules() {
  return {
    name: 'yaml-modules',
    setup(b) {
      b.onResolve({ filter: /^yaml$/ }, async (args) => {
        const manifest = await b.resolve('yaml/package.json', {
          kind: args.kind,
          resolveDir: args.resolveDir,
        });
        return { path: join(dirname(manifest.path), 'browser/index.js') };
      });
    },
  };
}

/**
 * fdir (the CLI's folder walk) imports Node's `fs` as a namespace for its default file system. Node builds the
 * namespace of a built-in by reading every export, and `fs.promises` loads fs/promises and with it readline: about
 * 2 ms of `shiftwise validate examples/`, although the CLI always passes fdir a file system of its own
 * (cli/src/rollout-folder.ts). The default is taken from `process.getBuiltinModule` when it is used instead. The build fails if
 * fdir's code no longer reads as expected, rather than bundle it unchanged.
 */
export function fdirFsOnDemand() {
  const namespace = 'import * as nativeFs from "fs";';
  const fallback = 'options.fs || nativeFs';
  return {
    name: 'fdir-fs-on-demand',
    setup(b) {
      b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (code.split(namespace).length !== 2 || code.split(fallback).length !== 2)
          throw new Error(
            `${args.path}: fdir no longer imports fs as fdirFsOnDemand (scripts/build.mjs) expects`,
          );
        return {
          loader: 'js',
          // process.getBuiltinModule: Node 20.16 and 22.3 on (the CLI needs 20.19), and no module scope of fdir's.
          contents: code
            .replace(namespace, '')
            .replace(fallback, 'options.fs || process.getBuiltinModule("fs")'),
        };
      });
    },
  };
}

/** A module that turns on Node's compile cache where it exists (22.1 on), then imports `bundle`. */
function launcherOf(bundle) {
  return `// Written by scripts/build.mjs: the compile cache first, so that it can serve the bundle (${bundle}).
import module from 'node:module';

try {
  module.enableCompileCache?.();
} catch {}
await import('${bundle}');
`;
}

/** Builds one target and writes its files. */
export function buildTarget(target) {
  if (target.commandBundles) return buildCommandBundles(target);
  return target.startUpRewrite ? buildRewritten(target) : build(esbuildOptions(target));
}

/**
 * The CLI: its launcher (the target's entry, a small ES module at `outfile`) and beside it one CommonJS bundle per
 * command module, `<module>.cjs`: `commandBundles.entry` (the command registry) with the other modules' imports
 * made into modules that only throw, so each bundle holds its own command's code and what it uses.
 */
async function buildCommandBundles(target) {
  const { commandBundles, plugins = [], define = {}, banner: _, ...rest } = target;
  const folder = dirname(target.outfile);
  await Promise.all([
    build(esbuildOptions({ ...rest, plugins: [], define: {}, sourcemap: false })),
    ...commandBundles.modules.map((module) =>
      build({
        ...esbuildOptions(rest),
        entryPoints: [commandBundles.entry],
        outfile: join(folder, `${module}.cjs`),
        minify: true,
        format: 'cjs',
        // A script run by node:vm has no loader for import() (the AWS SDK imports some of Node's modules so): each
        // becomes a require, as in any CommonJS file.
        supported: { 'dynamic-import': false },
        // A script has no import.meta: its URL is taken from __filename, as Node gives a CommonJS file.
        banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
        define: { ...define, 'import.meta.url': '__importMetaUrl' },
        plugins: [onlyCommand(commandBundles.entry, module), ...plugins],
      }),
    ),
  ]);
}

/** Makes every `./commands/<name>.js` that `entry` imports, but `module`'s, a module that throws when loaded. */
function onlyCommand(entry, module) {
  return {
    name: 'only-command',
    setup(b) {
      b.onResolve({ filter: /^\.\/commands\/[^/]+\.js$/ }, (args) =>
        resolve(args.importer) === resolve(entry) && basename(args.path, '.js') !== module
          ? { path: args.path, namespace: 'other-command' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'other-command' }, (args) => ({
        loader: 'js',
        contents: `throw new Error(${JSON.stringify(`${args.path} is in another bundle of the CLI (cli/src/launch/bundles.json)`)});`,
      }));
    },
  };
}

/**
 * Builds `target`, whose runs start with Node's compile cache on (the language server's launcher), with its modules
 * rewritten to start faster (scripts/start-up-rewrite.mjs): top-level functions compiled eagerly, so that the cache
 * holds them, and Node's modules taken through `require`. (It took `validate` of ten files a seventh less CPU when
 * the CLI ran with Node's cache; the CLI keeps its own now, cli/src/launch/.) A target without the cache is built
 * without it: compiling every function up front costs more than it saves when nothing keeps the result.
 */
async function buildRewritten(target) {
  const { outputFiles } = await build({ ...esbuildOptions(target), write: false });
  const folder = resolve(dirname(target.outfile));
  const maps = new Map(outputFiles.filter((f) => f.path.endsWith('.map')).map((f) => [f.path, f.text]));
  const imports = new Map();
  const written = new Map();
  for (const file of outputFiles) {
    if (!/\.m?js$/.test(file.path)) {
      if (!written.has(file.path)) written.set(file.path, file.contents);
      continue;
    }
    const map = maps.get(`${file.path}.map`);
    const rewritten = startUpRewrite(
      file.text,
      map === undefined ? undefined : JSON.parse(map),
      basename(file.path),
    );
    imports.set(relative(folder, file.path).split(sep).join('/'), rewritten.imports);
    written.set(file.path, rewritten.code);
    if (rewritten.map !== undefined) written.set(`${file.path}.map`, JSON.stringify(rewritten.map));
  }
  const cycle = importCycle(imports);
  if (cycle !== undefined)
    throw new Error(
      `${target.outfile}: its files import each other in a cycle (${cycle.join(' → ')}), so a moved function ` +
        'could be called before it is assigned: break the cycle, or build this target without `startUpRewrite`',
    );
  for (const [path, content] of written) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Removes the chunks of an earlier build (`[name]-[hash].js` and maps), whose names change with their content. */
function removeChunks(dir) {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (/-[A-Z0-9]{8}\.js(\.map)?$/.test(f)) rmSync(join(dir, f));
}

/** Builds the targets whose output path starts with one of `only` (all when empty). */
export async function buildTargets(only = []) {
  const chosen = targets.filter(
    (t) => existsSync(t.entryPoints[0]) && (only.length === 0 || only.some((o) => t.outfile.startsWith(o))),
  );
  const started = Date.now();
  for (const t of chosen) if (t.chunks) removeChunks(dirname(t.outfile));
  await Promise.all(chosen.map(buildTarget));
  for (const t of chosen.filter((c) => c.launcher)) writeFileSync(t.outfile, launcherOf(`./${t.launcher}`));
  console.log(`built ${chosen.map((t) => t.outfile).join(', ')} in ${Date.now() - started} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildTargets(process.argv.slice(2));
