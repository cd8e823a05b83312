import { type Connection, ErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * The LSP lifecycle, which vscode-languageserver leaves to the server: before `initialize` a request is answered
 * with `ServerNotInitialized` (-32002) and a notification is dropped (`exit` aside); a second `initialize`, and any
 * request after `shutdown`, is answered with `InvalidRequest` (-32600). Handlers wrapped by `request` and
 * `notification` see only a running server.
 */
export interface Lifecycle {
  /** Where the server is: `new` until `initialize` is answered, `shut down` once a `shutdown` was accepted. */
  state(): LifecycleState;
  initialized(): void;
  /** The error a second `initialize` gets (the spec: it "may only be sent once"), or undefined for the first. */
  initializeRefusal(): ResponseError<void> | undefined;
  shutDown(): void;
  /** The error a request gets now, or undefined while the server runs. */
  refusal(method: string): ResponseError<void> | undefined;
  request<P, R>(method: string, handler: (params: P) => R): (params: P) => R | ResponseError<void>;
  notification<P>(handler: (params: P) => void): (params: P) => void;
  /** The connection as `TextDocuments.listen` sees it: document notifications are dropped unless running. */
  gated(connection: Connection): Connection;
}

export type LifecycleState = 'new' | 'running' | 'shut down';

export function lifecycle(): Lifecycle {
  let state: LifecycleState = 'new';
  const refusal = (method: string) =>
    state === 'new'
      ? new ResponseError(
          ErrorCodes.ServerNotInitialized,
          `${method} before initialize: send initialize first`,
        )
      : state === 'shut down'
        ? new ResponseError(
            ErrorCodes.InvalidRequest,
            `${method} after shutdown: the server only accepts exit now`,
          )
        : undefined;
  const notification =
    <P>(handler: (params: P) => void) =>
    (params: P) => {
      if (state === 'running') handler(params);
    };
  const documentEvents = new Set([
    'onDidOpenTextDocument',
    'onDidChangeTextDocument',
    'onDidCloseTextDocument',
    'onWillSaveTextDocument',
    'onDidSaveTextDocument',
  ]);
  return {
    state: () => state,
    initialized: () => {
      if (state === 'new') state = 'running';
    },
    shutDown: () => {
      state = 'shut down';
    },
    initializeRefusal: () =>
      state === 'new'
        ? undefined
        : (refusal('initialize') ??
          new ResponseError(
            ErrorCodes.InvalidRequest,
            'initialize again: the server is already initialized; send shutdown and exit, then start a new one',
          )),
    refusal,
    request: (method, handler) => (params) => refusal(method) ?? handler(params),
    notification,
    gated: (connection) =>
      new Proxy(connection, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof property !== 'string' || !documentEvents.has(property)) return value;
          return (handler: (params: unknown) => void) => value.call(target, notification(handler));
        },
      }),
  };
}

/** Answers a request no handler serves: the lifecycle's error, else MethodNotFound as vscode-jsonrpc would. */
export function unhandledRequest(life: Lifecycle): (method: string) => ResponseError<void> {
  return (method) =>
    life.refusal(method) ?? new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
}
