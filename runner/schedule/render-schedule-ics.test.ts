// The schedule's iCalendar: CRLF lines, 75-octet folding, escaped text, UTC times.
import { describe, expect, it } from 'vitest';
import { parseSchedule } from './parse-schedule.js';
import { renderScheduleIcs } from './render-schedule-ics.js';

function readWindows(text: string) {
  const parsed = parseSchedule(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.windows;
}

describe('renderScheduleIcs', () => {
  const stamp = Date.parse('2025-11-20T08:00:00Z');

  it('writes one VEVENT a window in UTC, every line ending in CRLF', () => {
    const ics = renderScheduleIcs(readWindows('w-codex codex 2025-11-20T10:00:00+01:00 2h\n'), stamp);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines).toContain('UID:w-codex@agent-tracker');
    expect(lines).toContain('DTSTART:20251120T090000Z');
    expect(lines).toContain('DTEND:20251120T110000Z');
    expect(lines).toContain('DTSTAMP:20251120T080000Z');
    expect(lines).toContain('SUMMARY:w-codex: codex window');
  });

  it('folds lines longer than 75 octets with CRLF and a space, and unfolds to the same text', () => {
    const ics = renderScheduleIcs(readWindows('w-claude claude 2025-11-20T09:00:00Z 90m\n'), stamp);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      "DESCRIPTION:tracker schedule takes claude's before at the start and its after at the end\\, from the latest readings.",
    );
    expect(ics).toMatch(/\r\n [^ ]/);
  });
});
