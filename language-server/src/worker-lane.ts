import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import type { FromWorker, ToWorker } from './analysis-worker.js';
import type { AnswerTo, FeatureRequest } from './features.js';

/** A job running longer than this is cancelled (the worker restarted) when a newer version of its document comes. */
const cancelAfterMs = 500;
/** A request waits this long at most for the analysis of its version; then it is answered with nothing. */
const waitLimitMs = 5_000;

export interface LaneEvents {
  /** The diagnostics of one analysed version; the server publishes them if the document is still at it. */
  analysed(result: Extract<FromWorker, { kind: 'analysed' }>): void;
  log(message: string): void;
}

export interface LaneOptions {
  /** How long a request waits for the analysis of its version (default 5 s); tests shorten it. */
  readonly waitLimitMs?: number;
}

export interface WorkerLane {
  /** Hands the newest version of a large document to the worker; a version not yet started is superseded. */
  update(uri: string, version: number, text: string, capacity: number | undefined): void;
  /**
   * The answer from the analysis of the document at `version`, the version the request was made at: it waits for
   * that analysis when the worker has not finished it yet, and is undefined when the document has moved on (or
   * never reached that version), when the analysis of that version failed, or when the worker did, or when it
   * does not come within the wait limit (5 s; a lane busy with documents analysed in turn). An answer
   * from another version's text would place its ranges and edits wrongly, so none is ever given. Once `token` is
   * cancelled (`$/cancelRequest`), it is undefined at once: the request stops waiting, and the worker's answer, if
   * already asked for, is not read.
   */
  ask<R extends FeatureRequest>(
    uri: string,
    version: number,
    request: R,
    token?: CancellationToken,
  ): Promise<AnswerTo<R> | undefined>;
  has(uri: string): boolean;
  /** Forgets the document; the result of a job of it still running is dropped (that text is gone). */
  close(uri: string): void;
  /** Ends the worker thread (a test's lane; the server's ends with its process). */
  stop(): Promise<void>;
}

interface Job {
  readonly version: number;
  readonly text: string;
  readonly capacity: number | undefined;
}

/** A request waiting for the analysis of the version it was made at. */
interface Waiting {
  readonly version: number;
  /** Posts the request to the worker, which answers it from that analysis. */
  send(): void;
  /** Answers it with nothing: that analysis will not come (or the request waited too long). */
  drop(): void;
}

/**
 * The lane of large documents: one worker thread analyses them, one job at a time, while the server's thread
 * answers every other document. Only the newest version of a document is ever sent (versions typed while a job
 * runs are skipped), and a job of an older version that has run for over `cancelAfterMs` is cancelled by
 * restarting the worker, so a superseded analysis of a huge file does not hold the lane. Documents take turns: the
 * next job is a document a request waits on, else the one sent longest ago, so a document typed in without pause
 * does not keep another out. A request on a large document is answered by the worker from the analysis of the
 * version it was made at, once that is done; a request whose version is superseded before then, or that waits
 * longer than the wait limit, is answered with nothing.
 *
 * `url` is the worker's entry: the server's own bundle, which starts the analysis worker in a worker thread.
 */
