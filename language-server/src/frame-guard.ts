import { Transform } from 'node:stream';

/** A header block longer than this without its blank line is not a header. */
const maxHeaderBytes = 64 * 1024;
const marker = 'content-length:';

/**
 * What stands between stdin and vscode-jsonrpc's reader: it passes every well-framed message through unchanged, and
 * skips what cannot be one. The reader has no way back into step: after a frame whose Content-Length was too short,
 * the rest of its body is read as the next header block, which has no Content-Length, so that block and the body
 * after it are lost, and so on for every later message (the server is deaf for good). Here a header block that
 * does not state a Content-Length (a whole number) is dropped up to the next `Content-Length:`, where reading
 * resumes, and `log` says how much was skipped. A Content-Length too long takes the next message's first bytes
 * into its body (that body is then not JSON, see ./stdio-connection.ts); what is left of that message is skipped
 * here, and the one after it is read.
 */
export function frameGuard(log: (message: string) => void): Transform {
  /** The bytes of a header block not yet complete. */
  let pending: Buffer = Buffer.alloc(0);
  /** The bytes of the current message's body still to pass. */
  let body = 0;
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
        const length = end < 0 ? undefined : contentLength(pending.toString('latin1', 0, end));
        if (length !== undefined) {
          this.push(pending.subarray(0, end + 4));
          body = length;
          data = pending.subarray(end + 4);
          pending = Buffer.alloc(0);
          continue;
        }
        // Not a header: skip to the next `Content-Length:` (keeping a tail that may be the start of one).
        const next = pending.toString('latin1').toLowerCase().indexOf(marker, 1);
        const skipped = next < 0 ? Math.max(0, pending.length - marker.length) : next;
        log(
          `shiftwise: skipped ${skipped} bytes of input that are not an LSP message (a header block without a whole-number Content-Length, or the rest of a message whose Content-Length was wrong); reading resumes at the next Content-Length header`,
        );
        data = pending.subarray(skipped);
        pending = Buffer.alloc(0);
        if (next < 0) {
          pending = data;
          break;
        }
      }
      done();
    },
  });
}

/** The Content-Length of a header block (its lines without the blank one), or undefined when it has none. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) return undefined;
    length = Number(value);
  }
  return length;
}
