// The one error type of the tool: a stable `code` callers branch on, a one-line message, an optional cause.

export type AppErrorCode =
  | 'BAD_INPUT'
  | 'BAD_USAGE'
  | 'RULE_VIOLATION'
  | 'NOT_FOUND'
  | 'IO';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Where the problem is (file:line, flag, field), shown before the message. */
  readonly where: string | undefined;

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; where?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.where = options.where;
  }

  /** The single line a user sees. */
  toLine(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
