import { rolloutGlobAnyCase } from '@shiftwise/core';
import type {
  CancellationToken,
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  Connection,
  DocumentSymbolParams,
  ExecuteCommandParams,
  HoverParams,
  InitializeError,
  InitializeResult,
} from 'vscode-languageserver';
import {
  CodeActionRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  ErrorCodes,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { requestCancelled, runSteps, unlessCancelled } from './cancellation.js';
import { type AnswerTo, answerSteps, type FeatureRequest, noAnswer } from './features.js';
import { type Lifecycle, lifecycle, unhandledRequest } from './lifecycle.js';
import { invalidParams, wellFormedDocuments } from './params.js';
import { servesDocument } from './rollout-files.js';
import { type Analysis, analyze } from './service/analysis.js';
import { diagnostics } from './service/diagnostics.js';
import { showPlanCommand } from './service/show-plan.js';
import { lensCommandFor, readSettings, type Settings } from './settings.js';
import { validationQueue } from './validation-queue.js';
import { workerLane } from './worker-lane.js';
import { WorkspaceAlarms } from './workspace-alarms.js';
import { normalized, WorkspaceDiagnostics } from './workspace-diagnostics.js';

/** Documents longer than this (UTF-16 units, about 6,000 lines) are analysed in the worker lane. */
const largeChars = 256 * 1024;
/** A document whose analysis on the server's thread took longer than this twice in a row moves to the worker lane. */
const slowAnalysisMs = 100;

export interface ConnectionOptions {
  /**
   * The entry of the analysis worker (the server's bundle, which starts `runAnalysisWorker` in a worker thread).
   * Without it every document is analysed on the server's thread.
   */
  readonly workerUrl?: URL;
  /**
   * The lifecycle the server keeps (./lifecycle.ts), for a host that reads its state: over stdio the executable
   * exits 0 (on `exit` or when stdin ends) only after a `shutdown` it accepted. Default: a fresh one.
   */
  readonly lifecycle?: Lifecycle;
}

/**
 * Wires a connection to the language service: incremental document sync, diagnostics on open and on every
 * change, and the request handlers. Everything domain-specific is in ./service; this file only keeps documents,
 * caches one analysis per document version, and guards the connection from the service's failures.
 *
 * Scheduling: one large document never delays answers on another. Documents are analysed on the server's thread
 * one per turn of the event loop (a request read meanwhile is answered between two of them); a document over
 * `largeChars`, or one whose analysis took over `slowAnalysisMs` twice in a row, goes to the worker lane (./worker-lane.ts),
 * which analyses it on another thread, skips and cancels superseded versions, and answers requests on it from
 * the analysis of the version each request was made at (waiting for it; nothing once the document moves on).
 */
export function initConnection(connection: Connection, options: ConnectionOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, { version: number; capacity: number | undefined; analysis: Analysis }>();
  const slow = new Set<string>();
  /** Documents whose last analysis on this thread was slow: a second slow one moves them to the lane. */
  const slowOnce = new Set<string>();
  let settings: Settings = { capacity: undefined, workspaceDiagnostics: false };
  /** The client's `initializationOptions`: the settings of a client that has no `shiftwise` section. */
  let initialSettings: unknown;
  // Rollout files on disk that are not open: checked from the same reads that collect alarm names.
  const onDisk = new WorkspaceDiagnostics({
    publish: (uri, found) => void connection.sendDiagnostics({ uri, diagnostics: found }),
    isOpen: (uri) => documents.all().some((d) => normalized(d.uri) === uri),
    capacity: () => settings.capacity,
    log: (message) => connection.console.warn(message),
  });
  const alarms = new WorkspaceAlarms((uri, text) => onDisk.fileRead(uri, text));
  /** Logged once: how long after the server started its first diagnostics went out, and the analysis' share. */
  let firstPublish = true;
  let lensCommand = showPlanCommand;
  let canRefreshLenses = false;
  let canPullSettings = false;
  let canWatchFiles = false;
  /** The client takes versioned edits: quick fixes name the document version they were made for. */
  let canVersionEdits = false;
  const life = options.lifecycle ?? lifecycle();

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
    const started = performance.now();
    // The previous version's analysis lends its parse cache: only the top-level blocks an edit touched are parsed.
    const analysis = analyze(
      uri,
      document.getText(),
      cached ? { ...options, previous: cached.analysis } : options,
    );
    // Two slow analyses in a row move a document to the worker lane: the first one of a fresh process is slow
    // while the code warms up, and one slow run alone would move a small document for good.
    if (performance.now() - started <= slowAnalysisMs) slowOnce.delete(uri);
    else if (slowOnce.has(uri)) slow.add(uri);
    else slowOnce.add(uri);
    cache.set(uri, { version: document.version, capacity: settings.capacity, analysis });
    return analysis;
  };

  const lane =
    options.workerUrl &&
    workerLane(options.workerUrl, {
      analysed: ({ uri, version, diagnostics: found }) => {
        if (!lane?.has(uri) || documents.get(uri)?.version !== version) return;
        void connection.sendDiagnostics({ uri, version, diagnostics: found });
      },
      log: (message) => connection.console.error(message),
    });
  /** Whether the document is analysed in the worker lane (it stays there until closed). */
  const inLane = (uri: string, text: string): boolean =>
    lane !== undefined && (lane.has(uri) || text.length > largeChars || slow.has(uri));

  // The version check before publishing is what keeps a stale run from overwriting a newer one.
  const queue = validationQueue((uri) => publish(uri));
  const publish = (uri: string) => {
    const document = documents.get(uri);
    if (document === undefined || !servesDocument(uri) || lane?.has(uri)) return;
    const version = document.version;
    const started = performance.now();
    const found = guard(connection, 'diagnostics', () => {
      const analysis = analysisOf(uri);
      return analysis ? diagnostics(analysis) : [];
    });
    if (documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: found ?? [] });
    if (firstPublish) {
      firstPublish = false;
      const now = performance.now();
      connection.console.info(
        `shiftwise: first diagnostics of an open document ${Math.round(now)} ms after the server started (analysis ${Math.round(now - started)} ms)`,
      );
    }
    // Measured slow just now: later versions go to the worker lane.
    if (slow.has(uri)) cache.delete(uri);
  };
  const validate = (uri: string) => {
    const document = documents.get(uri);
    if (document === undefined || !servesDocument(uri)) return;
    if (lane && inLane(uri, document.getText())) {
      cache.delete(uri);
      queue.delete(uri);
      lane.update(uri, document.version, document.getText(), settings.capacity);
    } else queue.add(uri);
  };

  connection.onInitialize((params): InitializeResult | ResponseError<InitializeError> => {
    const again = life.initializeRefusal();
    if (again !== undefined) return new ResponseError(again.code, again.message, { retry: false });
    initialSettings = params.initializationOptions;
    settings = readSettings(initialSettings);
    lensCommand = lensCommandFor(params);
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canPullSettings = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canVersionEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    alarms.setRoots(params);
    life.initialized();
    return {
      capabilities: {
        // Saves are asked for (without the text): the saved file's alarm names are read from disk again.
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
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
    onDisk.setEnabled(settings.workspaceDiagnostics);
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
    life.notification((params) => {
      // One malformed entry (`uri: 5`, `null`) is skipped, not the end of the list: the others still update.
      const changes: unknown = (params as { changes?: unknown } | null)?.changes;
      for (const c of Array.isArray(changes) ? (changes as unknown[]) : []) {
        const change = c as { uri?: unknown; type?: unknown } | null;
        if (typeof change?.uri === 'string')
          void alarms.changed(change.uri, change.type === FileChangeType.Deleted);
      }
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
    const before = settings;
    // A client with no `shiftwise` section answers null (Neovim, with the settings in init_options): the settings
    // it gave at start stand. VS Code always answers an object, its defaults at least.
    settings = readSettings(section ?? initialSettings);
    for (const document of documents.all()) validate(document.uri);
    onDisk.setEnabled(settings.workspaceDiagnostics);
    // Files on disk are checked again when checking turns on or the capacity they are planned with changes.
    const recheck = settings.capacity !== before.capacity || !before.workspaceDiagnostics;
    if (settings.workspaceDiagnostics && recheck) void alarms.scan();
    // Lens titles depend on the capacity setting; clients that can refresh them are asked to.
    if (canRefreshLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  documents.onDidOpen((e) => validate(e.document.uri));
  documents.onDidChangeContent((e) => validate(e.document.uri));
  // Saved, an open document's alarm names are settled and offered to the others (./workspace-alarms.ts); a client
  // that watches files says so too, and the file is then read twice, which changes nothing.
  documents.onDidSave((e) => void alarms.changed(e.document.uri, false));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    slow.delete(e.document.uri);
    slowOnce.delete(e.document.uri);
    lane?.close(e.document.uri);
    queue.delete(e.document.uri);
    if (!servesDocument(e.document.uri)) return;
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // Closed, the file is what is on disk (unsaved edits are gone): checked from there like any other.
    if (onDisk.enabled) void alarms.changed(e.document.uri, false);
  });

  /** The document's version for a versioned edit, when the client takes them. */
  const versionFor = (uri: string): { version?: number } => {
    const version = documents.get(uri)?.version;
    return canVersionEdits && version !== undefined ? { version } : {};
  };

  /**
   * The answer from the analysis of the document's current version: this thread's, or the worker lane's (which
   * waits for that version's analysis, and answers nothing once the document has moved past it). Cancelled
   * (`$/cancelRequest`) while it waits for the lane, or between two units of long work here (the quick fixes'
   * trials, which also answer nothing once the document moves on), it is answered `RequestCancelled`.
   */
  const ask = <R extends FeatureRequest>(
    uri: string,
    request: R,
    token: CancellationToken,
    method: string,
  ): AnswerTo<R> | Promise<AnswerTo<R> | ResponseError<void>> => {
    const none = noAnswer(uri, request);
    const version = documents.get(uri)?.version;
    if (lane?.has(uri) && version !== undefined) {
      return lane
        .ask(uri, version, request, token)
        .then((found) => (token.isCancellationRequested ? requestCancelled(method) : (found ?? none)));
    }
    const answered = guard(connection, request.feature, () => {
      const analysis = analysisOf(uri);
      if (analysis === undefined) return none;
      return runSteps(answerSteps(analysis, request), token, () => documents.get(uri)?.version === version);
    });
    if (!(answered instanceof Promise)) return answered ?? none;
    return answered.then(
      (found) => (found === 'cancelled' ? requestCancelled(method) : found === 'moved' ? none : found),
      (error: unknown) => {
        logFailure(connection, request.feature, error);
        return none;
      },
    );
  };
  /**
   * Serves a request on a running server, with params of the shape the specification gives (else
   * `InvalidParams`, ./params.ts). Registered with `onRequest`, not `onHover` and its kin, which read
   * `params.workDoneToken` before any handler runs and so answer null params with an InternalError. A request
   * cancelled while it waited in the queue (its `$/cancelRequest` read before it was served) is answered
   * `RequestCancelled` without its work.
   */
  const serve = <P, R>(
    type: { readonly method: string },
    handler: (params: P, token: CancellationToken, method: string) => R,
  ) => {
    const method = type.method;
    connection.onRequest<unknown, void>(method, (params: P, token: CancellationToken) =>
      life.request(method, (p: P): unknown => {
        const problem = invalidParams(method, p);
        if (problem !== undefined) return new ResponseError(ErrorCodes.InvalidParams, problem);
        return token.isCancellationRequested ? requestCancelled(method) : handler(p, token, method);
      })(params),
    );
  };
  serve(HoverRequest.type, (p: HoverParams, token, method) =>
    ask(p.textDocument.uri, { feature: 'hover', position: p.position }, token, method),
  );
  // The first completion may wait for the start-up scan of the workspace's alarm names; cancelled, it stops waiting.
  serve(CompletionRequest.type, async (p: CompletionParams, token, method) => {
    const knownAlarms = await unlessCancelled(alarms.names(p.textDocument.uri), token);
    if (knownAlarms === 'cancelled') return requestCancelled(method);
    return ask(
      p.textDocument.uri,
      { feature: 'completion', position: p.position, knownAlarms },
      token,
      method,
    );
  });
  serve(CodeActionRequest.type, (p: CodeActionParams, token, method) =>
    ask(
      p.textDocument.uri,
      {
        feature: 'codeAction',
        range: p.range,
        diagnostics: p.context?.diagnostics ?? [],
        ...versionFor(p.textDocument.uri),
      },
      token,
      method,
    ),
  );
  serve(CodeLensRequest.type, (p: CodeLensParams, token, method) =>
    ask(p.textDocument.uri, { feature: 'codeLens', command: lensCommand }, token, method),
  );
  serve(DocumentSymbolRequest.type, (p: DocumentSymbolParams, token, method) =>
    ask(p.textDocument.uri, { feature: 'documentSymbol' }, token, method),
  );
  serve(ExecuteCommandRequest.type, (p: ExecuteCommandParams, token, method) => {
    const uri = p.arguments?.[0];
    if (p.command !== showPlanCommand || typeof uri !== 'string') return null;
    return ask(uri, { feature: 'showPlan' }, token, method);
  });

  documents.listen(
    wellFormedDocuments(life.gated(connection), (message) => connection.console.warn(message)),
  );
}

/** Runs one handler; a failure is logged and answered with `undefined` instead of taking the server down. */
function guard<T>(connection: Connection, name: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    logFailure(connection, name, error);
    return undefined;
  }
}

function logFailure(connection: Connection, name: string, error: unknown): void {
  connection.console.error(
    `shiftwise: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`,
  );
}
