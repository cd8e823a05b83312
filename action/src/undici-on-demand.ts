// undici as @actions/github and @actions/http-client use it, loaded only when a proxy is configured. They fetch
// through undici so that a proxy (https_proxy) can be set as a dispatcher; with no proxy they pass none, and
// the request goes through @actions/http-client instead (./http-fetch.ts), so neither the bundle's undici (about
// 400 kB) nor Node's own is ever loaded: scripts/build.mjs resolves their `undici` to this file, and
// `import('undici')` below to the real package, which the bundle keeps in a chunk of its own.
import { type FetchAnswer, httpFetch } from './http-fetch.js';

type Init = { dispatcher?: unknown } & Record<string, unknown>;
type Fetch = (input: string | URL, init?: Init) => Promise<Response>;
interface Undici {
  readonly fetch: Fetch;
  readonly ProxyAgent: new (options: unknown) => object;
}

let undici: Promise<Undici> | undefined;

function load(): Promise<Undici> {
  // undici is CommonJS: its exports are the default export of the module namespace the bundle makes of it.
  // @ts-expect-error undici is a dependency of @actions/* only: its types are not the action's to resolve.
  undici ??= import('undici').then((m: { default?: Undici } & Undici) => m.default ?? m);
  return undici;
}

/** Stands in for undici's ProxyAgent (@actions/http-client builds one for a proxy) until a request uses it. */
export class ProxyAgent {
  #real: Promise<object> | undefined;
  constructor(readonly options: unknown) {}

  /** The real ProxyAgent, built on first use. */
  real(): Promise<object> {
    this.#real ??= load().then((u) => new u.ProxyAgent(this.options));
    return this.#real;
  }
}

/** undici's fetch through a proxy; @actions/http-client otherwise (no dispatcher, as @actions/github passes then). */
export async function fetch(input: string | URL, init: Init = {}): Promise<Response | FetchAnswer> {
  if (!(init.dispatcher instanceof ProxyAgent))
    return httpFetch(input, init as Parameters<typeof httpFetch>[1]);
  const [{ fetch: proxied }, dispatcher] = await Promise.all([load(), init.dispatcher.real()]);
  return proxied(input, { ...init, dispatcher });
}
