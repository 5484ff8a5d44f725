// What a quota-endpoint parser returns, and the small helpers the three parsers share (pure: no I/O, no clock).
import type { z } from 'zod';
import type { Bar, Bars } from '../../../ledger/index.js';
import { fail, succeed, type ParseResult } from '../parse-result.js';

export const QUOTA_KINDS = ['claude', 'codex', 'glm'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/** One provider's bars as its own quota endpoint reported them, with the plan it named. */
export interface QuotaReading {
  kind: QuotaKind;
  /** `quota-claude`, `quota-codex`, `quota-glm`: the ledger's `format` for rows made from it. */
  format: `quota-${QuotaKind}`;
  bars: Bars;
  /** The plan the endpoint names (`plan_type`, `data.level`); null when it names none (Claude's does not). */
  plan: string | null;
  /** Non-fatal findings, e.g. `percentage-rounded` when only a rounded percentage was sent. */
  parse_errors: string[];
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
