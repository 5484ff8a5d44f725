import { describe, expect, it } from 'vitest';
import { parseSchedule } from './parse-schedule.js';

describe('parseSchedule', () => {
  it('reads windows, skipping comments and blank lines', () => {
    const text = '# morning block\nw-am  claude  2026-11-21T09:00:00Z  2h\n\nw-pm codex 2026-11-21T14:00:00+01:00 90m # after lunch\n';
    expect(parseSchedule(text)).toEqual({
      ok: true,
      windows: [
        { id: 'w-am', provider: 'claude', start: Date.parse('2026-11-21T09:00:00Z'), end: Date.parse('2026-11-21T11:00:00Z'), line: 2 },
        { id: 'w-pm', provider: 'codex', start: Date.parse('2026-11-21T13:00:00Z'), end: Date.parse('2026-11-21T14:30:00Z'), line: 4 },
      ],
    });
  });

  it.each([
    ['w1 claude 2026-11-21T09:00:00Z', 1, 'expected 4 fields (id provider start length), got 3'],
    [
      'w1 Claude 2026-11-21T09:00:00Z 2h',
      1,
      'provider: expected a lower-case id such as "claude", "codex", "glm" or "claude+glm", got "Claude"',
    ],
    [
      'w1 claude 2026-11-21T09:00:00 2h',
      1,
      'start: expected an ISO time with a zone such as 2026-11-21T09:00:00Z, got "2026-11-21T09:00:00"',
    ],
    ['w1 claude 2026-11-21T09:00:00Z soon', 1, 'length: expected a duration such as 90m, 2h or 1d, got "soon"'],
    ['w1 claude 2026-11-21T09:00:00Z 2h\nw1 codex 2026-11-21T09:00:00Z 2h', 2, 'window w1 is scheduled twice'],
  ])('refuses %j', (text, line, message) => {
    expect(parseSchedule(text)).toEqual({ ok: false, line, message });
  });
});
