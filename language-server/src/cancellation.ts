import { type CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

// `$/cancelRequest`: vscode-jsonrpc cancels a request's token as soon as it reads the notification, but a handler
// that runs without a pause never sees it (the notification is read only after the answer went out). Work that can
// be long pauses between its units (./features.ts `answerSteps`), and a request that waits (the worker lane, the
// start-up scan of alarm names) stops waiting; such a request is answered `RequestCancelled`.

/** The answer to a request the client cancelled: `RequestCancelled` (-32800), as the LSP specification says. */
export function requestCancelled(method: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled by the client`);
}

/** Why stepwise work stopped before its end: the client cancelled it, or the document moved on. */
export type Stopped = 'cancelled' | 'moved';

/**
 * Runs stepwise work (a generator that yields between its units of work), one step per turn of the event loop, so a
 * `$/cancelRequest` or a `didChange` read between two steps is seen: at the next pause it stops with `'cancelled'`
 * when the token is cancelled, and with `'moved'` when `current()` says the document is no longer at the version
 * the work is for (its ranges and edits would be placed wrongly). Work done at its first step is answered at once.
 */
export function runSteps<T>(
  steps: Iterator<void, T>,
  token: CancellationToken,
  current: () => boolean,
): T | Promise<T | Stopped> {
  const first = steps.next();
  if (first.done === true) return first.value;
  return (async () => {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) return 'cancelled';
      if (!current()) return 'moved';
      const step = steps.next();
      if (step.done === true) return step.value;
    }
  })();
}

/** Settles as `promise` does, or with `'cancelled'` as soon as the token is cancelled (the promise is then not read). */
export function unlessCancelled<T>(promise: Promise<T>, token: CancellationToken): Promise<T | 'cancelled'> {
  if (token.isCancellationRequested) return Promise.resolve('cancelled');
  return new Promise((resolve, reject) => {
    const listening = token.onCancellationRequested(() => resolve('cancelled'));
    promise.then(resolve, reject).finally(() => listening.dispose());
  });
}
