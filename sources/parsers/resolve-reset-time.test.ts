// Tests for turning reset texts into UTC instants: next occurrences, midnight, month and year boundaries, zones.
import { describe, expect, it } from 'vitest';
import type { ParseContext } from './reading.js';
import { isKnownZone, resolveResetTime } from './resolve-reset-time.js';

function at(iso: string, timeZone = 'Europe/Berlin'): ParseContext {
  return { capturedAt: new Date(iso), timeZone };
}

function resolved(text: string, ctx: ParseContext): string {
  const result = resolveResetTime(text, ctx);
  if (!result.ok) throw new Error(`expected ${text} to resolve: ${result.issues[0]?.message}`);
  return result.value;
}

function refusal(text: string, ctx: ParseContext): string {
  const result = resolveResetTime(text, ctx);
  if (result.ok) throw new Error(`expected ${text} to be refused, got ${result.value}`);
  return result.issues[0]?.message ?? '';
}

describe('Codex times without a date', () => {
  // 23:50:30 in Berlin (UTC+1 in November).
  const lateEvening = at('2026-11-21T22:50:30Z');

  it('takes a later time the same day', () => {
    expect(resolved('23:58', lateEvening)).toBe('2026-11-21T22:58:00.000Z');
  });

  it('rolls an earlier time over midnight to the next day', () => {
    expect(resolved('00:10', lateEvening)).toBe('2026-11-21T23:10:00.000Z');
    expect(resolved('14:32', lateEvening)).toBe('2026-11-22T13:32:00.000Z');
  });

  it('compares to the minute, as the screen shows it', () => {
    expect(resolved('23:50', lateEvening)).toBe('2026-11-21T22:50:00.000Z');
    expect(resolved('23:49', lateEvening)).toBe('2026-11-22T22:49:00.000Z');
  });

  it('keeps the wall-clock time across a DST change', () => {
    // 20:00 on 7 Mar 2026 in Los Angeles (PST); clocks move to PDT on 8 Mar.
    const beforeDst = at('2026-03-08T04:00:00Z', 'America/Los_Angeles');
    expect(resolved('15:00', beforeDst)).toBe('2026-03-08T22:00:00.000Z');
  });
});

describe('Codex times with a date', () => {
  it('reads "14:32 on 3 Dec" in the next month', () => {
    expect(resolved('14:32 on 3 Dec', at('2026-11-28T10:00:00Z'))).toBe('2026-12-03T13:32:00.000Z');
  });

  it('moves a January date into the next year at the end of December', () => {
    expect(resolved('09:00 on 2 Jan', at('2026-12-30T12:00:00Z'))).toBe('2027-01-02T08:00:00.000Z');
  });

  it('keeps a date a few hours in the past for a screen pasted late', () => {
    expect(resolved('09:00 on 2 Jan', at('2027-01-02T12:00:00Z'))).toBe('2027-01-02T08:00:00.000Z');
  });

  it('takes next year for a date more than a day in the past', () => {
    expect(resolved('09:00 on 31 Dec', at('2027-01-02T12:00:00Z'))).toBe('2027-12-31T08:00:00.000Z');
  });

  it('accepts the wrapped row text "(resets 10:16 on 2 Jan)"', () => {
    expect(resolved('(resets 10:16 on 2 Jan)', at('2026-12-30T12:00:00Z', 'UTC'))).toBe('2027-01-02T10:16:00.000Z');
  });

  it('finds the next leap year for 29 Feb', () => {
    expect(resolved('08:00 on 29 Feb', at('2026-03-10T00:00:00Z', 'UTC'))).toBe('2028-02-29T08:00:00.000Z');
  });
});

