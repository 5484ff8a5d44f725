// The one error type of the tool: a stable `code` callers branch on, a one-line message, an optional cause.

export type AppErrorCode = 'BAD_INPUT' | 'BAD_USAGE' | 'RULE_VIOLATION' | 'NOT_FOUND' | 'IO';

/** Facts a caller may act on, beyond the message (a write's start offset, the phase that failed). */
export type AppErrorDetails = Readonly<Record<string, string | number | boolean>>;

export interface AppErrorOptions {
  cause?: unknown;
  where?: string;
  /** A finer, stable name than the code (`ledger-write`, `arm-refused`, `arm-phase`): what a caller branches on. */
  kind?: string;
  details?: AppErrorDetails;
}

/**
 * The only error class: domains name their failures with `kind` and `details` instead of subclasses, so a caller
 * anywhere can branch on them without importing the domain that threw (kernel/ has no other dependants to load).
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Where the problem is (file:line, flag, field), shown before the message. */
  readonly where: string | undefined;
  readonly kind: string | undefined;
  readonly details: AppErrorDetails;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.where = options.where;
    this.kind = options.kind;
    this.details = options.details ?? {};
  }

  /** The single line a user sees. */
  toLine(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

/** An AppError, and of the given kind when one is named. */
export function isAppError(error: unknown, kind?: string): error is AppError {
  return error instanceof AppError && (kind === undefined || error.kind === kind);
}
