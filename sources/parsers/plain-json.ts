// Reads a hand-written (or script-written) JSON capacity reading: bars, token counts and cost.
import * as z from 'zod';
import { IsoTimeSchema, type Bar, type Bars, type Tokens } from '../../ledger/schemas/index.js';
import { describeThrown, quoteForMessage, stripTerminalCodes } from './clean-screen-text.js';
import { locateJsonError } from './locate-json-error.js';
import { ReadingSchema, fail, succeed, type ParseContext, type ParseIssue, type ParseResult, type Reading } from './reading.js';

const FORMAT = 'json';
const PCT = 'expected a number from 0 to 100';
const COUNT = 'expected a whole number of tokens, 0 or more';
const RESET = 'expected an ISO-8601 time with a zone (e.g. "2026-11-21T15:00:00Z"), epoch seconds, or null';

const percent = z.number({ error: PCT }).min(0, { error: PCT }).max(100, { error: PCT });
const count = z.number({ error: COUNT }).int({ error: COUNT }).nonnegative({ error: COUNT });
const BarInput = z.object(
  {
    used_pct: percent.optional(),
    /** Claude Code's statusLine spelling. */
    used_percentage: percent.optional(),
    resets_at: z
      .union(
        [
          z.string().refine((s) => IsoTimeSchema.safeParse(s).success, { error: RESET }),
          z.number().nonnegative({ error: RESET }),
          z.null(),
        ],
        {
          error: RESET,
        },
      )
      .optional(),
    resets_text: z.string({ error: 'expected text' }).optional(),
    window_minutes: z.number().int().positive({ error: 'expected a whole number of minutes above 0' }).optional(),
  },
  { error: 'expected an object like {"used_pct": 42}' },
);
const BarsInput = z.object(
  {
    five_hour: BarInput.optional(),
    weekly: BarInput.optional(),
    seven_day: BarInput.optional(),
    weekly_sonnet: BarInput.optional(),
    seven_day_sonnet: BarInput.optional(),
  },
  { error: 'expected an object of bars' },
);
const TokensInput = z.object(
  {
    total: count.optional(),
    input: count.optional(),
    output: count.optional(),
    cache_read: count.optional(),
    cache_creation: count.optional(),
  },
  { error: 'expected an object like {"total": 12345}' },
);
const ReadingInput = BarsInput.extend({
  bars: BarsInput.optional(),
  /** Claude Code's statusLine wraps its bars in `rate_limits`. */
  rate_limits: BarsInput.optional(),
  tokens: TokensInput.optional(),
  cost_usd: z
    .number({ error: 'expected a number of dollars, 0 or more' })
    .nonnegative({ error: 'expected a number of dollars, 0 or more' })
    .optional(),
});

type BarInputValue = z.infer<typeof BarInput>;
type BarsInputValue = z.infer<typeof BarsInput>;

/** Parses a JSON reading such as `{"five_hour": {"used_pct": 42, "resets_at": "…"}, "tokens": {"total": 12345}}`. */
export function parsePlainJson(text: string, _ctx: ParseContext): ParseResult<Reading> {
  try {
    return readJson(stripTerminalCodes(text));
  } catch (error) {
    return fail(`could not read the JSON reading (${describeThrown(error)})`);
  }
}

