import { Transform } from 'node:stream';

/** A header block longer than this without its blank line is not a header. */
const maxHeaderBytes = 64 * 1024;
/**
 * A Content-Length above this is not a message. No real message comes near it: a rollout file is at most 5 MiB of
 * UTF-8 (core's `maxFileBytes`; a larger one only gets `file-too-large`), and JSON escaping makes a text at most
 * six times longer (a control character is written `\u0001`), so a `didOpen` of the largest file is under 32 MiB.
 */
export const maxContentLength = 64 * 1024 * 1024;
/** Where reading resumes after bytes that are not a message: the next header name (case aside). */
const marker = 'content-length';
/** A run of skipped bytes that has not ended is said when it reaches this, and again each time it doubles. */
const firstLongRun = 1024 * 1024;

/**
 * What stands between stdin and vscode-jsonrpc's reader: it passes every well-framed message on, and skips what
 * cannot be one. The reader has no way back into step: after a frame whose Content-Length was too short, the rest
 * of its body is read as the next header block, which has no Content-Length, so that block and the body after it
 * are lost, and so on for every later message (the server is deaf for good).
 *
 * A header block is passed on as `Content-Length: N` written here, never as the client's bytes, so the reader
 * cannot read it otherwise than the guard did (it splits names at the colon untrimmed: `Content-Length : 5` would
 * be no length to it). Other headers are dropped: the reader reads none but the length (it decodes by its own
 * `charset`, UTF-8, not by a `Content-Type`). A header block that does not state a whole-number Content-Length of
 * at most `maxContentLength` is dropped up to the next `Content-Length`, where reading resumes; `log` says once, when
 * a good header comes, how many bytes were skipped since the last one and why. A Content-Length too long (under
 * the cap) takes the next message's first bytes into its body (that body is then not JSON, see
 * ./stdio-connection.ts); what is left of that message is skipped here, and the one after it is read.
 */
export function frameGuard(log: (message: string) => void): Transform {
  /** The bytes of a header block not yet complete. */
  let pending: Buffer = Buffer.alloc(0);
  /** The bytes of the current message's body still to pass. */
  let body = 0;
  const skipped = skipLog(log);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let data: Buffer = chunk;
      while (data.length > 0) {
        if (body > 0) {
          const n = Math.min(body, data.length);
          this.push(data.subarray(0, n));
          body -= n;
          data = data.subarray(n);
          continue;
        }
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        data = Buffer.alloc(0);
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0 && pending.length <= maxHeaderBytes) break;
        const header: Header =
          end < 0
            ? { wrong: 'over 64 KiB without the blank line that ends a header block' }
            : readHeader(pending.toString('latin1', 0, end));
        if ('length' in header) {
          skipped.resumed();
          this.push(Buffer.from(`Content-Length: ${header.length}\r\n\r\n`, 'latin1'));
          body = header.length;
          data = pending.subarray(end + 4);
          pending = Buffer.alloc(0);
          continue;
        }
        // Not a header: skip to the next `Content-Length` (keeping a tail that may be the start of one).
        const next = pending.toString('latin1').toLowerCase().indexOf(marker, 1);
        const skip = next < 0 ? Math.max(0, pending.length - (marker.length - 1)) : next;
        skipped.add(skip, header.wrong);
        data = pending.subarray(skip);
        pending = Buffer.alloc(0);
        if (next < 0) {
          pending = data;
          break;
        }
      }
      skipped.chunkRead();
      done();
    },
  });
}

/** A header block read: its Content-Length, or what is wrong with it. */
type Header = { readonly length: number } | { readonly wrong: string };

const noLength =
  'a header block without a whole-number Content-Length, or the rest of a message whose Content-Length was wrong';

/**
 * A header block (its lines without the blank one): every line `name: value`, names in any case and with spaces
 * around them, and a Content-Length among them that is a whole number up to `maxContentLength` (the last one, if
 * twice, as the reader would).
 */
function readHeader(header: string): Header {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(0, colon)).trim().toLowerCase();
    if (name === '') return { wrong: noLength };
    if (name !== marker) continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return { wrong: noLength };
    length = Number(value);
    if (length > maxContentLength) {
      return {
        wrong: `a Content-Length of ${value} bytes, over the ${maxContentLength / 2 ** 20} MiB a message can be`,
      };
    }
  }
  return length === undefined ? { wrong: noLength } : { length };
}

/**
 * Says skipped bytes once per run of them (from the first skipped byte to the next good header), however many
 * chunks the run spans, with the total and why. A run still going on once a chunk is read is also said when it has
 * reached 1 MiB, then 2 MiB, 4 MiB and so on, so a client that sends nothing the server can read is told so, without
 * a line per chunk.
 */
function skipLog(log: (message: string) => void): {
  add(bytes: number, why: string): void;
  resumed(): void;
  chunkRead(): void;
} {
  let bytes = 0;
  const reasons = new Set<string>();
  let nextLongRun = firstLongRun;
  const why = () => [...reasons].join('; ');
  return {
    add(n, reason) {
      bytes += n;
      reasons.add(reason);
    },
    resumed() {
      if (reasons.size === 0) return;
      log(
        `shiftwise: skipped ${bytes} bytes of input that are not an LSP message (${why()}); reading resumed at the next Content-Length header`,
      );
      bytes = 0;
      reasons.clear();
      nextLongRun = firstLongRun;
    },
    chunkRead() {
      if (reasons.size === 0 || bytes < nextLongRun) return;
      while (nextLongRun <= bytes) nextLongRun *= 2;
      log(
        `shiftwise: still skipping input that is not an LSP message: ${bytes} bytes so far (${why()}); reading resumes at the next Content-Length header`,
      );
    },
  };
}
