// What a quota-endpoint parser returns, and the small helpers the parsers share (pure: no I/O, no clock).
import * as z from 'zod';
import type { Bar, Bars } from '../../../ledger/schemas/index.js';
import { QUOTA_KINDS, type QuotaKind } from '../../../ledger/vocabulary/index.js';
import { fail, succeed, type ParseResult } from '../parse-result.js';

export { QUOTA_KINDS, type QuotaKind };

/** What one answer says, whichever provider's endpoint sent it (the parser is told the endpoint, never the provider). */
export interface ParsedQuota {
  bars: Bars;
  /** The plan the endpoint names (`plan_type`, `data.level`); null when it names none (Claude's does not). */
  plan: string | null;
  /** Non-fatal findings, e.g. `percentage-rounded` when only a rounded percentage was sent. */
  parse_errors: string[];
}

/** One provider's bars as its own quota endpoint reported them, with the plan it named. */
export interface QuotaReading extends ParsedQuota {
  kind: QuotaKind;
  /** `quota-<kind>`: the ledger's `format` for rows made from it. */
  format: `quota-${QuotaKind}`;
}

/**
 * A bar's percent: over 100 happens (Claude's extra usage), but 1e308 is no reading; refused with the field named.
 * 1000 is far above any bar seen and far below a value that would make a delta meaningless.
 */
export const PERCENT_FIELD = z.number().min(0).max(1000);

/** Resets from 2020 to 2099, as epoch seconds, epoch milliseconds or ISO: a year 9999 or 0001 is no reset. */
const EARLIEST_RESET_MS = Date.UTC(2020, 0, 1);
const LATEST_RESET_MS = Date.UTC(2100, 0, 1);
export const RESET_EPOCH_S = z
  .number()
  .min(EARLIEST_RESET_MS / 1000, 'a reset before 2020')
  .max(LATEST_RESET_MS / 1000, 'a reset after 2099');
export const RESET_EPOCH_MS = z.number().min(EARLIEST_RESET_MS, 'a reset before 2020').max(LATEST_RESET_MS, 'a reset after 2099');
export const RESET_ISO = z.iso.datetime({ offset: true }).refine((text) => {
  const ms = Date.parse(text);
  return ms >= EARLIEST_RESET_MS && ms < LATEST_RESET_MS;
}, 'a reset outside 2020 to 2099');

/** A parsed answer that holds no bar at all is refused, never recorded or shown as an empty reading. */
export function requireSomeBar(reading: ParsedQuota, label: string, why: string): ParseResult<ParsedQuota> {
  if (Object.keys(reading.bars).length > 0) return succeed(reading);
  return fail(`${label} answer holds no bar that could be read: ${why} (the endpoint may have changed; nothing was recorded)`);
}

/** Validates parsed JSON against a schema; the first issue names its field path (`data.limits[1].unit`). */
export function checkShape<T>(schema: z.ZodType<T>, value: unknown, label: string): ParseResult<T> {
  const checked = schema.safeParse(value);
  if (checked.success) return succeed(checked.data);
  const issue = checked.error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  return fail(
    `${label} answer has an unexpected shape${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'} (the endpoint may have changed; nothing was recorded)`,
  );
}

/** Reads the body as JSON; anything else is refused with what it looked like. */
export function readJsonBody(text: string, label: string): ParseResult<unknown> {
  try {
    return succeed(JSON.parse(text) as unknown);
  } catch {
    return fail(`${label} answer is not JSON (starts ${JSON.stringify(text.slice(0, 40))})`);
  }
}

/** A percent rounded for the ledger: at most 6 decimals, so float noise never shows. */
export function buildBar(usedPct: number, resetsAt: string | null, windowMinutes: number, counts?: { used: number; limit: number }): Bar {
  const bar: Bar = { used_pct: Math.round(Math.min(100, usedPct) * 1e6) / 1e6, resets_at: resetsAt, window_minutes: windowMinutes };
  return counts ? { ...bar, used: counts.used, limit: counts.limit } : bar;
}

/** Epoch seconds or milliseconds as ISO; null for a value no real reset could have. */
export function toIsoTime(epoch: number, unit: 's' | 'ms'): string | null {
  const ms = unit === 's' ? epoch * 1000 : epoch;
  const date = new Date(ms);
  return Number.isFinite(ms) && ms > 0 && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
