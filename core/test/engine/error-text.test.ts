// An error in one line, as retry lines and reports say it: a connection closed before its answer is said as such,
// whatever the client named it; a real timeout stays a timeout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorText } from '../../src/engine/transient.js';

const named = (name: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });

const rows: [name: string, error: unknown, expected: string][] = [
  [
    "the AWS SDK's reset socket, which its handler names TimeoutError",
    named('TimeoutError', 'socket hang up', { code: 'ECONNRESET' }),
    'the connection was closed before an answer came (ECONNRESET: socket hang up)',
  ],
  [
    'a write to a closed socket',
    named('TimeoutError', 'write EPIPE', { code: 'EPIPE' }),
    'the connection was closed before an answer came (EPIPE: write EPIPE)',
  ],
  [
    "fetch's 'fetch failed', the reset in its cause",
    new TypeError('fetch failed', {
      cause: named('SocketError', 'other side closed', { code: 'UND_ERR_SOCKET' }),
    }),
    'the connection was closed before an answer came (UND_ERR_SOCKET: other side closed)',
  ],
  [
    'a timeout (no answer within the limit) stays a timeout',
    named('TimeoutError', 'no answer to GET https://x/v1/e within 60 s'),
    'TimeoutError: no answer to GET https://x/v1/e within 60 s',
  ],
  [
    'a connect that timed out stays a timeout',
    named('TimeoutError', 'connect ETIMEDOUT 10.0.0.1:443', { code: 'ETIMEDOUT' }),
    'TimeoutError: connect ETIMEDOUT 10.0.0.1:443',
  ],
  ['a service error', named('ThrottlingException', 'Rate exceeded'), 'ThrottlingException: Rate exceeded'],
  ['a plain Error', new Error('boom'), 'boom'],
  ['not an Error', 'text', 'text'],
];

for (const [name, error, expected] of rows)
  test(`errorText: ${name}`, () => {
    assert.equal(errorText(error), expected);
  });
