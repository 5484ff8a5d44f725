// The pace alert: once per period when the burn runs the bar out before its reset; never on two readings or a slow bar.
import { describe, expect, it } from 'vitest';
import type { BarPoint } from './bar-types.js';
import { findPaceCrossings } from './find-pace-crossings.js';
import { projectBars } from './project-bars.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes)).toISOString();
const point = (minutes: number, used_pct: number, resetsAfter: number): BarPoint => ({
  at: at(minutes),
  used_pct,
  resets_at: at(resetsAfter),
  source: 'quota-claude',
});
const look = (points: BarPoint[], nowMinutes: number) =>
  projectBars([{ provider: 'claude', bar: 'five_hour', points }], new Date(at(nowMinutes)), []);
const every = () => true;

describe('findPaceCrossings', () => {
  it('warns once a period when the bar runs out before its reset, and again in the next period', () => {
    // 45 points an hour, 60 left at 40 min: out 1.3 h later, two hours before the reset at 4 h.
    const fast = [point(0, 10, 240), point(20, 25, 240), point(40, 40, 240)];
    const once = findPaceCrossings(look(fast, 41), {}, every);
    expect(once.alerts.map((a) => [a.provider, a.bar, a.used_pct, a.resets_at])).toEqual([['claude', 'five_hour', 40, at(240)]]);
    expect(Date.parse(once.alerts[0]?.limit_at ?? '')).toBeLessThan(Date.parse(at(240)));
    const more = [...fast, point(60, 55, 240)];
    expect(findPaceCrossings(look(more, 61), once.marks, every).alerts).toEqual([]);
    const next = [...more, point(245, 2, 540), point(265, 17, 540), point(285, 32, 540)];
    expect(findPaceCrossings(look(next, 286), once.marks, every).alerts).toHaveLength(1);
  });

  it('says nothing on two readings, on a bar that lasts to its reset, at 100%, or where the rule does not ask', () => {
    expect(findPaceCrossings(look([point(0, 10, 240), point(20, 16, 240)], 21), {}, every).alerts).toEqual([]);
    const slow = [point(0, 10, 240), point(20, 11, 240), point(40, 12, 240)];
    expect(findPaceCrossings(look(slow, 41), {}, every).alerts).toEqual([]);
    const spent = [point(0, 60, 240), point(20, 80, 240), point(40, 100, 240)];
    expect(findPaceCrossings(look(spent, 41), {}, every).alerts).toEqual([]);
    const fast = [point(0, 10, 240), point(20, 25, 240), point(40, 40, 240)];
    expect(findPaceCrossings(look(fast, 41), {}, () => false).alerts).toEqual([]);
  });
});
