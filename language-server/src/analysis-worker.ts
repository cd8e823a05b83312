import { parentPort } from 'node:worker_threads';
import { answer, type FeatureRequest, noAnswer } from './features.js';
import { type Analysis, analyze } from './service/analysis.js';
import { diagnostics } from './service/diagnostics.js';

/** What the server's thread sends the analysis worker. */
export type ToWorker =
  | {
      readonly kind: 'analyze';
      readonly uri: string;
      readonly version: number;
      readonly text: string;
      readonly capacity: number | undefined;
    }
  | {
      readonly kind: 'ask';
      readonly id: number;
      readonly uri: string;
      /** The document version the request was made at: only an analysis of that version answers it. */
      readonly version: number;
      readonly request: FeatureRequest;
    }
  | { readonly kind: 'close'; readonly uri: string };

/** What the worker answers. `error` is a failure's stack, for the server's log. */
export type FromWorker =
  | {
      readonly kind: 'analysed';
      readonly uri: string;
      readonly version: number;
      readonly diagnostics: ReturnType<typeof diagnostics>;
      readonly error?: string;
    }
  | { readonly kind: 'answer'; readonly id: number; readonly result?: unknown; readonly error?: string };

/**
 * The analysis worker's loop: it analyses the large documents the server hands it, one at a time, keeps the
 * last analysis of each, and answers requests on them from it when it is of the version asked about (an answer
 * from another version's text would put its ranges and edits in the wrong place: empty is safe, wrong is not).
 * The server's thread stays free for every other document meanwhile. Architecture invariant: the worker runs the same pure service as the server's thread and
 * knows nothing of the connection.
 */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (port === null) throw new Error('runAnalysisWorker runs in a worker thread');
  const analyses = new Map<string, Analyzed>();
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'close') analyses.delete(message.uri);
    else if (message.kind === 'analyze') port.postMessage(analysed(analyses, message));
    else {
      const last = analyses.get(message.uri);
      const reply = attempt(() =>
        last?.version === message.version
          ? answer(last.analysis, message.request)
          : noAnswer(message.uri, message.request),
      );
      port.postMessage({ kind: 'answer', id: message.id, ...reply } satisfies FromWorker);
    }
  });
}

/** The last analysis of a document and the version it is of. */
interface Analyzed {
  readonly version: number;
  readonly analysis: Analysis;
}

function analysed(analyses: Map<string, Analyzed>, job: Extract<ToWorker, { kind: 'analyze' }>): FromWorker {
  const previous = analyses.get(job.uri)?.analysis;
  const options = {
    ...(job.capacity !== undefined && { capacity: job.capacity }),
    ...(previous !== undefined && { previous }),
  };
  const reply = attempt(() => {
    const analysis = analyze(job.uri, job.text, options);
    analyses.set(job.uri, { version: job.version, analysis });
    return { diagnostics: diagnostics(analysis) };
  });
  return {
    kind: 'analysed',
    uri: job.uri,
    version: job.version,
    diagnostics: reply.result?.diagnostics ?? [],
    ...(reply.error !== undefined && { error: reply.error }),
  };
}

function attempt<T>(run: () => T): { result?: T; error?: string } {
  try {
    return { result: run() };
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
