// Projections: the current period only, the limit time and its bounds from the burn interval, n/a with a reason.
import { describe, expect, it } from 'vitest';
import type { BarPoint, BarSeries } from './bar-types.js';
import { fitBurnRate } from './fit-burn-rate.js';
import { findCurrentPeriod, projectBars } from './project-bars.js';

const RESETS = '2026-11-25T15:00:00.000Z';
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes)).toISOString();
const point = (minutes: number, used_pct: number, resets_at: string | null = RESETS): BarPoint => ({
  at: at(minutes),
  used_pct,
  resets_at,
  source: 'quota-claude',
});
const series = (points: BarPoint[], bar: BarSeries['bar'] = 'five_hour'): BarSeries => ({ provider: 'claude', bar, points });
const project = (points: BarPoint[], nowMinutes: number, thresholds = [80, 95]) => {
  const [projection] = projectBars([series(points)], new Date(at(nowMinutes)), thresholds);
  if (!projection) throw new Error('no projection');
  return projection;
};

describe('projectBars', () => {
  const rising = [point(0, 40), point(10, 43), point(20, 45), point(30, 49), point(40, 50)];

  it('projects the limit from the last reading at the fitted burn, with bounds from its interval, and each threshold', () => {
    const p = project(rising, 45);
    const fit = fitBurnRate(rising.map((x) => ({ hours: (Date.parse(x.at) - Date.parse(at(0))) / 3_600_000, pct: x.used_pct })));
    expect(p.burn_pct_per_hour).toBeCloseTo(fit.slope as number, 12);
    expect(p.burn_pct_per_hour).toBeCloseTo(15.6, 10);
    const hoursToLimit = 50 / (fit.slope as number);
    expect(Date.parse(p.limit_at as string)).toBeCloseTo(Date.parse(at(40)) + hoursToLimit * 3_600_000, -1);
    expect(Date.parse(p.limit_early as string)).toBeLessThan(Date.parse(p.limit_at as string));
    expect(Date.parse(p.limit_late as string)).toBeGreaterThan(Date.parse(p.limit_at as string));
    expect(Date.parse(p.limit_early as string)).toBeCloseTo(Date.parse(at(40)) + (50 / (fit.high as number)) * 3_600_000, -1);
    expect(p).toMatchObject({ used_pct: 50, at: at(40), resets_at: RESETS, period_start: at(0), n: 5, reason: null });
    // 50 points at 15.6 %/h is 3.2 h: 13:52, before the 15:00 reset.
    expect(p.limit_at?.slice(11, 16)).toBe('13:52');
    expect(p.limited_before_reset).toBe(true);
    expect(p.thresholds.map((t) => [t.pct, t.crossed_at, t.projected_at?.slice(11, 16)])).toEqual([
      [80, null, '12:35'],
      [95, null, '13:33'],
    ]);
  });

  it('marks a threshold crossed at the first reading at or above it, and projects nothing for it', () => {
    const p = project([point(0, 78), point(10, 80), point(20, 83)], 25);
    expect(p.thresholds[0]).toEqual({ pct: 80, crossed_at: at(10), projected_at: null });
    expect(p.thresholds[1]?.projected_at).not.toBeNull();
  });

  it('fits only the current period: a fall in the bar or a later reset time starts a new one', () => {
    const fell = [point(0, 70), point(10, 90), point(20, 2), point(30, 6), point(40, 9)];
    expect(findCurrentPeriod(fell, 'five_hour')).toEqual(fell.slice(2));
    expect(project(fell, 45)).toMatchObject({ n: 3, period_start: at(20) });
    // Sources disagreeing by a few points (41.6 then 41; an integer endpoint 3 below the headers) is not a reset.
    expect(findCurrentPeriod([point(0, 41.6), point(1, 41)], 'five_hour')).toHaveLength(2);
    expect(findCurrentPeriod([point(0, 32), point(1, 29), point(2, 33)], 'five_hour')).toHaveLength(3);
    // At the bottom of the bar a fall to less than half is one.
    expect(findCurrentPeriod([point(0, 4, null), point(1, 1.5, null)], 'five_hour')).toHaveLength(1);
    const moved = [point(0, 30), point(10, 31, '2026-11-25T20:10:00.000Z'), point(20, 33, '2026-11-25T20:10:00.000Z')];
    expect(findCurrentPeriod(moved, 'five_hour')).toEqual(moved.slice(1));
    // A reset time a minute later is rounding, not a new period.
    expect(findCurrentPeriod([point(0, 30), point(10, 31, '2026-11-25T15:01:00.000Z')], 'five_hour')).toHaveLength(2);
    // A reading at or after the known reset time is in the next period, even with no fall and no reset time of its own.
    const passed = [point(0, 30, null), point(10, 31, '2026-11-25T10:15:00.000Z'), point(20, 31, null)];
    expect(findCurrentPeriod(passed, 'five_hour')).toEqual(passed.slice(2));
  });

  it('uses only the readings at or before now, so a past instant replays what was known then', () => {
    expect(project(rising, 25)).toMatchObject({ n: 3, used_pct: 45, at: at(20) });
    expect(project(rising, -5)).toMatchObject({ n: 0, used_pct: null, reason: 'no reading yet' });
  });

  it('says why a figure is n/a: one reading, a falling bar, a stale reading, a reset since, an interval reaching 0', () => {
    expect(project([point(0, 40)], 5)).toMatchObject({
      burn_pct_per_hour: null,
      limit_at: null,
      reason: '1 reading in this period: a burn rate needs 2',
    });
    const flat = project([point(0, 40), point(10, 40), point(20, 40)], 25);
    expect(flat).toMatchObject({ burn_pct_per_hour: 0, limit_at: null, limited_before_reset: null });
    expect(flat.reason).toContain('not rising');
    const stale = project([point(0, 40), point(10, 41)], 10 + 6 * 60);
    expect(stale).toMatchObject({ used_pct: 41, burn_pct_per_hour: null, limit_at: null });
    expect(stale.reason).toContain("older than the bar's 5 h period");
    const reset = project([point(0, 40), point(10, 41)], 5 * 60 + 5);
    expect(reset.reason).toBe(`the bar reset at ${RESETS}, after the last reading`);
    const noisy = project([point(0, 40), point(10, 41.5), point(20, 40.6), point(30, 41.2)], 35);
    expect(noisy.limit_late).toBeNull();
    expect(noisy.limit_at).not.toBeNull();
    expect(noisy.reason).toContain("the burn's interval reaches 0");
    const unknownReset = project([point(0, 40, null), point(10, 41, null), point(20, 43, null), point(30, 44, null)], 35);
    expect(unknownReset).toMatchObject({ limited_before_reset: null, reason: 'reset time unknown' });
  });

  it('gives no limit time once the projected one has passed with the bar below 100% (the burn stopped), and says so', () => {
    // 15.6 %/h from 50% at 10:40 reaches 100% at 13:52; at 14:20 nothing has read 100%.
    const p = project(rising, 260);
    expect(p).toMatchObject({ limit_at: null, limit_early: null, limit_late: null, limited_before_reset: null });
    expect(p.burn_pct_per_hour).toBeCloseTo(15.6, 10);
    expect(p.reason).toMatch(/^the limit projected for 2026-11-25T13:52:.*has passed and the last reading \(3\.7 h ago\) is below 100%/);
    expect(p.thresholds.every((t) => t.projected_at === null)).toBe(true);
  });

  it('puts the limit at the first reading at 100% once the bar is full', () => {
    const p = project([point(0, 90), point(10, 100), point(20, 100)], 25);
    expect(p).toMatchObject({ limit_at: at(10), limit_early: at(10), limit_late: at(10), limited_before_reset: true });
  });

  it('dates a limit too far away as n/a rather than throwing', () => {
    const p = project([point(0, 1), point(10, 1 + 1e-13), point(20, 1 + 2e-13)], 25);
    expect(p.limit_at).toBeNull();
    expect(p.reason).toContain('too far away');
  });
});

