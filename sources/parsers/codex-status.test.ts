// Tests for the Codex /status parser on real screen shapes: both percent forms, narrow wraps, panes, model blocks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodexStatus } from './codex-status.js';
import type { ParseContext, ParseIssue, Reading } from './reading.js';

const fixture = (name: string): string => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), 'utf8');
const ctx: ParseContext = { capturedAt: new Date('2026-12-30T22:00:00Z'), timeZone: 'Europe/Berlin' };

function read(text: string, context: ParseContext = ctx): Reading {
  const result = parseCodexStatus(text, context);
  if (!result.ok) throw new Error(`expected a reading, got: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.value;
}

function refuse(text: string, context: ParseContext = ctx): ParseIssue[] {
  const result = parseCodexStatus(text, context);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

/** 1-based number of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseCodexStatus', () => {
  it('reads the current "% left" form as percent used, resolving resets across midnight and the new year', () => {
    // Captured 23:00 on 30 Dec in Berlin: 01:29 is tomorrow, "2 Jan" is next year.
    expect(read(fixture('codex-left-form.txt'))).toEqual({
      format: 'codex-status',
      bars: {
        five_hour: { used_pct: 28, resets_at: '2026-12-31T00:29:00.000Z', resets_text: '01:29', window_minutes: 300 },
        weekly: { used_pct: 7, resets_at: '2027-01-02T09:16:00.000Z', resets_text: '10:16 on 2 Jan', window_minutes: 10080 },
      },
      parse_errors: [],
    });
  });

  it('reads the older "% used" form as is', () => {
    const reading = read(fixture('codex-used-form.txt'), { capturedAt: new Date('2026-10-14T09:00:00Z'), timeZone: 'UTC' });
    expect(reading.bars.five_hour).toEqual({
      used_pct: 12,
      resets_at: '2026-10-14T13:05:00.000Z',
      resets_text: '13:05',
      window_minutes: 300,
    });
    expect(reading.bars.weekly).toEqual({
      used_pct: 64,
      resets_at: '2026-10-19T21:40:00.000Z',
      resets_text: '21:40 on 19 Oct',
      window_minutes: 10080,
    });
  });

  it('reads a narrow terminal: cut-off "us"/"u" units and resets wrapped onto the next line', () => {
    const reading = read(fixture('codex-narrow-wrapped.txt'), { capturedAt: new Date('2026-10-14T09:00:00Z'), timeZone: 'UTC' });
    expect(reading.bars.five_hour?.used_pct).toBe(7);
    expect(reading.bars.five_hour?.resets_at).toBe('2026-10-14T13:01:00.000Z');
    expect(reading.bars.weekly?.used_pct).toBe(81);
    expect(reading.bars.weekly?.resets_text).toBe('21:29 on 19 Oct');
  });

  it('refuses a box too narrow to show any numbers, naming each row', () => {
    expect(refuse(fixture('codex-too-narrow.txt'))).toEqual([
      { message: '5h limit: no percentage on this row (was the terminal too narrow?)', line: 8 },
      { message: 'Weekly limit: no percentage on this row (was the terminal too narrow?)', line: 10 },
    ]);
  });

  it('reads the account rows and ignores a per-model (Spark) block', () => {
    const reading = read(fixture('codex-spark-block.txt'));
    expect(reading.bars.five_hour?.used_pct).toBe(5);
    expect(reading.bars.weekly?.used_pct).toBe(3);
    expect(reading.parse_errors).toEqual([]);
  });

  it('reads a weekly-only account without taking the Spark 5h row as the account 5h bar', () => {
    const reading = read(fixture('codex-weekly-only.txt'));
    expect(reading.bars).toEqual({
      weekly: { used_pct: 28, resets_at: '2027-09-19T08:32:00.000Z', resets_text: '10:32 on 19 Sep', window_minutes: 10080 },
    });
  });

  it('refuses a screen with only per-model limits', () => {
    const text = 'GPT-5.3-Codex-Spark limit:\n5h limit: [████] 96% left (resets 21:25)\n';
    expect(refuse(text)).toEqual([
      { message: "expected a '5h limit:' or 'Weekly limit:' row for the account (only per-model limits were found)" },
    ]);
  });

  it('keeps only the last of several pasted panes and says so', () => {
    const reading = read(fixture('codex-multi-pane.txt'), { capturedAt: new Date('2025-10-19T14:02:00Z'), timeZone: 'UTC' });
    expect(reading.parse_errors).toEqual(['multi-pane-trimmed']);
    expect(reading.bars.five_hour).toEqual({
      used_pct: 0,
      resets_at: '2025-10-19T19:01:00.000Z',
      resets_text: '19:01',
      window_minutes: 300,
    });
    expect(reading.bars.weekly?.used_pct).toBe(11);
  });

  it('splits unboxed panes where the account rows repeat', () => {
    const text = [
      '5h limit: [██░░] 10% used (resets 14:00)',
      'Weekly limit: [██░░] 20% used (resets 09:00)',
      '5h limit: [███░] 30% used (resets 14:00)',
      'Weekly limit: [███░] 40% used (resets 09:00)',
    ].join('\n');
    const reading = read(text);
    expect(reading.parse_errors).toEqual(['multi-pane-trimmed']);
    expect([reading.bars.five_hour?.used_pct, reading.bars.weekly?.used_pct]).toEqual([30, 40]);
  });

  it('does not flag a single pane as multi-pane', () => {
    expect(read(fixture('codex-left-form.txt')).parse_errors).toEqual([]);
  });

  it('notes the stale-limits warning without refusing', () => {
    expect(read(fixture('codex-stale-warning.txt')).parse_errors).toEqual(['limits-may-be-stale']);
  });

  it('explains a pane whose limits are still being fetched', () => {
    expect(refuse(fixture('codex-limits-pending.txt'))).toEqual([
      {
        message:
          'Codex /status shows no usage limits yet ("Limits: refresh requested; run /status again shortly."); run /status again after a message',
        line: 6,
      },
    ]);
  });

  it('refuses a pane with only a monthly limit, saying why', () => {
    const text = '│  Monthly limit:    [██░░░░] 12% used (resets 07:08 on 7 May) │';
    expect(refuse(text)).toEqual([{ message: "expected a '5h limit:' or 'Weekly limit:' row (a 'Monthly limit:' row is not tracked)" }]);
  });

  it('refuses text without limit rows, naming what was expected', () => {
    expect(refuse('Model: gpt-5-codex\nDirectory: ~\n')).toEqual([{ message: "expected a '5h limit:' or 'Weekly limit:' row" }]);
  });

  it('refuses a percentage over 100 with its line number', () => {
    const text = fixture('codex-left-form.txt').replace('72% left', '120% left');
    expect(refuse(text)).toEqual([{ message: '5h limit: 120% left is outside 0..100%', line: lineOf(text, '5h limit') }]);
  });

  it('refuses a percentage that says neither used nor left', () => {
    const text = fixture('codex-left-form.txt').replace('93% left', '93%');
    expect(refuse(text)).toEqual([{ message: 'Weekly limit: "93%" says neither "used" nor "left"', line: lineOf(text, 'Weekly limit') }]);
  });

  it('refuses a reset it cannot read, on the row that shows it', () => {
    const text = fixture('codex-left-form.txt').replace('resets 01:29', 'resets whenever');
    const issues = refuse(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.line).toBe(lineOf(text, '5h limit'));
    expect(issues[0]?.message).toMatch(/^5h limit: could not read the reset time "whenever"/);
  });

  it('reads the same screen with colours and CRLF line ends', () => {
    const plain = fixture('codex-used-form.txt');
    const coloured = plain.replace(/(\d+% used)/g, '\u001b[1;32m$1\u001b[0m').replace(/\n/g, '\r\n');
    expect(read(coloured)).toEqual(read(plain));
  });

  it('keeps fractional percentages exact', () => {
    expect(read('5h limit: [██░░] 12.5% left (resets 14:00)').bars.five_hour?.used_pct).toBe(87.5);
  });
});
