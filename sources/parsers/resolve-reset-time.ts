// Turns the reset texts capacity screens show ("14:32 on 23 Nov", "3pm (Europe/London)") into UTC instants.
import type * as Luxon from 'luxon';
import type { DateTime } from 'luxon';
import { requireLazily } from '../../kernel/index.js';
import { fail, succeed, type ParseContext, type ParseResult } from './reading.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`([a-z]{3,9})\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+(\d{4}))?`;
const TIME = String.raw`(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?(?:m\.?)?`;
const TIME_ONLY = new RegExp(`^${TIME}$`, 'i');
/** "Nov 24", "Nov 24 at 2pm", "Oct 9, 10am", "Nov 24, 2026 2pm". */
const MONTH_DAY_TIME = new RegExp(`^${MONTH}\\s+${DAY}${YEAR}(?:,?\\s*(?:at\\s+)?${TIME})?$`, 'i');
/** "24 Nov", "24 Nov 14:32". */
const DAY_MONTH_TIME = new RegExp(`^${DAY}\\s+${MONTH}${YEAR}(?:,?\\s*(?:at\\s+)?${TIME})?$`, 'i');
const MONTH_DAY = new RegExp(`^${MONTH}\\s+${DAY}${YEAR}$`, 'i');
const DAY_MONTH = new RegExp(`^${DAY}\\s+${MONTH}${YEAR}$`, 'i');
/** Codex: "14:32 on 23 Nov"; also "2pm on Nov 24". */
const TIME_ON_DATE = new RegExp(`^${TIME},?\\s+(?:on\\s+)?(.+)$`, 'i');
/** "in 1h 43m", "in 2d", "in 6 days"; written so no stretch of text can be matched two ways. */
const RELATIVE = /^in\s+(\d+\s*[a-z]+(?:[\s,]+(?:and\s+)?\d+\s*[a-z]+)*)$/i;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
/** "(resets 14:32)" as cut from a Codex row. */
const WRAPPED = /^\(\s*(resets?\b[^()]*)\)$/i;
// Loaded when a reset text is read: a JSON reading or a status line has instants already, and luxon's module costs
// a capture about a sixth of its start-up (docs/decisions/0020-lazy-start-up.md).
const loadLuxon = requireLazily<typeof Luxon>('luxon');
const TRAILING_COUNTDOWN = /[,·]\s*(?:\d+\s*[dhms]\s*)+left\s*$/i;

interface WallTime {
  hour: number;
  minute: number;
}

interface CalendarDate {
  month: number;
  day: number;
  year?: number;
}

/**
 * Resolves a reset text to an ISO-8601 UTC instant (`toISOString()` form).
 * A time alone is its next occurrence at or after the capture (to the minute, as screens show it);
 * a date without a year is the nearest occurrence after the capture, or up to a day before it
 * (screens pasted late). A zone in parentheses wins over `ctx.timeZone`.
 */
export function resolveResetTime(resetText: string, ctx: ParseContext): ParseResult<string> {
  const captured = ctx.capturedAt;
  if (!(captured instanceof Date) || Number.isNaN(captured.getTime())) {
    return fail('the capture time is not a valid date');
  }
  const shown = resetText.trim();
  let text = (WRAPPED.exec(shown)?.[1] ?? shown).replace(/^resets?\b:?\s*/i, '').trim();
  let zone: string | undefined;
  const open = text.lastIndexOf('(');
  if (text.endsWith(')') && open >= 0) {
    zone = text.slice(open + 1, -1).trim();
    text = text.slice(0, open).trim();
  }
  zone ??= typeof ctx.timeZone === 'string' ? ctx.timeZone : ctx.timeZone();
  if (!isKnownZone(zone)) return fail(`unknown time zone ${JSON.stringify(zone)} in reset ${JSON.stringify(shown)}`);
  text = text.replace(TRAILING_COUNTDOWN, '').replace(WEEKDAY, '').replace(/\s+/g, ' ').trim();
  const now = loadLuxon().DateTime.fromJSDate(captured, { zone });

  const relative = RELATIVE.exec(text);
  if (relative) return resolveRelative(relative[1] ?? '', now, shown);

  const parsed = readDateAndTime(text);
  if (!parsed) {
    return fail(
      `could not read the reset time ${JSON.stringify(shown)} ` +
        '(expected e.g. "14:32", "14:32 on 23 Nov", "3pm (Europe/London)" or "Nov 24 at 2pm (UTC)")',
    );
  }
  const { date, time } = parsed;
  const instant = date ? resolveDate(date, time, now) : resolveTime(time ?? { hour: 0, minute: 0 }, now);
  if (!instant) return fail(`the reset ${JSON.stringify(shown)} is not a real date`);
  return succeed(instant.toUTC().toJSDate().toISOString());
}

