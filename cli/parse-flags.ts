// Validators for flag values: each names the flag and says what was expected and what it got.
import type { z } from 'zod';
import { AppError } from '../kernel/index.js';
import type { TimeZoneSource } from '../sources/parsers/index.js';

export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('BAD_USAGE', `${parsed.error.issues[0]?.message ?? 'invalid value'}, got ${JSON.stringify(value)}`, { where: flag });
}

/** Clock skew between machines tolerated for a reading "taken" in the future. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export function parseInstant(value: string | undefined, flag: string, now: Date = new Date()): Date {
  if (value === undefined) return now;
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at)) {
    throw new AppError('BAD_USAGE', `expected an ISO-8601 time such as 2026-11-21T14:30:00Z, got ${JSON.stringify(value)}`, {
      where: flag,
    });
  }
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    throw new AppError('BAD_USAGE', `${value.slice(0, 10)} is not a calendar date`, { where: flag });
  }
  if (at > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('BAD_USAGE', `${value} is in the future (now is ${now.toISOString()}): a reading cannot be taken later than now`, {
      where: flag,
    });
  }
  return new Date(at);
}

export function parseFraction(value: string, flag: string): number {
  const number = Number(value);
  // Plain decimals only: Number() would also take "0x1", "0b1" or " 1 ".
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value) || number < 0 || number > 1) {
    throw new AppError('BAD_USAGE', `expected a number from 0 to 1, got ${JSON.stringify(value)}`, { where: flag });
  }
  return number;
}

/**
 * `--tz` checked now, or the machine's zone read when a reset time first needs it: Intl's first time zone costs ICU's
 * zone data, 131 M of the 1,097 M instructions `tracker snapshot before` ran on a pasted Codex `/status` (callgrind;
 * `node -e 0` 499 M), which a JSON reading with ISO resets never needs.
 */
export function parseTimeZone(value: string | undefined): TimeZoneSource {
  if (value === undefined) {
    let zone: string | undefined;
    return () => {
      zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
      return zone;
    };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new AppError('BAD_USAGE', `expected an IANA time zone such as Europe/London, got ${JSON.stringify(value)}`, { where: '--tz' });
  }
  return value;
}

export function parsePositiveInt(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new AppError('BAD_USAGE', `expected a whole number >= 0, got ${JSON.stringify(value)}`, { where: flag });
  }
  return number;
}

/** A whole number in [min, max], written as digits only (no sign, no exponent, no fraction). */
export function parseWholeNumber(value: string, flag: string, min: number, max: number): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new AppError('BAD_USAGE', `expected a whole number from ${min} to ${max.toLocaleString('en-US')}, got ${JSON.stringify(value)}`, {
      where: flag,
    });
  }
  return number;
}
