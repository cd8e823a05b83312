import { type CliIo, Exit } from '../io.js';

/** `shiftwise demo`: not built yet. */
export async function demo(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('shiftwise demo: not available yet\n');
  return Exit.usage;
}