function readJson(text: string): ParseResult<Reading> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    return where ? fail(`invalid JSON: ${where.message} (column ${where.column})`, where.line) : fail('invalid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(
      `expected a JSON object with bars (five_hour, weekly) or tokens, got ${Array.isArray(data) ? 'an array' : quoteForMessage(data)}`,
    );
  }
  const parsed = ReadingInput.safeParse(data);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => toIssue(issue, data, text)) };
  }
  const input = parsed.data;
  const issues: ParseIssue[] = [];
  const bars: Bars = {};
  const sources: [string, BarsInputValue | undefined][] = [
    ['', input],
    ['bars.', input.bars],
    ['rate_limits.', input.rate_limits],
  ];
  for (const [prefix, group] of sources) {
    if (!group) continue;
    addBar(bars, 'five_hour', group.five_hour, `${prefix}five_hour`, 300, issues, text);
    addBar(bars, 'weekly', group.weekly ?? group.seven_day, `${prefix}${group.weekly ? 'weekly' : 'seven_day'}`, 10080, issues, text);
    addBar(
      bars,
      'weekly_sonnet',
      group.weekly_sonnet ?? group.seven_day_sonnet,
      `${prefix}${group.weekly_sonnet ? 'weekly_sonnet' : 'seven_day_sonnet'}`,
      10080,
      issues,
      text,
    );
  }
  const tokens = toTokens(input.tokens);
  if (issues.length > 0) return { ok: false, issues };
  if (Object.keys(bars).length === 0 && !tokens) {
    return fail('expected bars (five_hour, weekly or weekly_sonnet, optionally inside "bars") or "tokens" in the JSON object');
  }
  const reading = {
    format: FORMAT,
    bars,
    parse_errors: [],
    ...(tokens ? { tokens } : {}),
    ...(input.cost_usd !== undefined ? { cost_usd: input.cost_usd } : {}),
  };
  const checked = ReadingSchema.safeParse(reading);
  if (!checked.success) return fail(`the JSON reading is invalid: ${checked.error.issues[0]?.message ?? 'unknown error'}`);
  return succeed(checked.data);
}

function addBar(
  bars: Bars,
  key: keyof Bars,
  input: BarInputValue | undefined,
  path: string,
  windowMinutes: number,
  issues: ParseIssue[],
  text: string,
): void {
  if (!input) return;
  const used = input.used_pct ?? input.used_percentage;
  if (used === undefined) {
    issues.push(withLine({ message: `${path}.used_pct: ${PCT}, got nothing` }, path.split('.'), text));
    return;
  }
  const bar: Bar = { used_pct: used, resets_at: toIso(input.resets_at), window_minutes: input.window_minutes ?? windowMinutes };
  if (input.resets_text !== undefined) bar.resets_text = input.resets_text;
  if (bars[key]) issues.push(withLine({ message: `${path}: the ${key} bar is given twice` }, path.split('.'), text));
  else bars[key] = bar;
}

/** ISO text is normalised to UTC; numbers are epoch seconds (or milliseconds when that large). */
function toIso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'number' ? (value > 1e11 ? value : value * 1000) : Date.parse(value);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Totals are the sum of the parts when the writer left `total` out. */
function toTokens(input: z.infer<typeof TokensInput> | undefined): Tokens | undefined {
  if (!input) return undefined;
  const { total, ...parts } = input;
  const sum = Object.values(parts).reduce<number>((acc, n) => acc + (n ?? 0), 0);
  const hasParts = Object.values(parts).some((n) => n !== undefined);
  if (total === undefined && !hasParts) return undefined;
  return { ...parts, total: total ?? sum };
}

function toIssue(issue: z.core.$ZodIssue, data: unknown, text: string): ParseIssue {
  const path = issue.path.map(String);
  let value: unknown = data;
  for (const key of issue.path)
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  const got = value === undefined ? 'nothing' : quoteForMessage(value);
  const name = path.length > 0 ? `${path.join('.')}: ` : '';
  return withLine({ message: `${name}${issue.message}, got ${got}` }, path, text);
}

/** Points at the line of the field, found by following its keys through the text in order. */
function withLine(issue: ParseIssue, path: string[], text: string): ParseIssue {
  let offset = -1;
  for (const key of path) {
    if (/^\d+$/.test(key) || key === '') continue;
    const found = text.indexOf(JSON.stringify(key), Math.max(offset, 0));
    if (found < 0) break;
    offset = found;
  }
  return offset < 0 ? issue : { ...issue, line: text.slice(0, offset).split('\n').length };
}
