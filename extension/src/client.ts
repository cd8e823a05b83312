import { type ExtensionContext, type LogOutputChannel, workspace } from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { rolloutGlob } from './rollout-files.js';

/** Client id: VS Code reads the trace level from `shiftwise.trace.server`. */
const clientId = 'shiftwise';

/**
 * Builds the client for the bundled language server (`dist/server.mjs`), run over stdio by the extension host's
 * Node, for rollout files only. Settings under `shiftwise.*` reach the server at start-up (initialization options)
 * and on every change (`workspace/didChangeConfiguration`).
 */
export function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ pattern: rolloutGlob }],
    synchronize: { configurationSection: 'shiftwise' },
    initializationOptions: {
      capacity: workspace.getConfiguration('shiftwise').get<number | null>('capacity'),
    },
    outputChannel: output,
  };
  return new LanguageClient(clientId, 'Shiftwise Language Server', serverOptions, clientOptions);
}
