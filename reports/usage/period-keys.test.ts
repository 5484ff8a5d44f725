import { describe, expect, it } from 'vitest';
import { createDayKeyer, findIsoWeek } from './period-keys.js';

describe('findIsoWeek', () => {
  it("agrees with Python's date.isocalendar() at the year ends", () => {
    // /usr/bin/python3 -c "import datetime; print(datetime.date.fromisoformat(d).isocalendar())" for each day.
    const expected: Record<string, string> = {
      '2026-11-24': '2026-W48',
      '2027-01-01': '2026-W53',
      '2026-12-28': '2026-W53',
      '2025-12-29': '2026-W01',
      '2024-12-30': '2025-W01',
      '2021-01-03': '2020-W53',
    };
    for (const [day, week] of Object.entries(expected)) expect(findIsoWeek(day)).toBe(week);
    expect(findIsoWeek('24/11/2026')).toBeNull();
  });
});

describe('createDayKeyer', () => {
  it('gives the calendar day in the zone, across a daylight-saving change', () => {
    const paris = createDayKeyer('Europe/Paris');
    expect(paris('2026-10-24T22:30:00.000Z')).toBe('2026-10-25');
    expect(paris('2026-10-25T22:30:00.000Z')).toBe('2026-10-25');
    expect(paris('2026-10-25T23:00:00.000Z')).toBe('2026-10-26');
    expect(createDayKeyer('Asia/Kolkata')('2026-11-24T18:29:00.000Z')).toBe('2026-11-24');
    expect(createDayKeyer('Asia/Kolkata')('2026-11-24T18:30:00.000Z')).toBe('2026-11-25');
    expect(paris('not a time')).toBeNull();
  });
});
