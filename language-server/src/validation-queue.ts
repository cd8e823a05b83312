/** Above this many milliseconds per validation, a document waits a moment for more changes before validating. */
const slowMs = 10;

/**
 * Queues documents for validation and runs each once per batch, for its newest version.
 *
 * vscode-jsonrpc handles one message per turn of the event loop, so a queue flushed with `setImmediate` runs
 * right after the change that filled it: the lowest latency, which is what small files want. A document whose
 * last validation was slow (a 5,000-line file: tens of milliseconds) is instead flushed from a 1 ms timer,
 * which lets every change already read from the pipe be applied first: a burst of keystrokes costs one
 * validation, not one per keystroke, and the server does not fall behind the typist.
 *
 * One document is validated per turn of the event loop, the one queued first; a request read from the pipe
 * meanwhile is answered before the next document, so many open documents do not hold a hover back.
 */
export function validationQueue(run: (uri: string) => void): {
  add(uri: string): void;
  delete(uri: string): void;
} {
  const pending = new Set<string>();
  const cost = new Map<string, number>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const [uri] = pending;
    if (uri === undefined) return;
    pending.delete(uri);
    const started = performance.now();
    run(uri);
    cost.set(uri, performance.now() - started);
    const [next] = pending;
    if (next !== undefined) schedule(next);
  };
  const schedule = (uri: string) => {
    if (scheduled) return;
    scheduled = true;
    if ((cost.get(uri) ?? 0) > slowMs) setTimeout(flush, 1);
    else setImmediate(flush);
  };
  return {
    add(uri) {
      pending.add(uri);
      schedule(uri);
    },
    delete(uri) {
      pending.delete(uri);
      cost.delete(uri);
    },
  };
}
