import { type ExtensionContext, type LogOutputChannel, workspace } from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { rolloutGlob } from './rollout-files.js';
import type { StartupLog } from './startup-log.js';

/** Client id: VS Code reads the trace level from `shiftwise.trace.server`. */
const clientId = 'shiftwise';

/**
 * Builds the client for the bundled language server (`dist/server.mjs`), run over stdio by the extension host's
 * Node, for rollout files only. Settings under `shiftwise.*` reach the server at start-up (initialization options)
 * and on every change (`workspace/didChangeConfiguration`).
 * The protocol trace goes to `channels.trace` (./trace-channel.ts), which follows `shiftwise.trace.server`.
 */
export function createClient(
  context: ExtensionContext,
  channels: { output: LogOutputChannel; trace: LogOutputChannel },
  log: StartupLog,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const settings = workspace.getConfiguration('shiftwise');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ pattern: rolloutGlob }],
    synchronize: { configurationSection: 'shiftwise' },
    initializationOptions: {
      capacity: settings.get<number | null>('capacity'),
      workspaceDiagnostics: settings.get<boolean>('workspaceDiagnostics', true),
    },
    outputChannel: channels.output,
    traceOutputChannel: channels.trace,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        log.firstDiagnostics(uri.path);
        next(uri, diagnostics);
      },
    },
  };
  return new LanguageClient(clientId, 'Shiftwise Language Server', serverOptions, clientOptions);
}
