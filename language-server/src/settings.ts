import { usableCapacity } from '@shiftwise/core';
import type { InitializeParams } from 'vscode-languageserver';

/** The server's settings: `initializationOptions` at start, then the `shiftwise` section of the configuration. */
export interface Settings {
  /**
   * Default instances (copies) in the new fleet, for files without `capacity` (`copies`): a whole number 1–10000
   * (core's `maxFleet`, the bound of `capacity` in a file), else unset.
   */
  readonly capacity: number | undefined;
  /**
   * Whether rollout files on disk that are not open get diagnostics too (./workspace-diagnostics.ts). Off unless
   * the client asks (`true`): the VS Code extension does, from `shiftwise.workspaceDiagnostics`.
   */
  readonly workspaceDiagnostics: boolean;
}

/**
 * Reads `{ capacity, workspaceDiagnostics }` from anything a client sends; unusable values (null, 0, '4', 2.5,
 * 10001) mean unset, and only `true` turns workspace diagnostics on.
 */
export function readSettings(raw: unknown): Settings {
  const section = raw as { capacity?: unknown; workspaceDiagnostics?: unknown } | null | undefined;
  const capacity = section?.capacity;
  return {
    capacity: usableCapacity(capacity),
    workspaceDiagnostics: section?.workspaceDiagnostics === true,
  };
}

/**
 * What the code lens runs when clicked. VS Code and its forks run the Shiftwise extension, whose
 * `shiftwise.previewSchedule` opens the timeline of the active rollout file; every other client gets
 * `shiftwise.showPlan`, which it can send back as `workspace/executeCommand` for the markdown plan.
 * A client may choose with `initializationOptions.codeLensCommand`.
 */
export function lensCommandFor(params: InitializeParams): string {
  const chosen = (params.initializationOptions as { codeLensCommand?: unknown } | null | undefined)
    ?.codeLensCommand;
  if (typeof chosen === 'string' && chosen !== '') return chosen;
  return /visual studio code|code-server|vscodium|cursor/i.test(params.clientInfo?.name ?? '')
    ? 'shiftwise.previewSchedule'
    : 'shiftwise.showPlan';
}