export function workerLane(url: URL, events: LaneEvents, options: LaneOptions = {}): WorkerLane {
  /** The open large documents' newest versions, in turn order: a document sent goes to the back. */
  const newest = new Map<string, Job>();
  /** What the current worker was last given per document: `version:capacity`. */
  const sent = new Map<string, string>();
  const asks = new Map<number, (result: unknown) => void>();
  /** The version of each document the worker last finished analysing. */
  const done = new Map<string, number>();
  /** Requests waiting for the analysis of their version, per document. */
  const waiting = new Map<string, Waiting[]>();
  /**
   * The job the worker runs. `closed`: its document was closed meanwhile, so its result speaks for text that is
   * gone, even when the document is opened again at the same version (a file reloaded from disk).
   */
  let running: { uri: string; version: number; since: number; key: string; closed?: boolean } | undefined;
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
      const job = running;
      running = undefined;
      if (job?.closed !== true) {
        if (newest.has(message.uri)) done.set(message.uri, message.version);
        settle(message.uri, (w) => w.version <= message.version, message.version);
        events.analysed(message);
      }
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
      if (crashed !== undefined && crashed.closed !== true) {
        sent.set(crashed.uri, crashed.key);
        settle(crashed.uri, () => true);
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
    done.clear();
    running = undefined;
  };
  /** Takes the waiting requests of `uri` that `match`: those of version `answered` are sent, the others dropped. */
  const settle = (uri: string, match: (w: Waiting) => boolean, answered?: number) => {
    const list = waiting.get(uri) ?? [];
    const rest = list.filter((w) => !match(w));
    for (const w of list) if (match(w)) w.version === answered ? w.send() : w.drop();
    if (rest.length === 0) waiting.delete(uri);
    else waiting.set(uri, rest);
  };
  /** Whether the lane has yet to finish analysing `version` of `uri`: it runs now, or it has not been sent. */
  const coming = (uri: string, version: number): boolean => {
    const job = newest.get(uri);
    if (job?.version !== version) return false;
    return (running?.uri === uri && running.version === version) || sent.get(uri) !== keyOf(job);
  };
  const post = (message: ToWorker) => {
    worker ??= start();
    worker.postMessage(message);
  };
  /** Sends the next job, if the worker is free: a document a request waits on first, else the next in turn. */
  const pump = () => {
    if (running !== undefined) return;
    const due = [...newest].filter(([uri, job]) => sent.get(uri) !== keyOf(job));
    const next = due.find(([uri]) => waiting.has(uri)) ?? due[0];
    if (next === undefined) return;
    const [uri, job] = next;
    const key = keyOf(job);
    post({ kind: 'analyze', uri, ...job });
    sent.set(uri, key);
    running = { uri, version: job.version, since: performance.now(), key };
    newest.delete(uri);
    newest.set(uri, job);
  };
  /**
   * Parks a request until its version is analysed, or answers it with nothing once it has waited too long. Returns
   * what takes it out of the waiting list unanswered (a cancelled request).
   */
  const park = (uri: string, version: number, send: () => void, drop: () => void): (() => void) => {
    const unpark = () => {
      clearTimeout(timer);
      const rest = (waiting.get(uri) ?? []).filter((w) => w !== entry);
      if (rest.length === 0) waiting.delete(uri);
      else waiting.set(uri, rest);
    };
    const timer = setTimeout(() => {
      unpark();
      drop();
    }, options.waitLimitMs ?? waitLimitMs);
    timer.unref();
    const entry: Waiting = {
      version,
      send: () => {
        clearTimeout(timer);
        send();
      },
      drop: () => {
        clearTimeout(timer);
        drop();
      },
    };
    waiting.set(uri, [...(waiting.get(uri) ?? []), entry]);
    return unpark;
  };

  return {
    update(uri, version, text, capacity) {
      newest.set(uri, { version, text, capacity });
      settle(uri, (w) => w.version < version);
      if (running?.uri === uri && performance.now() - running.since > cancelAfterMs) {
        const old = worker;
        worker = undefined;
        reset();
        void old?.terminate();
      }
      pump();
    },
    ask(uri, version, request, token) {
      if (newest.get(uri)?.version !== version || token?.isCancellationRequested === true)
        return Promise.resolve(undefined);
      return new Promise((resolve) => {
        let id: number | undefined;
        let unpark: (() => void) | undefined;
        const cancelling = token?.onCancellationRequested(() => {
          unpark?.();
          if (id !== undefined) asks.delete(id);
          resolve(undefined);
        });
        const answered = (result: unknown) => {
          cancelling?.dispose();
          resolve(result as AnswerTo<typeof request> | undefined);
        };
        const send = () => {
          unpark = undefined;
          id = nextId++;
          asks.set(id, answered);
          post({ kind: 'ask', id, uri, version, request });
        };
        if (done.get(uri) === version) send();
        else if (!coming(uri, version)) answered(undefined);
        else unpark = park(uri, version, send, () => answered(undefined));
      });
    },
    has: (uri) => newest.has(uri),
    close(uri) {
      if (running?.uri === uri) running = { ...running, closed: true };
      newest.delete(uri);
      sent.delete(uri);
      done.delete(uri);
      settle(uri, () => true);
      worker?.postMessage({ kind: 'close', uri } satisfies ToWorker);
    },
    async stop() {
      const old = worker;
      worker = undefined;
      reset();
      await old?.terminate();
    },
  };
}

/** What a job is analysed with: the same key means the same analysis. */
function keyOf(job: Job): string {
  return `${job.version}:${job.capacity}`;
}
