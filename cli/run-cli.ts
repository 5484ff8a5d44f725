// Runs a commander program and turns every failure into one line on stderr and an exit code.
import { CommanderError, type Command } from 'commander';
import { escapeControls, isAppError, redactText, type AppErrorCode } from '../kernel/index.js';

const EXIT_CODES: Record<AppErrorCode, number> = {
  BAD_USAGE: 2,
  BAD_INPUT: 3,
  RULE_VIOLATION: 4,
  NOT_FOUND: 5,
  IO: 7,
};
const INTERNAL_ERROR_EXIT = 70;

/** Parses argv and runs the action; only this module (for the bins) decides the process's exit code. */
export async function runCli(program: Command, argv: string[] = process.argv): Promise<void> {
  const name = program.name();
  // Once a process: the specs run many commands in one.
  if (!process.stdout.listeners('error').includes(exitOnClosedPipe)) process.stdout.on('error', exitOnClosedPipe);
  program.exitOverride();
  program.configureOutput({ outputError: () => {} });
  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({ outputError: () => {} });
    command.commands.forEach(quiet);
  };
  program.commands.forEach(quiet);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = report(name, error);
  }
}

/** `tracker … | head` closes the pipe early: that is the reader's choice, not an error to report. */
function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(0);
}

/** Every error line is redacted: a refusal may quote the input, and the input may hold a key. */
function report(name: string, error: unknown): number {
  // Redacted, then control characters made visible: a refusal may quote an endpoint's or a file's bytes.
  const write = (line: string): void => {
    process.stderr.write(`${escapeControls(redactText(line.replace(/\n$/, '')))}\n`);
  };
  if (error instanceof CommanderError) {
    // Help and version output were already printed; commander exits 1 for help shown because no command was given.
    if (error.exitCode === 0 || error.code === 'commander.help' || error.code === 'commander.helpDisplayed') return error.exitCode;
    const [first, ...rest] = error.message.replace(/^error: /, '').split('\n');
    // Commander puts its suggestion for a mistyped option or command on a second line: keep it on the one line.
    const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
    write(`${name}: ${first ?? error.message}${suggestion ? `; did you mean ${suggestion}?` : ''} (see \`${name} --help\`)\n`);
    return EXIT_CODES.BAD_USAGE;
  }
  if (isAppError(error)) {
    write(`${name}: ${error.toLine()}${adviseOnFullDisk(error)}\n`);
    return EXIT_CODES[error.code];
  }
  const system = describeSystemError(error);
  if (system) {
    write(`${name}: ${system}${adviseOnFullDisk(error)}\n`);
    return EXIT_CODES.IO;
  }
  if (isZodError(error)) {
    const issue = error.issues[0];
    write(`${name}: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid data'}\n`);
    return EXIT_CODES.BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${name}: internal error: ${message.split('\n')[0]} (set TRACKER_DEBUG=1 for details)\n`);
  if (process.env.TRACKER_DEBUG) process.stderr.write(`${redactText(error instanceof Error ? (error.stack ?? '') : '')}\n`);
  return INTERNAL_ERROR_EXIT;
}

/**
 * A schema's refusal, recognised by its shape: importing zod here would load it (~65 ms) for every command, also
 * those that never parse a row (preview, statusline). zod 4 names its error class so (`name` is "ZodError").
 */
function isZodError(error: unknown): error is { issues: { path: PropertyKey[]; message: string }[] } {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

/** File-system failures (a data dir that is a file, no permission, a full disk) are the user's to fix, not bugs. */
function describeSystemError(error: unknown): string | null {
  const { code, path, syscall } = (error ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  const reasons: Record<string, string> = {
    ENOTDIR: 'a part of the path is a file, not a directory',
    EISDIR: 'expected a file, found a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'the file system is read-only',
    ENOENT: 'no such file or directory',
    EEXIST: 'a file is in the way of a directory',
  };
  const where = typeof path === 'string' ? path : 'the data directory';
  return `${where}: ${reasons[code] ?? `${String(syscall ?? 'I/O')} failed`} (${code})`;
}

/**
 * What to do after a full disk (ENOSPC, EDQUOT anywhere in the error's causes): the ledger's appends leave no half
 * row (a torn tail is cut by the next writer), and a run resumes where it stopped (nothing said so).
 */
function adviseOnFullDisk(error: unknown): string {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      return '; free some space, then run the same command: what was recorded is kept, and a run goes on where it stopped';
  }
  return '';
}
