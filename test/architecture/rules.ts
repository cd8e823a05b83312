// The import rules of ARCHITECTURE.md's invariants, as data: each names the file whose opening comment states it.
import type { ImportSite } from './imports.js';

export interface ImportRule {
  /** The invariant in words, as the failure message shows it. */
  readonly invariant: string;
  /** The module whose opening comment carries the invariant as an "Architecture invariant:" line. */
  readonly home: string;
  /** Which importing files the rule is about. */
  readonly applies: (file: string) => boolean;
  /** Whether one import breaks the rule. */
  readonly breaks: (site: ImportSite) => boolean;
}

const inPureCore = (file: string) => file.startsWith('core/src/') && !file.startsWith('core/src/engine/');
const into = (site: ImportSite, dir: string) => site.target?.startsWith(dir) ?? false;
const runtime = (site: ImportSite) => !site.typeOnly;

/**
 * The pure core's folders from the ground up: a module may import its own layer and the ones below, never one
 * above (so `parse/` builds findings with `diagnostics/` and never reaches into `rules/`).
 */
export const coreLayers: readonly (readonly string[])[] = [
  ['core/src/model.ts', 'core/src/source/'],
  ['core/src/diagnostics/'],
  ['core/src/values/'],
  ['core/src/plan/'],
  ['core/src/fields/'],
  ['core/src/parse/'],
  ['core/src/rules/'],
  ['core/src/render/', 'core/src/format/'],
  ['core/src/validate.ts', 'core/src/index.ts'],
];

/** The layer of a pure-core file, or -1 when it belongs to none (a new folder must be placed in the list). */
export function layerOf(file: string): number {
  return coreLayers.findIndex((layer) =>
    layer.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)),
  );
}

export const importRules: readonly ImportRule[] = [
  {
    invariant:
      'the pure core does no I/O and knows nothing of the engine, the clouds or the faces: no core/src/engine, node:*, @aws-sdk/*, @smithy/*, @actions/* or other workspace package',
    home: 'core/src/index.ts',
    applies: inPureCore,
    breaks: (s) =>
      into(s, 'core/src/engine/') ||
      /^(node:|@aws-sdk\/|@smithy\/|@actions\/|@shiftwise\/)/.test(s.specifier),
  },
  {
    invariant: `the pure core's folders import only their own layer or lower ones (${coreLayers.map((l) => l.join(' ')).join(' < ')})`,
    home: 'core/src/index.ts',
    applies: inPureCore,
    breaks: (s) =>
      s.target?.startsWith('core/src/') === true &&
      !s.target.startsWith('core/src/engine/') &&
      (layerOf(s.file) === -1 || layerOf(s.target) === -1 || layerOf(s.target) > layerOf(s.file)),
  },
  {
    invariant: 'the engine serves the faces and never imports one (no @actions/*, no workspace package)',
    home: 'core/src/engine/index.ts',
    applies: (file) => file.startsWith('core/src/engine/'),
    breaks: (s) =>
      /^(@actions\/|@shiftwise\/)/.test(s.specifier) ||
      (s.target !== undefined && !s.target.startsWith('core/src/')),
  },
  {
    invariant:
      'the extension holds no domain logic: it imports core for types only and asks the language server',
    home: 'extension/src/extension.ts',
    applies: (file) => file.startsWith('extension/src/'),
    breaks: (s) => runtime(s) && (/^@shiftwise\//.test(s.specifier) || into(s, 'core/')),
  },
  {
    invariant: 'the sandbox knows nothing of the engine or the planner: core for types only',
    home: 'sandbox/src/index.ts',
    applies: (file) => file.startsWith('sandbox/src/'),
    breaks: (s) =>
      /^@shiftwise\/core\/engine/.test(s.specifier) ||
      (runtime(s) && (/^@shiftwise\//.test(s.specifier) || into(s, 'core/'))),
  },
];
