import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/io.js';
import { main } from '../../src/main.js';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Runs `shiftwise <args>` in-process with captured output; `signal` stands for SIGINT/SIGTERM, `stdin` for what is
 * piped in (default none: `-` is refused).
 */
export async function run(
  args: string[],
  cwd = root,
  env: NodeJS.ProcessEnv = {},
  signal = new AbortController().signal,
  stdin?: CliIo['stdin'],
) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const io: CliIo = {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    env,
    cwd,
    signal,
    ...(stdin && { stdin }),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shiftwise-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
