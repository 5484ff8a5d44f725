// Tests for the Claude /usage parser on real screen shapes: wide and narrow layouts, extra sections, errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClaudeUsage } from './claude-usage.js';
import type { ParseContext, ParseIssue, Reading } from './reading.js';

const fixture = (name: string): string => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), 'utf8');
const ctx: ParseContext = { capturedAt: new Date('2026-11-21T12:00:00Z'), timeZone: 'Asia/Tokyo' };

function read(text: string, context: ParseContext = ctx): Reading {
  const result = parseClaudeUsage(text, context);
  if (!result.ok) throw new Error(`expected a reading, got: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.value;
}

function refuse(text: string, context: ParseContext = ctx): ParseIssue[] {
  const result = parseClaudeUsage(text, context);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

describe('parseClaudeUsage', () => {
  it('reads the wide screen: session, all-models week and Sonnet-only week', () => {
    expect(read(fixture('claude-usage-wide.txt'))).toEqual({
      format: 'claude-usage',
      bars: {
        five_hour: { used_pct: 23, resets_at: '2026-11-21T15:30:00.000Z', resets_text: '3:30pm (Europe/London)', window_minutes: 300 },
        weekly: {
          used_pct: 41,
          resets_at: '2026-11-24T14:00:00.000Z',
          resets_text: 'Nov 24 at 2pm (Europe/London)',
          window_minutes: 10080,
        },
        weekly_sonnet: {
          used_pct: 7,
          resets_at: '2026-11-24T14:00:00.000Z',
          resets_text: 'Nov 24 at 2pm (Europe/London)',
          window_minutes: 10080,
        },
      },
      parse_errors: [],
    });
  });

  it('reads the narrow screen, joining resets wrapped over two lines', () => {
    const reading = read(fixture('claude-usage-narrow.txt'), { capturedAt: new Date('2026-10-15T17:00:00Z'), timeZone: 'UTC' });
    expect(reading.bars).toEqual({
      five_hour: { used_pct: 2, resets_at: '2026-10-16T04:00:00.000Z', resets_text: '9pm (America/Los_Angeles)', window_minutes: 300 },
      weekly: {
        used_pct: 88,
        resets_at: '2026-10-20T09:00:00.000Z',
        resets_text: 'Oct 20, 2am (America/Los_Angeles)',
        window_minutes: 10080,
      },
    });
  });

  it('ignores sections it does not track (Fable, Extra usage) and promo lines inside a section', () => {
    const reading = read(fixture('claude-usage-extra-sections.txt'), { capturedAt: new Date('2026-08-25T08:00:00Z'), timeZone: 'UTC' });
    expect(reading.bars).toEqual({
      five_hour: { used_pct: 48, resets_at: '2026-08-25T10:10:00.000Z', resets_text: '10:10am (UTC)', window_minutes: 300 },
      weekly: { used_pct: 41, resets_at: '2026-08-31T12:00:00.000Z', resets_text: 'Aug 31 at 12pm (UTC)', window_minutes: 10080 },
    });
  });

  it('reads sections whose figures share the title line', () => {
    const text = [
      'Current session: 12% used · resets 7pm (UTC)',
      'Current week (all models) ██████▌ 13% used Resets Nov 26 at 7am (America/Los_Angeles)',
      'Current week (Sonnet only): 0% used',
    ].join('\n');
    expect(read(text).bars).toEqual({
      five_hour: { used_pct: 12, resets_at: '2026-11-21T19:00:00.000Z', resets_text: '7pm (UTC)', window_minutes: 300 },
      weekly: {
        used_pct: 13,
        resets_at: '2026-11-26T15:00:00.000Z',
        resets_text: 'Nov 26 at 7am (America/Los_Angeles)',
        window_minutes: 10080,
      },
      weekly_sonnet: { used_pct: 0, resets_at: null, window_minutes: 10080 },
    });
  });

  it('turns "% left" into percent used', () => {
    const text = 'Current session\n ▌▌▌▌▌ 80% left\n Resets 10pm (UTC)\n';
    expect(read(text).bars.five_hour?.used_pct).toBe(20);
  });

  it('takes a reset without a zone in ctx.timeZone', () => {
    // 12:00 UTC is 21:00 in Tokyo; 11pm Tokyo is 14:00 UTC.
    expect(read('Current session\n 5% used\n Resets 11pm\n').bars.five_hour?.resets_at).toBe('2026-11-21T14:00:00.000Z');
  });

  it('keeps only the last screen when /usage was pasted twice', () => {
    const first = fixture('claude-usage-wide.txt');
    const second = first.replace('23% used', '31% used');
    const reading = read(`${first}\n${second}`);
    expect(reading.parse_errors).toEqual(['multi-pane-trimmed']);
    expect(reading.bars.five_hour?.used_pct).toBe(31);
  });

  it('refuses the "Failed to load usage data" screen with its line', () => {
    expect(refuse(fixture('claude-usage-failed.txt'))).toEqual([
      { message: 'Claude /usage could not load usage data ("Error: Failed to load usage data")', line: 5 },
    ]);
  });

  it('explains a dismissed dialog', () => {
    expect(refuse('> /usage\n  ⎿  Status dialog dismissed\n')).toEqual([
      { message: 'the /usage dialog was dismissed before it showed any usage' },
    ]);
  });

  it('refuses text without any known section', () => {
    expect(refuse('Current week (Opus)\n 3% used\n')).toEqual([
      { message: "expected a 'Current session' or 'Current week (all models)' section" },
    ]);
  });

  it('refuses a section without a percentage, naming its title line', () => {
    expect(refuse('\nCurrent session\n ▌▌▌\n Resets 3pm (UTC)\n')).toEqual([
      { message: 'Current session: no "NN% used" figure found in this section', line: 2 },
    ]);
  });

  it('refuses a percentage over 100 with its line number', () => {
    const text = fixture('claude-usage-wide.txt').replace('41% used', '141% used');
    const line = text.split('\n').findIndex((l) => l.includes('141% used')) + 1;
    expect(refuse(text)).toEqual([{ message: 'Current week (all models): "141% used" is outside 0..100%', line }]);
  });

  it('refuses an unknown time zone on the reset line', () => {
    const text = fixture('claude-usage-wide.txt').replace('3:30pm (Europe/London)', '3:30pm (Atlantis/Central)');
    const line = text.split('\n').findIndex((l) => l.includes('Atlantis')) + 1;
    expect(refuse(text)).toEqual([
      { message: 'Current session: unknown time zone "Atlantis/Central" in reset "3:30pm (Atlantis/Central)"', line },
    ]);
  });
});
