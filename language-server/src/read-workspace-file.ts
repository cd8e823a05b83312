import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { type DecodedText, decodeUtf8 } from '@shiftwise/core';

/**
 * The text of a file the server reads from disk by itself (with where its bytes stop being UTF-8, if they do, for
 * the parser to report: `decodeUtf8`) (never one the client sent), or undefined when it is
 * not one to read: anything but a regular file (a FIFO would block the read forever, `/dev/zero` never ends),
 * a file whose real path (symbolic links resolved) lies outside every root, or one larger than `maxBytes`.
 *
 * The file is opened non-blocking (a FIFO opens at once instead of waiting for a writer) and its type and size
 * are taken from the open handle, so a file swapped for something else between the checks is still refused; at
 * most `maxBytes + 1` bytes are ever read.
 */
export async function readWorkspaceFile(
  path: string,
  roots: readonly string[],
  maxBytes: number,
): Promise<DecodedText | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => undefined)));
  if (!realRoots.some((root) => root !== undefined && isInside(real, root))) return undefined;
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(
    () => undefined,
  );
  if (handle === undefined) return undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // A file that grew past the cap since it was opened is refused too.
    return length > maxBytes ? undefined : decodeUtf8(buffer.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}
