// The fetch Octokit calls when no proxy is configured: a request through @actions/http-client (node:http and
// node:https), answered in the part of the Fetch API that Octokit reads. Node's own fetch would do, but its first
// call loads and compiles undici inside Node: about a third of the CPU of a plan-mode run (bench/startup.bench.ts).
import { HttpClient } from '@actions/http-client';

/** What Octokit's request reads of a response: status, url, the headers, and the body as text or bytes. */
export interface FetchAnswer {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: AnswerHeaders;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Response headers as Fetch gives them: names in lower case, iterable as pairs, values of one name joined. */
export class AnswerHeaders {
  readonly #values: Map<string, string>;
  constructor(raw: Readonly<Record<string, string | string[] | undefined>>) {
    this.#values = new Map(
      Object.entries(raw).flatMap(([name, value]) =>
        value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]],
      ),
    );
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

interface Init {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | null;
}

let client: HttpClient | undefined;

/**
 * Sends one request as Octokit asks it (a string body or none; headers, its User-Agent among them, as a plain
 * object) and reads the whole answer; errors on the wire reject, as fetch does. Where it differs from fetch, none of
 * which the action's calls to GitHub meet: redirects are followed as @actions/http-client does (up to 50, keeping
 * the method and body, absolute `Location` only) and `url` stays the one asked for; a signal is checked only
 * before the request is sent, and `redirect` is not read.
 */
export async function httpFetch(input: string | URL, init: Init = {}): Promise<FetchAnswer> {
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string')
    throw new TypeError('httpFetch sends string bodies only (Octokit sends JSON as text)');
  init.signal?.throwIfAborted();
  if (!client) {
    client = new HttpClient();
    // Octokit's own User-Agent (with the runner's orchestration id) goes out as it set it.
    client.userAgent = undefined;
  }
  const url = String(input);
  const answer = await client.request(
    init.method ?? 'GET',
    url,
    (init.body as string | undefined) ?? null,
    init.headers ?? {},
  );
  const body = answer.readBodyBuffer
    ? answer.readBodyBuffer()
    : answer.readBody().then((text) => Buffer.from(text));
  body.catch(() => undefined); // read in full even when no one asks (a 204), and never an unhandled rejection
  const status = answer.message.statusCode ?? 0;
  const text = async () => (await body).toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: answer.message.statusMessage ?? '',
    url,
    headers: new AnswerHeaders(answer.message.headers),
    text,
    json: async () => JSON.parse(await text()),
    arrayBuffer: async () => {
      const bytes = await body;
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}
