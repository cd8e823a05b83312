import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './analysis-worker.js';
import type { AnswerTo, FeatureRequest } from './features.js';

/** A job running longer than this is cancelled (the worker restarted) when a newer version of its document comes. */
const cancelAfterMs = 500;

export interface LaneEvents {
  /** The diagnostics of one analysed version; the server publishes them if the document is still at it. */
  analysed(result: Extract<FromWorker, { kind: 'analysed' }>): void;
  log(message: string): void;
}

export interface WorkerLane {
  /** Hands the newest version of a large document to the worker; a version not yet started is superseded. */
  update(uri: string, version: number, text: string, capacity: number | undefined): void;
  /** The answer from the document's last analysis (undefined when there is none or the worker failed). */
  ask<R extends FeatureRequest>(uri: string, request: R): Promise<AnswerTo<R> | undefined>;
  has(uri: string): boolean;
  close(uri: string): void;
}

interface Job {
  readonly version: number;
  readonly text: string;
  readonly capacity: number | undefined;
}

/**
 * The lane of large documents: one worker thread analyses them, one job at a time, while the server's thread
 * answers every other document. Only the newest version of a document is ever sent (versions typed while a job
 * runs are skipped), and a job of an older version that has run for over `cancelAfterMs` is cancelled by
 * restarting the worker, so a superseded analysis of a huge file does not hold the lane. Requests on a large
 * document are answered by the worker from its last analysis of it.
 *
 * `url` is the worker's entry: the server's own bundle, which starts the analysis worker in a worker thread.
 */
export function workerLane(url: URL, events: LaneEvents): WorkerLane {
  const newest = new Map<string, Job>();
  /** What the current worker was last given per document: `version:capacity`. */
  const sent = new Map<string, string>();
  const asks = new Map<number, (result: unknown) => void>();
  let running: { uri: string; version: number; since: number; key: string } | undefined;
  let worker: Worker | undefined;
  let nextId = 0;

  const start = (): Worker => {
    const w = new Worker(url);
    w.unref();
    w.on('message', (message: FromWorker) => {
      // A late answer of a worker already replaced (cancelled) speaks for nothing that is running now.
      if (worker !== w) return;
      if (message.error !== undefined) events.log(`shiftwise: analysis worker: ${message.error}`);
      if (message.kind === 'answer') {
        asks.get(message.id)?.(message.error === undefined ? message.result : undefined);
        asks.delete(message.id);
        return;
      }
      running = undefined;
      events.analysed(message);
      pump();
    });
    w.on('error', (error) => events.log(`shiftwise: analysis worker failed: ${error.stack ?? error}`));
    w.on('exit', () => {
      if (worker !== w) return;
      // The worker died on its own (out of memory, say): the document it was analysing is not sent again until
      // it changes, so one document cannot crash the lane in a loop.
      const crashed = running;
      worker = undefined;
      reset();
      if (crashed !== undefined) {
        sent.set(crashed.uri, crashed.key);
        events.log(
          `shiftwise: the analysis of ${crashed.uri} (version ${crashed.version}) stopped the worker; it is retried when the document changes`,
        );
      }
      pump();
    });
    return w;
  };
  const reset = () => {
    for (const resolve of asks.values()) resolve(undefined);
    asks.clear();
    sent.clear();
    running = undefined;
  };
  const post = (message: ToWorker) => {
    worker ??= start();
    worker.postMessage(message);
  };
  const pump = () => {
    if (running !== undefined) return;
    for (const [uri, job] of newest) {
      const key = `${job.version}:${job.capacity}`;
      if (sent.get(uri) === key) continue;
      post({ kind: 'analyze', uri, ...job });
      sent.set(uri, key);
      running = { uri, version: job.version, since: performance.now(), key };
      return;
    }
  };

  return {
    update(uri, version, text, capacity) {
      newest.set(uri, { version, text, capacity });
      if (running?.uri === uri && performance.now() - running.since > cancelAfterMs) {
        const old = worker;
        worker = undefined;
        reset();
        void old?.terminate();
      }
      pump();
    },
    ask(uri, request) {
      if (!newest.has(uri)) return Promise.resolve(undefined);
      const id = nextId++;
      return new Promise((resolve) => {
        asks.set(id, resolve as (result: unknown) => void);
        post({ kind: 'ask', id, uri, request });
      });
    },
    has: (uri) => newest.has(uri),
    close(uri) {
      newest.delete(uri);
      sent.delete(uri);
      worker?.postMessage({ kind: 'close', uri } satisfies ToWorker);
    },
  };
}
