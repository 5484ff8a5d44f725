// Tests the display trim of the bars: the last 8 days of each series kept, the rest counted, nothing else changed.
import { describe, expect, it } from 'vitest';
import type { BarSeries } from './bar-types.js';
import { findCurrentPeriod } from './project-bars.js';
import { trimBarHistory } from './trim-bar-history.js';

const HOUR = 3_600_000;
const pointAt = (hours: number, used: number) => ({
  at: new Date(Date.UTC(2026, 10, 1) + hours * HOUR).toISOString(),
  used_pct: used,
  resets_at: null,
  source: 'quota-claude',
});

describe('trimBarHistory', () => {
  it('keeps the readings of the 8 days before the last one, and counts the ones left out', () => {
    // Hourly readings over 20 days: the weekly bar rises 1 point an hour and resets every 7 days.
    const points = Array.from({ length: 20 * 24 }, (_, hour) => pointAt(hour, (hour % 168) * 0.5));
    const series: BarSeries = { provider: 'claude', bar: 'weekly', points };
    const [trimmed] = trimBarHistory([series]);
    expect(trimmed?.points).toHaveLength(8 * 24 + 1);
    expect(trimmed?.points[0]?.at).toBe(pointAt(20 * 24 - 1 - 8 * 24, 0).at);
    expect(trimmed?.earlier).toEqual({ points: 20 * 24 - (8 * 24 + 1), first_at: points[0]?.at });
    // The current weekly period is whole in what is kept.
    expect(findCurrentPeriod(trimmed?.points ?? [], 'weekly')).toEqual(findCurrentPeriod(points, 'weekly'));
  });

  it('leaves a short series as it was, without an `earlier` count', () => {
    const series: BarSeries = { provider: 'codex', bar: 'five_hour', points: [pointAt(0, 1), pointAt(5, 2)] };
    expect(trimBarHistory([series])).toEqual([series]);
    expect(trimBarHistory([{ provider: 'glm', bar: 'five_hour', points: [] }])[0]?.points).toEqual([]);
  });
});
