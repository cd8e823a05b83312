import { type CliIo, Exit } from '../io.js';

/** `shiftwise sandbox`: not built yet. */
export async function sandbox(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('shiftwise sandbox: not available yet\n');
  return Exit.usage;
}
