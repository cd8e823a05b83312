// A real LSP client for tests and the benchmark: vscode-languageserver-protocol over the stdio of a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  type ClientCapabilities,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface Client {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[];
  open(uri: string, text: string, languageId?: string): Promise<PublishDiagnosticsParams>;
  /** Sends one didChange and resolves with the diagnostics published for that version. */
  change(
    uri: string,
    version: number,
    changes: TextDocumentContentChangeEvent[],
  ): Promise<PublishDiagnosticsParams>;
  /**
   * Resolves with the diagnostics for `uri` at `version` or later, already received or still to come
   * (`version` undefined: the next ones published).
   */
  diagnosticsFor(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly initializationOptions?: unknown;
  readonly rootUri?: string | null;
  readonly clientName?: string;
  readonly capabilities?: ClientCapabilities;
  /** Answers `workspace/configuration` per section (default: null, as an editor with no settings). */
  readonly configuration?: (section: string | undefined) => unknown;
  /** Sees each `client/registerCapability` the server sends. */
  readonly onRegister?: (params: unknown) => void;
}

const capabilities: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: { configuration: true },
};

/**
 * A server process and a JSON-RPC connection to it, not listening and not initialized: for tests of the
 * protocol itself (what the server answers before `initialize` or after `shutdown`).
 */
export function spawnServer(
  command: string,
  args: readonly string[],
): { connection: ProtocolConnection; child: ChildProcess } {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr?.resume();
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  return { connection, child };
}

/** Starts a server process and initializes it; `stop()` shuts it down (and kills it if it will not exit). */
export async function startClient(options: StartOptions): Promise<Client> {
  const { connection, child } = spawnServer(options.command, options.args);
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; version?: number; resolve(p: PublishDiagnosticsParams): void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of [...waiters]) {
      // A server that sends no version (yaml-language-server) has its next publication taken as the answer.
      if (w.uri !== p.uri || (w.version !== undefined && p.version !== undefined && p.version < w.version))
        continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p);
    }
  });
  // Servers ask for configuration and register capabilities; answer like an editor with nothing to add.
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((item) => options.configuration?.(item.section) ?? null),
  );
  connection.onRequest('client/registerCapability', (params: unknown) => {
    options.onRegister?.(params);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    capabilities: options.capabilities ?? capabilities,
    initializationOptions: options.initializationOptions,
    clientInfo: { name: options.clientName ?? 'shiftwise-tests' },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const diagnosticsFor = (uri: string, version?: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const last = published.findLast((p) => p.uri === uri);
      if (version !== undefined && last !== undefined && (last.version ?? -1) >= version)
        return resolve(last);
      waiters.push({ uri, ...(version !== undefined && { version }), resolve });
    });
  return {
    connection,
    child,
    published,
    diagnosticsFor,
    async open(uri, text, languageId = 'yaml') {
      const next = diagnosticsFor(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
      return next;
    },
    async change(uri, version, contentChanges) {
      const next = diagnosticsFor(uri, version);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges,
      });
      return next;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      try {
        await withTimeout(connection.sendRequest(ShutdownRequest.type), 5000);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // A server that does not answer is killed below.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}

/** Rejects when `promise` has not settled within `ms` (tests are bounded; a hung server fails instead of hanging). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = 'the server'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