describe('Claude resets with a zone in parentheses', () => {
  const noonUtc = at('2026-11-21T12:00:00Z', 'Asia/Tokyo');

  it('reads "3pm (America/Los_Angeles)" in that zone, not ctx.timeZone', () => {
    // Noon UTC is 04:00 in Los Angeles (PST), so 3pm is later the same day.
    expect(resolved('3pm (America/Los_Angeles)', noonUtc)).toBe('2026-11-21T23:00:00.000Z');
  });

  it('reads minutes: "3:30pm (Europe/London)"', () => {
    expect(resolved('3:30pm (Europe/London)', noonUtc)).toBe('2026-11-21T15:30:00.000Z');
  });

  it('reads "Oct 9, 10am" as the next 9 October', () => {
    expect(resolved('Oct 9, 10am (America/Los_Angeles)', noonUtc)).toBe('2027-10-09T17:00:00.000Z');
  });

  it('reads "Nov 24 at 2pm (UTC)"', () => {
    expect(resolved('Nov 24 at 2pm (UTC)', noonUtc)).toBe('2026-11-24T14:00:00.000Z');
  });

  it('reads 12am as midnight and 12pm as noon', () => {
    expect(resolved('12am (UTC)', noonUtc)).toBe('2026-11-22T00:00:00.000Z');
    expect(resolved('Nov 22, 12pm (UTC)', noonUtc)).toBe('2026-11-22T12:00:00.000Z');
  });

  it('asks a zone function only when the text shows no zone of its own, once a call', () => {
    const asked: string[] = [];
    const lazy: ParseContext = { capturedAt: new Date('2026-11-21T12:00:00Z'), timeZone: () => (asked.push('zone'), 'Asia/Tokyo') };
    expect(resolved('Nov 22, 12pm (UTC)', lazy)).toBe('2026-11-22T12:00:00.000Z');
    expect(asked).toEqual([]);
    expect(resolved('Resets 11pm', lazy)).toBe('2026-11-21T14:00:00.000Z');
    expect(asked).toEqual(['zone']);
  });

  it('uses ctx.timeZone when no zone is shown ("Resets 11pm")', () => {
    // Noon UTC is 21:00 in Tokyo, so 11pm Tokyo is 14:00 UTC the same day.
    expect(resolved('Resets 11pm', noonUtc)).toBe('2026-11-21T14:00:00.000Z');
  });

  it('tolerates a weekday, a full month name and a trailing countdown', () => {
    expect(resolved('Tue Aug 4 at 10:00am (UTC)', noonUtc)).toBe('2027-08-04T10:00:00.000Z');
    expect(resolved('November 24 at 2pm (UTC)', noonUtc)).toBe('2026-11-24T14:00:00.000Z');
    expect(resolved('2:30pm, 2h 30m left (UTC)', noonUtc)).toBe('2026-11-21T14:30:00.000Z');
  });

  it('reads relative resets from the capture time', () => {
    expect(resolved('in 1h 43m', noonUtc)).toBe('2026-11-21T13:43:00.000Z');
    expect(resolved('Resets in 2d', noonUtc)).toBe('2026-11-23T12:00:00.000Z');
  });
});

describe('refusals', () => {
  const ctx = at('2026-11-21T12:00:00Z');

  it('refuses an unknown zone with an issue, not a throw', () => {
    expect(refusal('3pm (Mars/Olympus_Mons)', ctx)).toBe('unknown time zone "Mars/Olympus_Mons" in reset "3pm (Mars/Olympus_Mons)"');
  });

  it('refuses an unknown ctx.timeZone', () => {
    expect(refusal('14:32', at('2026-11-21T12:00:00Z', 'Not/AZone'))).toContain('unknown time zone "Not/AZone"');
  });

  it('refuses text that is not a time', () => {
    expect(refusal('soon', ctx)).toContain('could not read the reset time "soon"');
    expect(refusal('14', ctx)).toContain('could not read the reset time "14"');
    expect(refusal('25:00', ctx)).toContain('could not read');
    expect(refusal('13pm', ctx)).toContain('could not read');
  });

  it('refuses a date that does not exist', () => {
    expect(refusal('Feb 30', ctx)).toBe('the reset "Feb 30" is not a real date');
  });

  it('refuses an invalid capture time', () => {
    expect(refusal('14:32', { capturedAt: new Date('nope'), timeZone: 'UTC' })).toBe('the capture time is not a valid date');
  });
});

describe('isKnownZone', () => {
  it('knows IANA names and UTC, not made-up names or blanks', () => {
    expect(isKnownZone('Europe/London')).toBe(true);
    expect(isKnownZone('UTC')).toBe(true);
    expect(isKnownZone('Nowhere/Special')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});
