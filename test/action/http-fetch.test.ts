import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { httpFetch } from '../../action/src/http-fetch.js';

// The fetch Octokit gets when no proxy is set (action/src/http-fetch.ts), against a loopback server, as a table:
// what the server answers → what Octokit reads (status, headers as pairs and by name, the body as text or bytes).

type Answer = (request: IncomingMessage, response: ServerResponse, body: string) => void;

async function serve(answer: Answer): Promise<{ url: string; close(): void }> {
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    answer(request, response, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const cases: {
  name: string;
  init?: Parameters<typeof httpFetch>[1];
  answer: Answer;
  expect: { status: number; ok: boolean; text: string; headers: Record<string, string> };
}[] = [
  {
    name: 'a JSON answer: status, content type, the body as text',
    answer: (_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":1}'),
    expect: { status: 200, ok: true, text: '{"id":1}', headers: { 'content-type': 'application/json' } },
  },
  {
    name: "a POST with a JSON body and headers (Octokit's User-Agent among them): all reach the server as sent",
    init: {
      method: 'POST',
      body: '{"body":"plan"}',
      headers: { 'x-probe': 'yes', 'user-agent': 'octokit-core.js/7 actions/github' },
    },
    answer: (q, r, body) =>
      r.writeHead(201).end(`${q.method} ${q.headers['x-probe']} ${q.headers['user-agent']} ${body}`),
    expect: {
      status: 201,
      ok: true,
      text: 'POST yes octokit-core.js/7 actions/github {"body":"plan"}',
      headers: {},
    },
  },
  {
    name: 'a 204: no body, read as empty',
    init: { method: 'DELETE' },
    answer: (_q, r) => r.writeHead(204).end(),
    expect: { status: 204, ok: true, text: '', headers: {} },
  },
  {
    name: "GitHub's 403: not ok, the message in the body",
    answer: (_q, r) =>
      r.writeHead(403, { 'Content-Type': 'application/json' }).end('{"message":"Resource not accessible"}'),
    expect: {
      status: 403,
      ok: false,
      text: '{"message":"Resource not accessible"}',
      headers: { 'content-type': 'application/json' },
    },
  },
  {
    name: 'a header sent twice (set-cookie) reads as one value, names in lower case',
    answer: (_q, r) => r.writeHead(200, { 'Set-Cookie': ['a=1', 'b=2'], 'X-GitHub-Request-Id': 'R1' }).end(),
    expect: {
      status: 200,
      ok: true,
      text: '',
      headers: { 'set-cookie': 'a=1, b=2', 'x-github-request-id': 'R1' },
    },
  },
  {
    name: 'UTF-8 across chunks reads back whole',
    answer: (_q, r) => {
      const bytes = Buffer.from('plan ✔ — 10 % 🚀');
      r.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      r.write(bytes.subarray(0, 7));
      r.end(bytes.subarray(7));
    },
    expect: {
      status: 200,
      ok: true,
      text: 'plan ✔ — 10 % 🚀',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    },
  },
  {
    name: 'a redirect (GitHub answers 301 or 307 for a moved repository): followed, the last answer read',
    answer: (q, r) =>
      q.url === '/repos/o/r'
        ? r.writeHead(301, { Location: `http://${q.headers.host}/repositories/1` }).end()
        : r.writeHead(200).end(`${q.method} ${q.url}`),
    expect: { status: 200, ok: true, text: 'GET /repositories/1', headers: {} },
  },
];

for (const c of cases)
  test(`httpFetch: ${c.name}`, async () => {
    const server = await serve(c.answer);
    try {
      const answer = await httpFetch(`${server.url}/repos/o/r`, c.init);
      assert.equal(answer.status, c.expect.status);
      assert.equal(answer.ok, c.expect.ok);
      assert.equal(await answer.text(), c.expect.text);
      const pairs = Object.fromEntries(answer.headers);
      for (const [name, value] of Object.entries(c.expect.headers)) {
        assert.equal(pairs[name], value, name);
        assert.equal(answer.headers.get(name.toUpperCase()), value, `get(${name.toUpperCase()})`);
      }
      assert.equal(new TextDecoder().decode(await answer.arrayBuffer()), c.expect.text);
    } finally {
      server.close();
    }
  });

test('httpFetch: a refused connection rejects, as fetch does', async () => {
  await assert.rejects(httpFetch('http://127.0.0.1:9/'), /ECONNREFUSED/);
});

test('httpFetch: a binary body (not UTF-8) reads back byte for byte', async () => {
  const bytes = [0, 0xff, 0xfe, 0x80, 0x1f, 0x8b];
  const server = await serve((_q, r) =>
    r.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.from(bytes)),
  );
  try {
    const answer = await httpFetch(`${server.url}/repos/o/r/zipball`);
    assert.deepEqual([...new Uint8Array(await answer.arrayBuffer())], bytes);
  } finally {
    server.close();
  }
});

test('httpFetch: an aborted signal rejects before anything is sent, as fetch does', async () => {
  let requests = 0;
  const server = await serve((_q, r) => {
    requests++;
    r.end();
  });
  try {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(httpFetch(server.url, { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(requests, 0);
  } finally {
    server.close();
  }
});
