// Bytes on stdin that are not a well-formed message, sent raw to the built server: a body that is not JSON gets a
// ParseError (-32700) with id null and a log line; a wrong or missing Content-Length costs the messages it cuts
// into, never the ones after, and one over 64 MiB is no message; a header spelt loosely (spaces, case, other
// headers) is read; every row ends with a request the server answers. Each row is a fresh server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { builtServer } from './built-server.js';

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const request = (id: number, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, ...(params !== undefined && { params }) });
const hover = (id: number) =>
  request(id, 'textDocument/hover', {
    textDocument: { uri: 'file:///work/none.rollout.yaml' },
    position: { line: 0, character: 0 },
  });

interface Row {
  readonly name: string;
  /** What is written after `initialize` is answered, before `hover` 10 and 11. */
  readonly bad: readonly string[];
  /** The ParseError answers (id null) expected. */
  readonly parseErrors: number;
  /** Each expected in one `window/logMessage`. */
  readonly logs: readonly RegExp[];
  /** The `window/logMessage` lines that say bytes were skipped: one per run of them, however many chunks. */
  readonly skips: number;
  /** The ids answered (2 and up): 10 is lost when a wrong length cut into it. */
  readonly answered: readonly number[];
}

const rows: Row[] = [
  {
    name: 'a body that is not JSON, Content-Length right',
    bad: [frame('{not json')],
    parseErrors: 1,
    logs: [/body is not JSON.*ParseError \(-32700\)/],
    skips: 0,
    answered: [10, 11],
  },
  {
    name: 'a Content-Length 10 bytes short of its body',
    bad: [frame(request(2, 'shutdown'), 10)],
    parseErrors: 1,
    logs: [/body is not JSON/, /skipped \d+ bytes of input that are not an LSP message/],
    skips: 1,
    answered: [10, 11],
  },
  {
    name: 'a Content-Length 60 bytes past its body, into the next message',
    bad: [frame(request(2, 'shutdown'), Buffer.byteLength(request(2, 'shutdown')) + 60)],
    parseErrors: 1,
    logs: [/body is not JSON/, /skipped \d+ bytes/],
    skips: 1,
    answered: [11],
  },
  {
    name: 'a header block without Content-Length',
    bad: [`Content-Type: application/json\r\n\r\n${request(2, 'shutdown')}`],
    parseErrors: 0,
    logs: [/skipped \d+ bytes/],
    skips: 1,
    answered: [10, 11],
  },
  {
    name: 'a Content-Length that is not a number',
    bad: [`Content-Length: ten\r\n\r\n${request(2, 'shutdown')}`],
    parseErrors: 0,
    logs: [/skipped \d+ bytes/],
    skips: 1,
    answered: [10, 11],
  },
  ...(
    [
      ['a space before the colon', `Content-Length : ${Buffer.byteLength(hover(9))}`],
      ['a space before the name', ` Content-Length: ${Buffer.byteLength(hover(9))}`],
      ['the name in lower case', `content-length: ${Buffer.byteLength(hover(9))}`],
      [
        'Content-Type and another header around it',
        `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(hover(9))}\r\nX-Trace: 7`,
      ],
    ] as const
  ).map(
    ([name, header]): Row => ({
      name: `a header with ${name}`,
      bad: [`${header}\r\n\r\n${hover(9)}`],
      parseErrors: 0,
      logs: [],
      skips: 0,
      answered: [9, 10, 11],
    }),
  ),
  {
    name: 'a Content-Length of 2,000,000,000',
    bad: [frame(hover(9), 2_000_000_000)],
    parseErrors: 0,
    logs: [/skipped \d+ bytes .*a Content-Length of 2000000000 bytes, over the 64 MiB a message can be/],
    skips: 1,
    answered: [10, 11],
  },
  {
    name: '960 KiB that are no message, in 64 KiB writes',
    bad: Array.from({ length: 15 }, () => 'g'.repeat(64 * 1024)),
    parseErrors: 0,
    logs: [/skipped 983040 bytes of input that are not an LSP message.*reading resumed/],
    skips: 1,
    answered: [10, 11],
  },
];

for (const row of rows)
  test(`${row.name}: ${row.parseErrors} ParseError, then hover ${row.answered.join(' and ')} answered`, async () => {
    const child = spawn(process.execPath, [builtServer(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    const messages: {
      id?: unknown;
      method?: string;
      params?: { message?: string };
      error?: { code: number };
    }[] = [];
    let buffer = '';
    const arrived = (until: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no answer; got ${JSON.stringify(messages)}`)),
          20_000,
        );
        const check = () => {
          if (!until()) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString('utf8');
      for (;;) {
        const match = /^Content-Length: (\d+)\r\n\r\n/.exec(buffer);
        if (match === null || buffer.length < match[0].length + Number(match[1])) return;
        messages.push(JSON.parse(buffer.slice(match[0].length, match[0].length + Number(match[1]))));
        buffer = buffer.slice(match[0].length + Number(match[1]));
      }
    });
    const has = (id: number) => messages.some((m) => m.id === id);
    try {
      child.stdin.write(
        frame(request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} })),
      );
      await arrived(() => has(1));
      child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })));
      for (const bytes of row.bad) child.stdin.write(bytes);
      child.stdin.write(frame(hover(10)));
      child.stdin.write(frame(hover(11)));
      await arrived(() => has(11));
      const parseErrors = messages.filter((m) => m.id === null && m.error?.code === -32700);
      assert.equal(parseErrors.length, row.parseErrors, JSON.stringify(messages));
      const logs = messages
        .filter((m) => m.method === 'window/logMessage')
        .map((m) => m.params?.message ?? '');
      for (const log of row.logs)
        assert.ok(
          logs.some((l) => log.test(l)),
          `no log line ${log}: ${JSON.stringify(logs)}`,
        );
      assert.equal(logs.filter((l) => /not an LSP message/.test(l)).length, row.skips, JSON.stringify(logs));
      assert.deepEqual(
        messages
          .filter((m) => m.method === undefined && typeof m.id === 'number' && m.id >= 2)
          .map((m) => m.id),
        row.answered,
      );
    } finally {
      child.kill();
    }
  });
