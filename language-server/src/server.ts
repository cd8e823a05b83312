import { rolloutGlobAnyCase } from '@shiftwise/core';
import type {
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  Connection,
  DocumentSymbolParams,
  ExecuteCommandParams,
  HoverParams,
  InitializeResult,
} from 'vscode-languageserver';
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lifecycle, unhandledRequest } from './lifecycle.js';
import { servesDocument } from './rollout-files.js';
import { type Analysis, analyze } from './service/analysis.js';
import { codeActions } from './service/code-actions.js';
import { codeLenses } from './service/code-lens.js';
import { completion } from './service/completion.js';
import { diagnostics } from './service/diagnostics.js';
import { hover } from './service/hover.js';
import { showPlan, showPlanCommand, showPlanUnavailable } from './service/show-plan.js';
import { documentSymbols } from './service/symbols.js';
import { lensCommandFor, readSettings, type Settings } from './settings.js';
import { validationQueue } from './validation-queue.js';
import { WorkspaceAlarms } from './workspace-alarms.js';

/**
 * Wires a connection to the language service: incremental document sync, diagnostics on open and on every
 * change, and the request handlers. Everything domain-specific is in ./service; this file only keeps documents,
 * caches one analysis per document version, and guards the connection from the service's failures.
 */
export function initConnection(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, { version: number; capacity: number | undefined; analysis: Analysis }>();
  const alarms = new WorkspaceAlarms();
  let settings: Settings = { capacity: undefined };
  let lensCommand = showPlanCommand;
  let canRefreshLenses = false;
  let canPullSettings = false;
  let canWatchFiles = false;
  const life = lifecycle();

  /**
   * The analysis of the document's current version, computed once per version and setting; undefined for
   * documents that are not rollout files (a client that sends every YAML file gets nothing for the others).
   */
  const analysisOf = (uri: string): Analysis | undefined => {
    const document = documents.get(uri);
    if (document === undefined || !servesDocument(uri)) return undefined;
    const cached = cache.get(uri);
    if (cached && cached.version === document.version && cached.capacity === settings.capacity) {
      return cached.analysis;
    }
    const options = settings.capacity === undefined ? {} : { capacity: settings.capacity };
    const analysis = analyze(uri, document.getText(), options);
    cache.set(uri, { version: document.version, capacity: settings.capacity, analysis });
    alarms.setOpen(uri, analysis.validation.value);
    return analysis;
  };

  // The version check before publishing is what keeps a stale run from overwriting a newer one.
  const queue = validationQueue((uri) => publish(uri));
  const publish = (uri: string) => {
    const document = documents.get(uri);
    if (document === undefined || !servesDocument(uri)) return;
    const version = document.version;
    const found = guard(connection, 'diagnostics', () => {
      const analysis = analysisOf(uri);
      return analysis ? diagnostics(analysis) : [];
    });
    if (documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: found ?? [] });
  };

  connection.onInitialize((params): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    lensCommand = lensCommandFor(params);
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canPullSettings = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    alarms.setRoots(params);
    life.initialized();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '"', '[', ','] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        executeCommandProvider: { commands: [showPlanCommand] },
      },
      serverInfo: { name: 'shiftwise-language-server', version: '0.1.0' },
    };
  });
  connection.onInitialized(() => {
    void alarms.scan();
    // Rollout files changed on disk (a pull, a branch switch) update the alarm names offered in completion.
    if (canWatchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: rolloutGlobAnyCase }] })
        .catch(() => undefined);
    }
  });
  // Only a running server shuts down; a shutdown before initialize is refused like any request.
  connection.onShutdown(() => {
    const refused = life.refusal('shutdown');
    if (refused === undefined) life.shutDown();
    return refused;
  });
  connection.onRequest(unhandledRequest(life));
  connection.onDidChangeWatchedFiles(
    life.notification(({ changes }) => {
      for (const c of changes) void alarms.changed(c.uri, c.type === FileChangeType.Deleted);
    }),
  );
  connection.onDidChangeConfiguration(
    life.notification((change) => {
      const section = (change.settings as { shiftwise?: unknown } | null)?.shiftwise;
      if (section !== undefined) applySettings(section);
      // Clients of the pull model send no settings with the notification: ask for the section.
      else if (canPullSettings) {
        connection.workspace.getConfiguration('shiftwise').then(applySettings, () => undefined);
      }
    }),
  );
  const applySettings = (section: unknown) => {
    settings = readSettings(section);
    for (const document of documents.all()) queue.add(document.uri);
    // Lens titles depend on the capacity setting; clients that can refresh them are asked to.
    if (canRefreshLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  documents.onDidOpen((e) => queue.add(e.document.uri));
  documents.onDidChangeContent((e) => queue.add(e.document.uri));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    queue.delete(e.document.uri);
    alarms.setOpen(e.document.uri, undefined);
    if (servesDocument(e.document.uri))
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const on = <T>(name: string, uri: string, run: (analysis: Analysis) => T, none: T): T =>
    guard(connection, name, () => {
      const analysis = analysisOf(uri);
      return analysis === undefined ? none : run(analysis);
    }) ?? none;
  connection.onHover(
    life.request('textDocument/hover', (p: HoverParams) =>
      on('hover', p.textDocument.uri, (a) => hover(a, p.position), null),
    ),
  );
  // The first completion may wait for the start-up scan of the workspace's alarm names.
  connection.onCompletion(
    life.request('textDocument/completion', async (p: CompletionParams) => {
      const knownAlarms = await alarms.names();
      return on('completion', p.textDocument.uri, (a) => completion(a, p.position, { knownAlarms }), {
        isIncomplete: false,
        items: [],
      });
    }),
  );
  connection.onCodeAction(
    life.request('textDocument/codeAction', (p: CodeActionParams) =>
      on('codeAction', p.textDocument.uri, (a) => codeActions(a, p.range, p.context.diagnostics), []),
    ),
  );
  connection.onCodeLens(
    life.request('textDocument/codeLens', (p: CodeLensParams) =>
      on('codeLens', p.textDocument.uri, (a) => codeLenses(a, { command: lensCommand }), []),
    ),
  );
  connection.onDocumentSymbol(
    life.request('textDocument/documentSymbol', (p: DocumentSymbolParams) =>
      on('documentSymbol', p.textDocument.uri, documentSymbols, []),
    ),
  );
  connection.onExecuteCommand(
    life.request('workspace/executeCommand', (p: ExecuteCommandParams) => {
      const uri = p.arguments?.[0];
      if (p.command !== showPlanCommand || typeof uri !== 'string') return null;
      return on('showPlan', uri, showPlan, showPlanUnavailable(uri));
    }),
  );

  documents.listen(life.gated(connection));
}

/** Runs one handler; a failure is logged and answered with `undefined` instead of taking the server down. */
function guard<T>(connection: Connection, name: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    connection.console.error(
      `shiftwise: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return undefined;
  }
}
