// Calendar days in a time zone, ISO 8601 weeks and calendar months, the periods of the usage tables (pure: Intl, no clock).
import { AppError } from '../../kernel/index.js';

/** Every time zone offset in use is a multiple of 15 minutes, so instants in one quarter hour share a day. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** A function from an ISO instant to its `YYYY-MM-DD` in `timeZone` (null for an unreadable time). Throws BAD_INPUT for an unknown zone. */
export function createDayKeyer(timeZone: string): (iso: string) => string | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new AppError('BAD_INPUT', `unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as Europe/Paris or UTC)`);
  }
  // formatToParts costs microseconds; a ledger's rows cluster in time, so the quarter hours repeat.
  const cache = new Map<number, string>();
  return (iso) => {
    const ms = Date.parse(iso);
    if (!Number.isFinite(ms)) return null;
    const slot = Math.floor(ms / QUARTER_HOUR_MS);
    let key = cache.get(slot);
    if (key === undefined) {
      const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
      key = `${parts.year}-${parts.month}-${parts.day}`;
      cache.set(slot, key);
    }
    return key;
  };
}

/** `2026-11-24` -> `2026-W48`: the ISO week (Monday first; week 1 holds the year's first Thursday). Null for a malformed date. */
export function findIsoWeek(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return null;
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the week's year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** What a usage table's rows add up over. */
export type UsagePeriod = 'day' | 'week' | 'month';

/** The period of a day: itself, its ISO week, or its month (`2026-11`). */
export function toPeriod(day: string, by: UsagePeriod): string | null {
  if (by === 'day') return day;
  if (by === 'week') return findIsoWeek(day);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(0, 7) : null;
}
