import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ServiceError } from '../errors.js';

/** The largest request body accepted: far above any request of the operations served. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body, refusing more than `limit` bytes with a 413 as soon as the limit is
 * passed (the rest is not buffered). Gzip bodies (the CloudWatch client compresses some requests)
 * are inflated.
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(declared, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(size, limit);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (req.headers['content-encoding'] === 'gzip') {
    try {
      return gunzipSync(body, { maxOutputLength: limit });
    } catch {
      throw new ServiceError(400, 'SerializationException', 'The gzip request body could not be inflated.');
    }
  }
  return body;
}

function tooLarge(size: number, limit: number): ServiceError {
  return new ServiceError(
    413,
    'RequestEntityTooLargeException',
    `Request body of ${size}+ bytes exceeds the sandbox limit of ${limit} bytes.`,
  );
}

/** Decodes a JSON object body; anything else is a 400 SerializationException saying what was wrong. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ServiceError(
      400,
      'SerializationException',
      `Request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ServiceError(400, 'SerializationException', 'Request body must be a JSON object.');
  return value as Record<string, unknown>;
}
