// Tests for JSON readings: accepted shapes and synonyms, and issues that name the field path or the line.
import { describe, expect, it } from 'vitest';
import { locateJsonError } from './locate-json-error.js';
import { parsePlainJson } from './plain-json.js';
import type { ParseContext, ParseIssue, Reading } from './reading.js';

const ctx: ParseContext = { capturedAt: new Date('2026-11-21T12:00:00Z'), timeZone: 'UTC' };

function read(text: string): Reading {
  const result = parsePlainJson(text, ctx);
  if (!result.ok) throw new Error(`expected a reading, got: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.value;
}

function refuse(text: string): ParseIssue[] {
  const result = parsePlainJson(text, ctx);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

describe('parsePlainJson', () => {
  it('reads bars, tokens and cost', () => {
    const text =
      '{"five_hour": {"used_pct": 42, "resets_at": "2026-11-21T15:00:00Z"}, "weekly": {"used_pct": 10},' +
      ' "tokens": {"total": 12345, "input": 1000, "output": 200}, "cost_usd": 1.2}';
    expect(read(text)).toEqual({
      format: 'json',
      bars: {
        five_hour: { used_pct: 42, resets_at: '2026-11-21T15:00:00.000Z', window_minutes: 300 },
        weekly: { used_pct: 10, resets_at: null, window_minutes: 10080 },
      },
      tokens: { total: 12345, input: 1000, output: 200 },
      cost_usd: 1.2,
      parse_errors: [],
    });
  });

  it('accepts a "bars" wrapper and "used_percentage"; normalises offsets to UTC', () => {
    const text = '{"bars": {"weekly_sonnet": {"used_percentage": 7.5, "resets_at": "2026-11-24T14:00:00+01:00", "resets_text": "Nov 24"}}}';
    expect(read(text).bars).toEqual({
      weekly_sonnet: { used_pct: 7.5, resets_at: '2026-11-24T13:00:00.000Z', resets_text: 'Nov 24', window_minutes: 10080 },
    });
  });

  it("accepts Claude Code's statusLine rate_limits with epoch-second resets", () => {
    const text =
      '{"model": {"id": "x"}, "rate_limits": {"five_hour": {"used_percentage": 23.5, "resets_at": 1795276800}, "seven_day": {"used_percentage": 41.2}}}';
    expect(read(text).bars).toEqual({
      five_hour: { used_pct: 23.5, resets_at: '2026-11-21T16:00:00.000Z', window_minutes: 300 },
      weekly: { used_pct: 41.2, resets_at: null, window_minutes: 10080 },
    });
  });

  it('reads tokens alone, totalling the parts when total is missing', () => {
    expect(read('{"tokens": {"input": 1000, "output": 200, "cache_read": 50}}')).toEqual({
      format: 'json',
      bars: {},
      tokens: { input: 1000, output: 200, cache_read: 50, total: 1250 },
      parse_errors: [],
    });
  });

  it('names the field path and the value for a wrong type', () => {
    expect(refuse('{\n  "five_hour": {\n    "used_pct": "abc"\n  }\n}')).toEqual([
      { message: 'five_hour.used_pct: expected a number from 0 to 100, got "abc"', line: 3 },
    ]);
  });

  it('names the field path for out-of-range and negative values', () => {
    const issues = refuse('{"weekly": {"used_pct": 140}, "tokens": {"total": -3}}');
    expect(issues.map((i) => i.message)).toEqual([
      'weekly.used_pct: expected a number from 0 to 100, got 140',
      'tokens.total: expected a whole number of tokens, 0 or more, got -3',
    ]);
  });

  it('refuses a bar without a percentage', () => {
    expect(refuse('{"bars": {"five_hour": {"resets_at": null}}}')).toEqual([
      { message: 'bars.five_hour.used_pct: expected a number from 0 to 100, got nothing', line: 1 },
    ]);
  });

  it('refuses a reset time without a zone', () => {
    expect(refuse('{"five_hour": {"used_pct": 1, "resets_at": "2026-11-21 15:00"}}')[0]?.message).toBe(
      'five_hour.resets_at: expected an ISO-8601 time with a zone (e.g. "2026-11-21T15:00:00Z"), epoch seconds, or null, got "2026-11-21 15:00"',
    );
  });

  it('refuses the same bar given twice', () => {
    expect(refuse('{"five_hour": {"used_pct": 1}, "bars": {"five_hour": {"used_pct": 2}}}')[0]?.message).toBe(
      'bars.five_hour: the five_hour bar is given twice',
    );
  });

  it('refuses JSON syntax errors with the line', () => {
    expect(refuse('{\n  "five_hour": {"used_pct": 42,}\n}')).toEqual([
      { message: `invalid JSON: expected a double-quoted property name, unexpected "}" (column 32)`, line: 2 },
    ]);
    expect(refuse('{"weekly": {"used_pct": 4}')[0]?.message).toBe(
      "invalid JSON: expected ',' or '}', the input ends too early (column 27)",
    );
  });

  it('refuses JSON that is not an object, or has neither bars nor tokens', () => {
    expect(refuse('[1, 2]')[0]?.message).toBe('expected a JSON object with bars (five_hour, weekly) or tokens, got an array');
    expect(refuse('{"cost_usd": 3}')[0]?.message).toBe(
      'expected bars (five_hour, weekly or weekly_sonnet, optionally inside "bars") or "tokens" in the JSON object',
    );
  });
});

describe('locateJsonError', () => {
  it('returns null for valid JSON and a position for invalid JSON', () => {
    expect(locateJsonError('{"a": [1, 2.5e3, true, null, "x\\n"]}')).toBeNull();
    expect(locateJsonError('{"a": [1, 2,]}')).toMatchObject({ line: 1, column: 13 });
    expect(locateJsonError('{"a": 1}\n  x')).toMatchObject({
      line: 2,
      column: 3,
      message: 'unexpected text after the JSON value: unexpected "x"',
    });
  });

  it('survives deep nesting without recursion', () => {
    expect(locateJsonError('['.repeat(200_000))).toMatchObject({ message: 'expected a value, the input ends too early' });
  });
});
