import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';

// A GitHub REST double on loopback for the action's end-to-end tests: the few endpoints plan mode calls,
// answered from in-memory state, with every request recorded so tests can assert what the action did.

/** One changed file of the pull request, as `GET /repos/{o}/{r}/pulls/{n}/files` lists it. */
export interface PullFile {
  readonly filename: string;
  readonly status?: 'added' | 'modified' | 'removed' | 'renamed';
  /** Where a renamed file was. */
  readonly previous_filename?: string;
}

/** A request the double received: method, path without the query, the query, the Authorization header, the body. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface IssueComment {
  readonly id: number;
  body: string;
  readonly html_url: string;
  readonly user: CommentUser;
}

/** Git's id of a blob: the SHA-1 of `blob <size>\0` and the bytes. */
function blobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A comment's author as REST gives it; the double fills `id` from the login when a test leaves it out. */
export interface CommentUser {
  readonly login: string;
  readonly type: string;
  readonly id?: number;
}

export interface GitHubDoubleOptions {
  /** Files the pull request changes. */
  readonly files?: readonly PullFile[];
  /** File texts by `ref` (a commit SHA or branch) then path; a missing entry answers 404. */
  readonly contents?: Readonly<Record<string, Readonly<Record<string, string | Uint8Array>>>>;
  /**
   * Symbolic links by `ref` then path, to their target as git stores it (relative to the link's folder, or
   * absolute). Answered as GitHub's contents API does: a link to a file of `contents` at that ref is followed (the
   * target's text, under the target's `path`); a link to anything else is `{ type: 'symlink', target }`.
   */
  readonly links?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Comments already on the pull request; by `github-actions[bot]` unless `user` says otherwise. */
  readonly comments?: readonly (Pick<IssueComment, 'body'> & Partial<Pick<IssueComment, 'user'>>)[];
  /**
   * `GET /user`: the token's own login, as for a personal access token. Unset, it answers 403, as GitHub does
   * for installation tokens (the workflow token, GitHub Apps).
   */
  readonly tokenUser?: string;
  /**
   * The bot an installation token comments as when `tokenUser` is unset: `github-actions[bot]` (the workflow
   * token) unless a test names a GitHub App's bot.
   */
  readonly tokenBot?: string;
  /** Answer GraphQL with an error, as an old GitHub Enterprise Server or a restricted token might. */
  readonly graphqlRefused?: boolean;
  /** Answer `POST …/comments` and `PATCH …/comments/{id}` with 403, as for a fork's read-only token. */
  readonly forbidWrites?: boolean;
  /** Page size cap, to exercise pagination (GitHub's is 100). */
  readonly maxPerPage?: number;
}

