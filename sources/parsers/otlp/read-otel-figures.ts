// Reads an agent's figures (token counts, dollars, milliseconds, times) out of attribute values, refusing what cannot be one.
import type { OtelValue } from './otel-values.js';

/** Far above any real request or export interval (a million-token context window): a larger count is not a real count. */
export const MAX_COUNT = 1e12;
/** Dollars of one request or one export interval; more is not a real estimate. */
export const MAX_COST_USD = 1e6;

export type Figure = { ok: true; value: number | null } | { ok: false; reason: string };

/**
 * A whole non-negative number at most MAX_COUNT, as an agent sends it: an int (Claude Code), a decimal string (Codex
 * 0.169 sends `input_token_count` and `output_token_count` as strings), or an integral double. Absent: null.
 */
export function readCount(value: OtelValue | undefined, name: string, max = MAX_COUNT): Figure {
  if (value === undefined || value === null) return { ok: true, value: null };
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(number) && number >= 0 && number <= max) return { ok: true, value: number };
  return { ok: false, reason: `${name}: expected a whole number from 0 to ${max}, got ${show(value)}` };
}

/** A non-negative finite number (dollars, milliseconds) at most `max`, as a number or a decimal string. Absent: null. */
export function readAmount(value: OtelValue | undefined, name: string, max: number): Figure {
  if (value === undefined || value === null) return { ok: true, value: null };
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(value)
        ? Number(value)
        : Number.NaN;
  if (Number.isFinite(number) && number >= 0 && number <= max) return { ok: true, value: number };
  return { ok: false, reason: `${name}: expected a number from 0 to ${max}, got ${show(value)}` };
}

/** Nanoseconds since the epoch (OTLP's fixed64, as decimal text) as an ISO time; null for 0 or absent; a reason past year 9999. */
export function readNanos(nanos: string | undefined, name: string): { ok: true; value: string | null } | { ok: false; reason: string } {
  if (nanos === undefined || !/^\d+$/.test(nanos) || /^0+$/.test(nanos)) return { ok: true, value: null };
  const ms = Number(BigInt(nanos) / 1_000_000n);
  if (ms > Date.UTC(9999, 11, 31, 23, 59, 59, 999)) return { ok: false, reason: `${name}: ${nanos} ns is past the year 9999` };
  return { ok: true, value: new Date(ms).toISOString() };
}

/** An ISO time an agent wrote as text (Claude Code's and Codex's `event.timestamp`); null when it is not one. */
export function readIsoText(value: OtelValue | undefined): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function show(value: OtelValue): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
