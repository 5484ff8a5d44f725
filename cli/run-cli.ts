// Runs a commander program and turns every failure into one line on stderr and an exit code.
import { CommanderError, type Command } from 'commander';
import { ZodError } from 'zod';
import { isAppError, type AppErrorCode } from '../ledger/index.js';

const EXIT_CODES: Record<AppErrorCode, number> = {
  BAD_USAGE: 2,
  BAD_INPUT: 3,
  RULE_VIOLATION: 4,
  NOT_FOUND: 5,
  LEDGER_CORRUPT: 6,
  IO: 7,
};
const INTERNAL_ERROR_EXIT = 70;

/** Parses argv and runs the action; only this module (for the bins) decides the process's exit code. */
export async function runCli(program: Command, argv: string[] = process.argv): Promise<void> {
  const name = program.name();
  program.exitOverride();
  program.configureOutput({ outputError: () => {} });
  for (const command of program.commands) command.exitOverride().configureOutput({ outputError: () => {} });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = report(name, error);
  }
}

function report(name: string, error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version output were already printed; commander exits 1 for help shown because no command was given.
    if (error.exitCode === 0 || error.code === 'commander.help' || error.code === 'commander.helpDisplayed') return error.exitCode;
    const message = error.message.replace(/^error: /, '').split('\n')[0] ?? error.message;
    process.stderr.write(`${name}: ${message} (see \`${name} --help\`)\n`);
    return EXIT_CODES.BAD_USAGE;
  }
  if (isAppError(error)) {
    process.stderr.write(`${name}: ${error.toLine()}\n`);
    return EXIT_CODES[error.code];
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    process.stderr.write(`${name}: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid data'}\n`);
    return EXIT_CODES.BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${name}: internal error: ${message.split('\n')[0]} (set TRACKER_DEBUG=1 for details)\n`);
  if (process.env.TRACKER_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  return INTERNAL_ERROR_EXIT;
}
