import { type CliIo, Exit } from '../io.js';

/** `shiftwise validate`: not built yet. */
export async function validate(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('shiftwise validate: not available yet\n');
  return Exit.usage;
}
