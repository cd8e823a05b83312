import table from './bundles.json' with { type: 'json' };

/**
 * The CLI's bundles and the commands each runs (./bundles.json, which scripts/build.mjs reads too): one CommonJS
 * file per module of cli/src/commands/, `cli/dist/<module>.cjs`, holding cli/src/main.ts with only that module
 * inside. A command loads only its own bundle, so `validate` never loads the engine, the AWS SDK or the sandbox.
 * cli/test/launch.test.ts checks that every command of main.ts's registry is in one.
 */
export const bundles: Readonly<Record<string, readonly string[]>> = table;

/** The bundle that runs `command`; the smallest one for anything else (help, --version, a typo: main.ts answers). */
export function bundleOf(command: string | undefined): string {
  const found = Object.entries(bundles).find(
    ([, commands]) => command !== undefined && commands.includes(command),
  );
  return found?.[0] ?? 'validate';
}
