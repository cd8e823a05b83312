// The frame guard on its own: the chunks stdin gives in, the bytes vscode-jsonrpc's reader gets out, and the log
// lines. A header the guard accepts is passed on as `Content-Length: N` alone (the reader cannot read it otherwise);
// what is not a message is skipped to the next Content-Length and said once per run of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameGuard, maxContentLength } from '../src/frame-guard.js';

const body = '{"jsonrpc":"2.0","id":1,"method":"shutdown"}';
const n = Buffer.byteLength(body);
const canonical = `Content-Length: ${n}\r\n\r\n${body}`;
const kib64 = 64 * 1024;
/** `count` chunks of 64 KiB that hold no header. */
const junk = (count: number) => Array.from({ length: count }, () => 'g'.repeat(kib64));

interface Row {
  readonly name: string;
  readonly chunks: readonly string[];
  /** What the reader gets. */
  readonly out: string;
  /** Each log line, in order, matched. */
  readonly logs: readonly RegExp[];
}

const rows: Row[] = [
  { name: 'a well-framed message', chunks: [canonical], out: canonical, logs: [] },
  {
    name: 'one byte per chunk',
    chunks: [...canonical],
    out: canonical,
    logs: [],
  },
  {
    name: 'a space before the colon',
    chunks: [`Content-Length : ${n}\r\n\r\n${body}`],
    out: canonical,
    logs: [],
  },
  {
    name: 'a space before the name',
    chunks: [` Content-Length: ${n}\r\n\r\n${body}`],
    out: canonical,
    logs: [],
  },
  {
    name: 'the name in lower case, no space after the colon',
    chunks: [`content-length:${n}\r\n\r\n${body}`],
    out: canonical,
    logs: [],
  },
  {
    name: 'the name in upper case, tabs around the value',
    chunks: [`CONTENT-LENGTH:\t${n}\t\r\n\r\n${body}`],
    out: canonical,
    logs: [],
  },
  {
    name: 'Content-Type and another header, before and after (dropped: the reader reads neither)',
    chunks: [
      `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${n}\r\nX-Trace: 7\r\n\r\n${body}`,
    ],
    out: canonical,
    logs: [],
  },
  {
    name: 'a Content-Length of 2,000,000,000 is not a message: skipped with its body, the next one read',
    chunks: [`Content-Length: 2000000000\r\n\r\n${body}`, canonical],
    out: canonical,
    logs: [
      /^shiftwise: skipped \d+ bytes .*a Content-Length of 2000000000 bytes, over the 64 MiB a message can be/,
    ],
  },
  {
    name: 'a Content-Length of exactly 64 MiB is a message (its header passed on, its body awaited)',
    chunks: [`Content-Length: ${maxContentLength}\r\n\r\n`],
    out: `Content-Length: ${maxContentLength}\r\n\r\n`,
    logs: [],
  },
  {
    name: 'a Content-Length of 64 MiB and a byte is not',
    chunks: [`Content-Length: ${maxContentLength + 1}\r\n\r\n`, canonical],
    out: canonical,
    logs: [/over the 64 MiB/],
  },
  {
    name: '1 MiB of junk in 64 KiB chunks: one line, when reading resumes, with the total',
    chunks: [...junk(16), canonical],
    out: canonical,
    logs: [/^shiftwise: skipped 1048576 bytes of input that are not an LSP message .*reading resumed/],
  },
  {
    name: '3 MiB of junk: also said at 1 MiB and 2 MiB while it goes on',
    chunks: [...junk(48), canonical],
    out: canonical,
    logs: [
      /still skipping .*: 1\d{6} bytes so far/,
      /still skipping .*: 2\d{6} bytes so far/,
      /skipped 3145728 bytes/,
    ],
  },
  {
    name: 'two runs of junk with a message between: a line each',
    chunks: [`Content-Length: ten\r\n\r\n${body}`, canonical, `Content-Type: x\r\n\r\n${body}`, canonical],
    out: canonical + canonical,
    logs: [/without a whole-number Content-Length/, /without a whole-number Content-Length/],
  },
  {
    name: 'two kinds of junk in one run: both said in its one line',
    chunks: [`Content-Length: 99999999999\r\n\r\nContent-Length: x\r\n\r\n`, canonical],
    out: canonical,
    logs: [/over the 64 MiB.*; a header block without a whole-number Content-Length/],
  },
  {
    name: 'an LF-only header block',
    chunks: [`Content-Length: ${n}\n\n${body}`, canonical],
    out: canonical,
    logs: [/skipped \d+ bytes/],
  },
];

for (const row of rows)
  test(`frame guard: ${row.name}`, async () => {
    const logs: string[] = [];
    const guard = frameGuard((message) => logs.push(message));
    const out: Buffer[] = [];
    guard.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = new Promise((resolve) => guard.on('end', resolve));
    for (const chunk of row.chunks) guard.write(Buffer.from(chunk, 'latin1'));
    guard.end();
    await ended;
    assert.equal(Buffer.concat(out).toString('latin1'), row.out);
    assert.equal(logs.length, row.logs.length, JSON.stringify(logs));
    for (const [i, pattern] of row.logs.entries()) assert.match(logs[i] ?? '', pattern);
  });