describe('projectBars on a bar-shaped series', () => {
  it('fits every reading of an integer-rounded noisy 5h series (statsmodels fixture) and projects its limit past the reset', async () => {
    const { readFileSync } = await import('node:fs');
    const fixture = JSON.parse(readFileSync(new URL('./test-fixtures/burn-rate-statsmodels.json', import.meta.url), 'utf8')) as {
      cases: { name: string; hours: number[]; pct: number[]; slope: number; low95: number; high95: number }[];
    };
    const c = fixture.cases.find((one) => one.name === 'claude-5h-integer');
    if (!c) throw new Error('fixture case missing');
    const start = Date.parse('2026-11-25T10:00:00Z');
    const points = c.hours.map((hours, i) => ({
      at: new Date(start + (hours - 100) * 3_600_000).toISOString(),
      used_pct: c.pct[i] as number,
      resets_at: RESETS,
      source: 'quota-claude',
    }));
    const now = new Date(Date.parse(points.at(-1)?.at ?? '') + 60_000);
    const [p] = projectBars([{ provider: 'claude', bar: 'five_hour', points }], now, [80, 95]);
    expect(p?.n).toBe(30);
    expect(Math.abs((p?.burn_pct_per_hour as number) - c.slope)).toBeLessThan(1e-6);
    expect(Math.abs((p?.burn_low as number) - c.low95)).toBeLessThan(1e-6);
    expect(Math.abs((p?.burn_high as number) - c.high95)).toBeLessThan(1e-6);
    expect(p?.limited_before_reset).toBe(false);
  });
});
