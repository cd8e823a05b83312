import { type ExtensionContext, type LogOutputChannel, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { isRolloutDocument } from './rollout-files.js';

/** The language server, started on first need: activation on any YAML or JSON file must not start a process. */
export interface ServerSession {
  /** The running client, starting the server on the first call. */
  client(): Promise<LanguageClient>;
  /** The client if it is already running; for cheap reads such as the diagnostics collection. */
  readonly current: LanguageClient | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the server as soon as a rollout file is open, now or later; until then nothing runs.
 * Commands call `client()` and so start it too.
 */
export function startOnFirstRolloutFile(context: ExtensionContext, output: LogOutputChannel): ServerSession {
  let starting: Promise<LanguageClient> | undefined;
  let current: LanguageClient | undefined;
  const client = (): Promise<LanguageClient> => {
    if (!starting) {
      const created = createClient(context, output);
      starting = created.start().then(() => {
        current = created;
        return created;
      });
    }
    return starting;
  };
  const startIfRollout = () => {
    if (workspace.textDocuments.some(isRolloutDocument))
      void client().catch((e) => output.appendLine(String(e)));
  };
  context.subscriptions.push(workspace.onDidOpenTextDocument(startIfRollout));
  startIfRollout();
  return {
    client,
    get current() {
      return current;
    },
    stop: async () => {
      if (starting) await (await starting.catch(() => undefined))?.stop();
    },
  };
}
