import { type CliIo, Exit } from '../io.js';

/** `shiftwise deploy`: not built yet. */
export async function deploy(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('shiftwise deploy: not available yet\n');
  return Exit.usage;
}
