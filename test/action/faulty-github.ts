import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

// A proxy in front of the GitHub double that answers some requests with GitHub's bad moments (5xx, rate limits)
// and passes the rest on: what the action does when GitHub falters, end to end.

/** Requests matching `method` and `path` (the path and query as sent) get `status`, `times` times. */
export interface Fault {
  readonly method?: string;
  readonly path: RegExp;
  readonly times: number;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** GitHub's answer: JSON, or a string sent as HTML (a 5xx page). */
  readonly body?: unknown;
  /** The double does the request (a comment is written) and the answer is replaced: a 502 after the write. */
  readonly afterWrite?: boolean;
}

export interface FaultyGitHub {
  readonly url: string;
  /** `METHOD path` of every request, with ` → status` where a fault answered. */
  readonly log: string[];
  stop(): Promise<void>;
}

export async function faultyGitHub(target: string, faults: readonly Fault[]): Promise<FaultyGitHub> {
  const left = faults.map((f) => f.times);
  const log: string[] = [];
  const server = createServer((req, res) => {
    const i = faults.findIndex(
      (f, n) => (left[n] ?? 0) > 0 && (f.method ?? req.method) === req.method && f.path.test(req.url ?? ''),
    );
    const fault = faults[i];
    log.push(`${req.method} ${decodeURIComponent(req.url ?? '')}${fault ? ` → ${fault.status}` : ''}`);
    const answer = (f: Fault) => {
      const html = typeof f.body === 'string';
      res.writeHead(f.status, { 'content-type': html ? 'text/html' : 'application/json', ...f.headers });
      res.end(html ? f.body : JSON.stringify(f.body ?? { message: `Server Error ${f.status}` }));
    };
    if (fault && !fault.afterWrite) {
      left[i] = (left[i] ?? 0) - 1;
      req.resume();
      return answer(fault);
    }
    if (fault) left[i] = (left[i] ?? 0) - 1;
    const upstream = forward(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      if (fault) {
        up.resume();
        return up.on('end', () => answer(fault));
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
