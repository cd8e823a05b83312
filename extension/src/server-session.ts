import { type ExtensionContext, type LogOutputChannel, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { isRolloutDocument, rolloutGlob } from './rollout-files.js';
import type { StartupLog } from './startup-log.js';
import { traceChannel } from './trace-channel.js';

/** The language server, started on first need: activation on any YAML or JSON file must not start a process. */
export interface ServerSession {
  /** The running client, starting the server on the first call. */
  client(): Promise<LanguageClient>;
  /** The client if it is already running; for cheap reads such as the diagnostics collection. */
  readonly current: LanguageClient | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the server as soon as a rollout file is open, now or later, or at once (the extension activates when
 * start-up has finished) when the workspace holds rollout files and `shiftwise.workspaceDiagnostics` is on (the server checks them unopened, and is warm when the first
 * one is opened); until then nothing runs. Commands call `client()` and so start it too.
 */
export function startOnFirstRolloutFile(
  context: ExtensionContext,
  output: LogOutputChannel,
  log: StartupLog,
): ServerSession {
  const trace = traceChannel(output);
  context.subscriptions.push(trace);
  let starting: Promise<LanguageClient> | undefined;
  let current: LanguageClient | undefined;
  const client = (reason = 'a command needs it'): Promise<LanguageClient> => {
    if (!starting) {
      log.starting(reason);
      const created = createClient(context, { output, trace }, log);
      starting = created.start().then(() => {
        log.ready();
        current = created;
        return created;
      });
    }
    return starting;
  };
  const start = (reason: string) => void client(reason).catch((e) => output.error(String(e)));
  const startIfRollout = () => {
    if (workspace.textDocuments.some(isRolloutDocument)) start('a rollout file is open');
  };
  context.subscriptions.push(workspace.onDidOpenTextDocument(startIfRollout));
  startIfRollout();
  if (!starting && workspace.getConfiguration('shiftwise').get<boolean>('workspaceDiagnostics', true)) {
    // One match is enough to know; the server walks the folders itself.
    void workspace.findFiles(rolloutGlob, '**/node_modules/**', 1).then(
      (found) => {
        if (found.length > 0) start('the workspace holds rollout files');
      },
      () => undefined,
    );
  }
  return {
    client: () => client(),
    get current() {
      return current;
    },
    stop: async () => {
      if (starting) await (await starting.catch(() => undefined))?.stop();
    },
  };
}