/** True when `zone` is an IANA name (or UTC/offset form) luxon can use. */
export function isKnownZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    return loadLuxon().DateTime.now().setZone(zone).isValid;
  } catch {
    return false;
  }
}

function readDateAndTime(text: string): { date?: CalendarDate; time?: WallTime } | null {
  const timeOnly = TIME_ONLY.exec(text);
  if (timeOnly) {
    const time = readTime(timeOnly[1], timeOnly[2], timeOnly[3]);
    return time ? { time } : null;
  }
  const monthFirst = MONTH_DAY_TIME.exec(text);
  if (monthFirst) return combine(monthFirst[1], monthFirst[2], monthFirst[3], monthFirst.slice(4, 7));
  const dayFirst = DAY_MONTH_TIME.exec(text);
  if (dayFirst) return combine(dayFirst[2], dayFirst[1], dayFirst[3], dayFirst.slice(4, 7));
  const timeOnDate = TIME_ON_DATE.exec(text);
  if (timeOnDate) {
    const time = readTime(timeOnDate[1], timeOnDate[2], timeOnDate[3]);
    const rest = timeOnDate[4] ?? '';
    const monthDay = MONTH_DAY.exec(rest);
    const dayMonth = monthDay ? null : DAY_MONTH.exec(rest);
    const found = monthDay
      ? combine(monthDay[1], monthDay[2], monthDay[3], [])
      : dayMonth
        ? combine(dayMonth[2], dayMonth[1], dayMonth[3], [])
        : null;
    return time && found ? { date: found.date, time } : null;
  }
  return null;
}

function combine(
  monthName: string | undefined,
  dayText: string | undefined,
  yearText: string | undefined,
  timeParts: (string | undefined)[],
): { date: CalendarDate; time?: WallTime } | null {
  const month = readMonth(monthName ?? '');
  const day = Number(dayText);
  if (month === null || !Number.isInteger(day) || day < 1 || day > 31) return null;
  const date: CalendarDate = yearText ? { month, day, year: Number(yearText) } : { month, day };
  if (timeParts[0] === undefined) return { date };
  const time = readTime(timeParts[0], timeParts[1], timeParts[2]);
  return time ? { date, time } : null;
}

function readMonth(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((full) => full.startsWith(lower));
  return index < 0 ? null : index + 1;
}

function readTime(hourText: string | undefined, minuteText: string | undefined, meridiem: string | undefined): WallTime | null {
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  } else if (minuteText === undefined || hour > 23) {
    return null; // a bare "14" is not a time
  }
  return { hour, minute };
}

function resolveTime(time: WallTime, now: DateTime): DateTime {
  const floor = now.startOf('minute');
  const today = now.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  if (today >= floor) return today;
  return now.plus({ days: 1 }).set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
}

function resolveDate(date: CalendarDate, time: WallTime | undefined, now: DateTime): DateTime | null {
  const wall = { hour: time?.hour ?? 0, minute: time?.minute ?? 0 };
  const at = (year: number) => loadLuxon().DateTime.fromObject({ year, month: date.month, day: date.day, ...wall }, { zone: now.zone });
  if (date.year !== undefined) {
    const fixed = at(date.year);
    return fixed.isValid ? fixed : null;
  }
  const earliest = now.minus({ days: 1 });
  for (const year of [now.year - 1, now.year, now.year + 1, now.year + 2, now.year + 3, now.year + 4]) {
    const candidate = at(year);
    if (candidate.isValid && candidate >= earliest) return candidate;
  }
  return null;
}

function resolveRelative(spec: string, now: DateTime, original: string): ParseResult<string> {
  const units: Record<string, 'days' | 'hours' | 'minutes' | 'seconds'> = { d: 'days', h: 'hours', m: 'minutes', s: 'seconds' };
  const duration = { days: 0, hours: 0, minutes: 0, seconds: 0 };
  for (const part of spec.matchAll(/(\d+)\s*([a-z]+)/gi)) {
    const word = (part[2] ?? '').toLowerCase();
    const unit = word.startsWith('mo') ? undefined : units[word.startsWith('min') ? 'm' : word.charAt(0)];
    if (!unit) return fail(`could not read the reset time ${JSON.stringify(original)} (unknown unit "${part[2]}")`);
    duration[unit] += Number(part[1]);
  }
  return succeed(now.plus(duration).toUTC().toJSDate().toISOString());
}
