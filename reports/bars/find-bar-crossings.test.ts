// Alerts: once per bar, threshold and period; again after a reset; never for a bar whose reading is stale.
import { describe, expect, it } from 'vitest';
import type { BarPoint } from './bar-types.js';
import { findBarCrossings } from './find-bar-crossings.js';
import { projectBars } from './project-bars.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes)).toISOString();
const point = (minutes: number, used_pct: number, resets_at: string | null = null): BarPoint => ({
  at: at(minutes),
  used_pct,
  resets_at,
  source: 'quota-glm',
});
const look = (points: BarPoint[], nowMinutes: number) =>
  projectBars([{ provider: 'glm', bar: 'five_hour', points }], new Date(at(nowMinutes)), [80, 95]);

describe('findBarCrossings', () => {
  it('alerts a crossed threshold once per period, and again after a reset', () => {
    const first = [point(0, 70), point(10, 82)];
    const once = findBarCrossings(look(first, 11), new Date(at(11)), {});
    expect(once.alerts.map((a) => [a.threshold, a.used_pct, a.crossed_at])).toEqual([[80, 82, at(10)]]);
    const more = [...first, point(20, 90)];
    expect(findBarCrossings(look(more, 21), new Date(at(21)), once.marks).alerts).toEqual([]);
    // Restarted with the marks it saved: nothing new.
    expect(findBarCrossings(look(more, 22), new Date(at(22)), JSON.parse(JSON.stringify(once.marks))).alerts).toEqual([]);
    const jumped = [...more, point(30, 96)];
    const both = findBarCrossings(look(jumped, 31), new Date(at(31)), once.marks);
    expect(both.alerts.map((a) => a.threshold)).toEqual([95]);
    const reset = [...jumped, point(40, 3), point(50, 81)];
    expect(findBarCrossings(look(reset, 51), new Date(at(51)), both.marks).alerts.map((a) => [a.threshold, a.crossed_at])).toEqual([
      [80, at(50)],
    ]);
  });

  it('alerts nothing for a bar whose last reading is older than its period or whose reset has passed', () => {
    expect(findBarCrossings(look([point(0, 85)], 6 * 60), new Date(at(6 * 60)), {}).alerts).toEqual([]);
    expect(findBarCrossings(look([point(0, 85, at(30))], 31), new Date(at(31)), {}).alerts).toEqual([]);
    expect(findBarCrossings(look([point(0, 85, at(30))], 29), new Date(at(29)), {}).alerts).toHaveLength(1);
  });
});
