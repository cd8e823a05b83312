import { type CliIo, Exit } from '../io.js';

/** `shiftwise plan`: not built yet. */
export async function plan(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('shiftwise plan: not available yet\n');
  return Exit.usage;
}
