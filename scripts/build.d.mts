// Types of scripts/build.mjs for the tests that reuse its settings.
import type { BuildOptions, Plugin } from 'esbuild';

/**
 * `chunks`: the entry's dynamic imports are split into chunk files beside `outfile`. `launcher`: the bundle is
 * written to this file name beside `outfile`, and `outfile` is a launcher that turns on the compile cache first.
 * `startUpRewrite`: the modules are rewritten to start faster with the compile cache (scripts/start-up-rewrite.mjs).
 * `commandBundles`: `outfile` is the entry (the CLI's launcher), and beside it one CommonJS bundle per module of
 * `modules`, `<module>.cjs`: `entry` with only that module's `./commands/<module>.js` inside.
 */
export type Target = BuildOptions & {
  entryPoints: string[];
  outfile: string;
  chunks?: boolean;
  launcher?: string;
  startUpRewrite?: boolean;
  commandBundles?: { entry: string; modules: string[] };
};

/** The rollout files of examples/ by name (what the CLI bundle carries as SHIFTWISE_EXAMPLES). */
export function exampleTexts(): Record<string, string>;
/** The settings of a bundle shipped on its own. */
export const standalone: BuildOptions;
export const targets: Target[];
/** A target as esbuild takes it (`chunks` becomes `splitting` into the folder of `outfile`; `launcher` its file). */
export function esbuildOptions(target: Target): BuildOptions;
/** Builds one target and writes its files. */
export function buildTarget(target: Target): Promise<unknown>;
/** Builds the targets whose output path starts with one of `only` (all when empty). */
export function buildTargets(only?: string[]): Promise<void>;
/** The action's plugin that makes `tunnel` a module loading the real one on first call. */
export function tunnelOnDemand(): Plugin;
/** The CLI's plugin that makes fdir take its default file system with `require`, when it is used. */
export function fdirFsOnDemand(): Plugin;
