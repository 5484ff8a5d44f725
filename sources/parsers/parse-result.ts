// What every parser returns: a value, or the precise reasons it could not read one (no zod here: it is on hot paths).

/** One reason input was refused: what was wrong and where (1-based line, when known). */
export interface ParseIssue {
  message: string;
  line?: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ParseIssue[] };

export function succeed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T>(message: string, line?: number): ParseResult<T> {
  return { ok: false, issues: [line === undefined ? { message } : { message, line }] };
}

/** The one line a user sees for a failed parse. */
export function formatIssues(issues: ParseIssue[], source: string): string {
  const first = issues[0];
  if (!first) return `${source}: could not read the input`;
  const where = first.line === undefined ? source : `${source}:${first.line}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}
