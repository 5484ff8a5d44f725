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
    const [trimmed] = trimBarHistory([series], Date.parse(points.at(-1)?.at ?? ''));
    expect(trimmed?.points).toHaveLength(8 * 24 + 1);
    expect(trimmed?.points[0]?.at).toBe(pointAt(20 * 24 - 1 - 8 * 24, 0).at);
    expect(trimmed?.earlier).toEqual({ points: 20 * 24 - (8 * 24 + 1), first_at: points[0]?.at });
    // The current weekly period is whole in what is kept.
    expect(findCurrentPeriod(trimmed?.points ?? [], 'weekly')).toEqual(findCurrentPeriod(points, 'weekly'));
  });

  it('leaves a short series as it was, without an `earlier` count', () => {
    const series: BarSeries = { provider: 'codex', bar: 'five_hour', points: [pointAt(0, 1), pointAt(5, 2)] };
    expect(trimBarHistory([series], Date.UTC(2026, 11, 1))).toEqual([series]);
    expect(trimBarHistory([{ provider: 'glm', bar: 'five_hour', points: [] }], Date.UTC(2026, 11, 1))[0]?.points).toEqual([]);
  });

  it('cuts from the last reading up to now, not from one stamped in the future, and keeps a long current period whole', () => {
    // The 5-hour bar resets every 5 hours (it drops to 10%); the weekly one only rises.
    const fiveHour = Array.from({ length: 20 * 24 }, (_, hour) => pointAt(hour, 10 + (hour % 5) * 10));
    const points = Array.from({ length: 20 * 24 }, (_, hour) => pointAt(hour, 10 + hour * 0.1));
    const now = Date.parse(points.at(-1)?.at ?? '');
    // A skewed clock's reading two days ahead: the cut still starts 8 days before the last reading up to now.
    const skewed: BarSeries = { provider: 'claude', bar: 'five_hour', points: [...fiveHour, pointAt(20 * 24 + 48, 99)] };
    const [trimmed] = trimBarHistory([skewed], now);
    expect(trimmed?.points[0]?.at).toBe(fiveHour[fiveHour.length - 1 - 8 * 24]?.at);
    expect(trimmed?.points.at(-1)?.used_pct).toBe(99);
    // No reset in 20 days (the bar only rose): the weekly bar's current period is all of them, and all are kept.
    const [weekly] = trimBarHistory([{ provider: 'claude', bar: 'weekly', points }], now);
    expect(weekly?.points).toHaveLength(points.length);
    expect(weekly?.earlier).toBeUndefined();
  });
});
