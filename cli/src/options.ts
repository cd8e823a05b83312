import { type ParseArgsConfig, parseArgs } from 'node:util';
import { maxFleet, visibleControls } from '@shiftwise/core';
import { readReason } from './files.js';
import { type CliIo, Exit } from './io.js';

/** A command's name and help text, for its usage errors. */
export interface CommandInfo {
  readonly name: string;
  readonly help: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/**
 * Parses a command line with node:util's parseArgs plus `-h/--help`. Returns the values and positionals, or the exit
 * code once help or a usage error has been printed.
 */
export function commandLine(
  args: string[],
  io: CliIo,
  command: CommandInfo,
  options: NonNullable<ParseArgsConfig['options']>,
): { values: OptionValues; positionals: string[] } | number {
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    }) as { values: OptionValues; positionals: string[] };
  } catch (error) {
    return usage(io, command, argumentError(error, options));
  }
  if (parsed.values.help) {
    io.stdout.write(command.help);
    return Exit.ok;
  }
  return parsed;
}

/**
 * A command line parseArgs refused, in words that list what the command takes. Node's own words for an unknown
 * option end in advice about positionals starting with '-' (with an unbalanced quote), which is not what a
 * mistyped flag needs.
 *
 *   '--bogus' → "Unknown option '--bogus'; the options are --format, --capacity and -h/--help"
 *   '--capacity -3' → "--capacity takes a value, and the word after it starts with '-' …; … write --capacity=VALUE"
 */
export function argumentError(error: unknown, options: NonNullable<ParseArgsConfig['options']>): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const ambiguous =
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' &&
    /^Option '([^']*)' argument is ambiguous/.exec((error as Error).message)?.[1];
  if (ambiguous)
    return `${visibleControls(ambiguous)} takes a value, and the word after it starts with '-' as an option does; if that is the value, write ${visibleControls(ambiguous)}=VALUE`;
  const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']*)'/.exec((error as Error).message)?.[1];
  if (!unknown) return readReason(error);
  const names = Object.entries(options)
    .filter(([name]) => name !== 'help')
    .map(([name, o]) => (o.short ? `-${o.short}/--${name}` : `--${name}`));
  return `Unknown option '${visibleControls(unknown)}'; the options are ${[...names, '-h/--help'].join(', ').replace(/, (?=[^,]*$)/, ' and ')}`;
}

/** Prints `shiftwise <command>: <message>` and the help; exit 2. */
export function usage(io: CliIo, command: CommandInfo, message: string): number {
  io.stderr.write(`shiftwise ${command.name}: ${message}\n\n${command.help}`);
  return Exit.usage;
}

/** `--capacity N`: a whole number of instances, 1–`maxFleet` (10000, as `capacity-range`); else a message for `usage`. */
export function readCapacity(raw: string | boolean | undefined): { capacity?: number } | { error: string } {
  if (raw === undefined || typeof raw !== 'string') return {};
  const capacity = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(capacity) && capacity >= 1 && capacity <= maxFleet
    ? { capacity }
    : { error: `--capacity must be a whole number of instances, 1–${maxFleet}, not '${raw}'` };
}
