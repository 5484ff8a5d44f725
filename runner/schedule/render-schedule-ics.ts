// A window schedule as an iCalendar file (RFC 5545), so the windows the agents follow show in a calendar.
import type { ScheduledWindow } from './parse-schedule.js';

/**
 * One VEVENT per window, in UTC: its UID is the window id, so re-importing an edited schedule moves the event
 * instead of adding a second one. Lines end in CRLF and are folded at 75 octets (RFC 5545 section 3.1).
 */
export function renderScheduleIcs(windows: readonly ScheduledWindow[], stampMs: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//agent-tracker//tracker schedule//EN', 'CALSCALE:GREGORIAN'];
  for (const window of windows) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(window.id)}@agent-tracker`,
      `DTSTAMP:${formatUtc(stampMs)}`,
      `DTSTART:${formatUtc(window.start)}`,
      `DTEND:${formatUtc(window.end)}`,
      `SUMMARY:${escapeText(`${window.id}: ${window.provider} window`)}`,
      `DESCRIPTION:${escapeText(`tracker schedule takes ${window.provider}'s before at the start and its after at the end, from the latest readings.`)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n').concat('\r\n');
}

/** TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 section 3.3.11). */
function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

/** DATE-TIME in UTC, the form with Z (section 3.3.5). */
function formatUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Folds after 75 octets with CRLF and one space, never inside a UTF-8 character. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; a continuation's leading space counts, so it holds 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}
