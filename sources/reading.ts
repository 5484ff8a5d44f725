// What every capacity-screen parser returns: a reading, or the precise reasons it could not read one.
import { z } from 'zod';
import { BarsSchema, TokensSchema } from '../ledger/index.js';

export const ReadingSchema = z.object({
  /** Which parser produced it: codex-status, claude-usage, json. */
  format: z.string().min(1),
  bars: BarsSchema,
  tokens: TokensSchema.optional(),
  cost_usd: z.number().nonnegative().optional(),
  /** Non-fatal findings, e.g. `multi-pane-trimmed`. */
  parse_errors: z.array(z.string()),
});
export type Reading = z.infer<typeof ReadingSchema>;

/** One reason input was refused: what was wrong and where (1-based line, when known). */
export interface ParseIssue {
  message: string;
  line?: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ParseIssue[] };

/** What a parser needs to turn "resets 14:32" into an instant: when the screen was captured, and in which zone. */
export interface ParseContext {
  capturedAt: Date;
  /** IANA zone for times shown without one (Codex /status); defaults to the process's zone. */
  timeZone: string;
}

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
