// What every capacity-screen parser returns: a reading (schema here), or the issues (see parse-result.ts).
import * as z from 'zod';
import { BarsSchema, TokensSchema } from '../../ledger/schemas/index.js';

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

/** What a parser needs to turn "resets 14:32" into an instant: when the screen was captured, and in which zone. */
export interface ParseContext {
  capturedAt: Date;
  /** IANA zone for times shown without one (Codex /status), or a function called only when such a time is read. */
  timeZone: TimeZoneSource;
}

/** A zone, or how to find it when first needed (the machine's zone costs ICU's zone data to read). */
export type TimeZoneSource = string | (() => string);

export { fail, formatIssues, succeed, type ParseIssue, type ParseResult } from './parse-result.js';