export interface GitHubDouble {
  /** `http://127.0.0.1:PORT`: what `GITHUB_API_URL` is set to. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly comments: IssueComment[];
  stop(): Promise<void>;
}

type Route = (match: RegExpMatchArray, request: RecordedRequest, res: ServerResponse) => void;

/** Starts the double on 127.0.0.1 and a free port. */
export async function startGitHubDouble(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
  const requests: RecordedRequest[] = [];
  const comments: IssueComment[] = [];
  /** Blobs by the `sha` a contents answer gave them (git's blob hash), for `GET …/git/blobs/{sha}`. */
  const blobs = new Map<string, Buffer>();
  let nextId = 1000;
  let url = '';
  const addComment = (body: string, author: CommentUser = tokenAuthor(options)): IssueComment => {
    const id = nextId++;
    const user = { ...author, id: author.id ?? accountId(author.login) };
    const comment = { id, body, html_url: `https://github.com/owner/repo/pull/1#issuecomment-${id}`, user };
    comments.push(comment);
    return comment;
  };
  for (const c of options.comments ?? [])
    addComment(c.body, c.user ?? { login: 'github-actions[bot]', type: 'Bot' });
  const maxPerPage = options.maxPerPage ?? 100;

  const paged = (items: readonly unknown[], request: RecordedRequest, res: ServerResponse) => {
    const perPage = Math.min(Number(request.query.per_page ?? 30), maxPerPage);
    const page = Number(request.query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last)
      headers.link = `<${url}${request.path}?per_page=${perPage}&page=${page + 1}>; rel="next", <${url}${request.path}?per_page=${perPage}&page=${last}>; rel="last"`;
    send(res, 200, items.slice((page - 1) * perPage, page * perPage), headers);
  };

  const routes: [string, RegExp, Route][] = [
    [
      'GET',
      /^\/user$/,
      (_m, _request, res) =>
        options.tokenUser === undefined
          ? send(res, 403, { message: 'Resource not accessible by integration' })
          : send(res, 200, { login: options.tokenUser, id: accountId(options.tokenUser), type: 'User' }),
    ],
    [
      'POST',
      /^\/graphql$/,
      (_m, request, res) => {
        const query = (request.body as { query?: unknown } | undefined)?.query;
        if (options.graphqlRefused || typeof query !== 'string' || !/\bviewer\b/.test(query))
          return send(res, 200, { errors: [{ message: 'The GitHub double answers only `viewer`' }] });
        // GraphQL names a bot without REST's `[bot]` suffix; the action must match it by ID or either spelling.
        const me = tokenAuthor(options);
        send(res, 200, {
          data: { viewer: { login: me.login.replace(/\[bot\]$/, ''), databaseId: accountId(me.login) } },
        });
      },
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/,
      (_m, request, res) =>
        paged(
          (options.files ?? []).map((f) => ({ status: 'modified', ...f })),
          request,
          res,
        ),
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/,
      (m, request, res) => {
        const asked = decodeURIComponent(m[1] as string);
        const ref = request.query.ref ?? '';
        const link = options.links?.[ref]?.[asked];
        const path = link === undefined ? asked : posix.join(posix.dirname(asked), link);
        const text = link?.startsWith('/') ? undefined : options.contents?.[ref]?.[path];
        if (link !== undefined && text === undefined)
          return send(res, 200, { type: 'symlink', path: asked, target: link, size: link.length });
        if (text === undefined) return send(res, 404, { message: 'Not Found' });
        const bytes = Buffer.from(text);
        const sha = blobSha(bytes);
        blobs.set(sha, bytes);
        // Over 1 MB, GitHub's JSON answer leaves the content out; the blob (by `sha`) serves up to 100 MB.
        send(res, 200, {
          type: 'file',
          path,
          sha,
          size: bytes.length,
          ...(bytes.length > 1_000_000
            ? { encoding: 'none', content: '' }
            : { encoding: 'base64', content: bytes.toString('base64') }),
        });
      },
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/git\/blobs\/([0-9a-f]{40})$/,
      (m, _request, res) => {
        const bytes = blobs.get(m[1] as string);
        if (bytes === undefined) return send(res, 404, { message: 'Not Found' });
        send(res, 200, {
          sha: m[1],
          size: bytes.length,
          encoding: 'base64',
          content: bytes.toString('base64'),
        });
      },
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/,
      (_m, request, res) => paged(comments, request, res),
    ],
    [
      'POST',
      /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/,
      (_m, request, res) => {
        if (options.forbidWrites)
          return send(res, 403, { message: 'Resource not accessible by integration' });
        send(res, 201, addComment(bodyOf(request), tokenAuthor(options)));
      },
    ],
    [
      'PATCH',
      /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/,
      (m, request, res) => {
        if (options.forbidWrites)
          return send(res, 403, { message: 'Resource not accessible by integration' });
        const comment = comments.find((c) => c.id === Number(m[1]));
        if (comment === undefined) return send(res, 404, { message: 'Not Found' });
        comment.body = bodyOf(request);
        send(res, 200, comment);
      },
    ],
  ];

  const server = createServer(async (req, res) => {
    const request = await record(req);
    requests.push(request);
    for (const [method, pattern, route] of routes) {
      const match = request.path.match(pattern);
      if (match && method === request.method) return route(match, request, res);
    }
    send(res, 404, { message: `The GitHub double has no route for ${request.method} ${request.path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    comments,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Who a created comment is by: the token's user, else its bot (the workflow token's by default). */
function tokenAuthor(options: GitHubDoubleOptions): CommentUser {
  return options.tokenUser === undefined
    ? { login: options.tokenBot ?? 'github-actions[bot]', type: 'Bot' }
    : { login: options.tokenUser, type: 'User' };
}

/** A stable account ID per login (GitHub's for `github-actions[bot]`), as REST `user.id` and GraphQL `databaseId`. */
function accountId(login: string): number {
  if (login === 'github-actions[bot]') return 41898282;
  let id = 7;
  for (const c of login) id = (id * 31 + (c.codePointAt(0) ?? 0)) % 1_000_000_007;
  return id;
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const parsed = new URL(req.url ?? '/', 'http://double');
  let body: unknown;
  try {
    body = raw === '' ? undefined : JSON.parse(raw);
  } catch {
    body = raw;
  }
  return {
    method: req.method ?? 'GET',
    path: parsed.pathname,
    query: Object.fromEntries(parsed.searchParams),
    authorization: req.headers.authorization,
    body,
  };
}

function bodyOf(request: RecordedRequest): string {
  const body = request.body as { body?: unknown } | undefined;
  return typeof body?.body === 'string' ? body.body : '';
}

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}
