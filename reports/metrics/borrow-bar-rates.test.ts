// A bar with no rate of its own sized through one read at the same instants: the ratio's rounding carried, and every surface's calibration given it.
import { describe, expect, it } from 'vitest';
import type { BarPoint, BarSeries } from '../bars/bar-types.js';
import { borrowBarRates, type LendingBar } from './borrow-bar-rates.js';
import { calibrateEveryday } from './calibrate-everyday.js';
import { renderEverydayCalibration } from './render-everyday-calibration.js';

const H = 3_600_000;
const START = Date.parse('2026-11-02T09:00:00Z');
const FIVE_RESET = '2026-11-02T14:00:00Z';
const WEEK_RESET = '2026-11-06T00:00:00Z';
const at = (hours: number) => new Date(START + hours * H).toISOString();
const point = (hours: number, pct: number, resets: string, source = 'statusline'): BarPoint => ({
  at: at(hours),
  used_pct: pct,
  resets_at: resets,
  source,
});
const whole = new Map([['statusline', 1]]);

/** The weekly bar at 5,000 [4,900, 5,100] tokens per 1%; the 5-hour one without a rate, read with it in whole percents. */
function bars(five: number[], week: number[], fiveReset = () => FIVE_RESET): LendingBar[] {
  const weekly = { estimate: 5000, low: 4900, high: 5100 };
  return [
    {
      bar: 'five_hour',
      points: five.map((pct, i) => point(i, pct, fiveReset())),
      steps: whole,
      per_usd: null,
      tokens_per_pct: null,
      two_series: false,
    },
    {
      bar: 'weekly',
      points: week.map((pct, i) => point(i, pct, WEEK_RESET)),
      steps: whole,
      per_usd: null,
      tokens_per_pct: weekly,
      two_series: false,
    },
  ];
}

describe('a bar sized through another', () => {
  it("carries the ratio's rounding: whole-percent readings of a 2.2% week and a 17.6% 5-hour move hold the truth", () => {
    // The truth: the 5-hour bar 625 tokens per 1% (8x the weekly's per 1% of it). Read in whole percents the week
    // went 36.9 -> 39.1 (reads 36 -> 39) and the 5-hour bar 30.0 -> 47.6 (30 -> 47): 3% per 17%, 882 tokens per 1%.
    // Each end times the ratio as read gave [865, 900], leaving the truth out; the ratio's rounding holds it.
    const lent = borrowBarRates(bars([30, 47], [36, 39]), 0.95).get('five_hour');
    expect(lent?.from).toBe('weekly');
    expect(lent?.tokens_per_pct.estimate).toBeCloseTo((5000 * 3) / 17, 6);
    expect(lent?.tokens_per_pct.low ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(625);
    expect(lent?.tokens_per_pct.high ?? 0).toBeGreaterThanOrEqual((5100 * 3) / 17);
  });

  it('narrows as the bars move further: at 0.01% the interval is the weekly one to within a percent', () => {
    const fine = bars([30, 46, 62], [36, 38, 40]).map((one) => ({ ...one, steps: new Map([['statusline', 0.01]]) }));
    const lent = borrowBarRates(fine, 0.95).get('five_hour');
    expect(lent?.tokens_per_pct.estimate).toBe(625);
    expect((lent?.tokens_per_pct.low ?? 0) / 625).toBeGreaterThan((4900 / 5000) * 0.99);
    expect((lent?.tokens_per_pct.high ?? 0) / 625).toBeLessThan((5100 / 5000) * 1.01);
  });

  it("lends no price per dollar from a lender whose price is 0, and counts none of its use as this bar's", () => {
    const zero = { pct_per_unit: 0, low: 0, high: 0.5, n: 4, step: 1, chains: 1, moved: 3, amount: 12, coarse: false };
    const priced = { pct_per_unit: 0.2, low: 0.1, high: 0.4, n: 4, step: 1, chains: 1, moved: 3, amount: 12, coarse: false };
    const lend = (per_usd: typeof zero) => bars([30, 47], [36, 39]).map((one) => (one.bar === 'weekly' ? { ...one, per_usd } : one));
    const fromZero = borrowBarRates(lend(zero), 0.95).get('five_hour');
    expect(fromZero?.tokens_per_pct.estimate).toBeGreaterThan(0);
    expect(fromZero?.per_usd).toBeNull();
    const fromPriced = borrowBarRates(lend(priced), 0.95).get('five_hour')?.per_usd;
    expect(fromPriced?.pct_per_unit).toBeCloseTo((0.2 * 17) / 3, 6);
    expect(Number.isFinite(fromPriced?.high)).toBe(true);
    expect(fromPriced?.amount).toBe(0);
  });

  it('borrows nothing across a reset, from a bar that did not move with it, nor from two series', () => {
    let index = 0;
    const crossing = bars([30, 46, 62], [36, 38, 40], () => (index++ === 1 ? '2026-11-02T09:00:00Z' : FIVE_RESET));
    expect(borrowBarRates(crossing, 0.95).size).toBe(0);
    expect(borrowBarRates(bars([30, 46], [36, 36]), 0.95).size).toBe(0);
    const mixed = bars([30, 46, 62], [36, 38, 40]).map((one) => ({ ...one, two_series: one.bar === 'weekly' }));
    expect(borrowBarRates(mixed, 0.95).size).toBe(0);
  });

  it("is the calibration's own: a 5-hour bar that only moved while nothing was recorded is sized, and the plan priced", () => {
    // Requests of 10,000 tokens recorded at 0..4 h move the weekly bar (read by the proxy) 2% each; hourly polls of
    // it see nothing move until a client the tracker does not record moves both bars, read together by a status
    // line at 24, 25 and 26 h (the 5-hour bar 10% an hour, the week 1%).
    const proxy = [0, 1, 2, 3, 4].map((h) => point(h, 2 * (h + 1), WEEK_RESET, 'proxy-headers'));
    const polls = Array.from({ length: 19 }, (_, i) => point(5 + i, 10, WEEK_RESET, 'quota'));
    const session = [24, 25, 26];
    const series: BarSeries[] = [
      { provider: 'claude', bar: 'five_hour', points: session.map((h) => point(h, (h - 23) * 10, '2026-11-03T13:00:00Z')) },
      { provider: 'claude', bar: 'weekly', points: [...proxy, ...polls, ...session.map((h) => point(h, 10 + (h - 23), WEEK_RESET))] },
    ];
    const uses = new Map([
      ['claude', { at_ms: [0, 1, 2, 3, 4].map((h) => START + h * H), amount: [10_000, 10_000, 10_000, 10_000, 10_000] }],
    ]);
    const plans = new Map([['claude', { plan: 'claude-pro', usd_per_month: 20, priced_at: '2026-11-01' }]]);
    const [calibration] = calibrateEveryday({ series, dollars: uses, tokens: uses, plans, confidence: 0.95 });
    const [five, week] = [calibration?.bars[0], calibration?.bars[1]];
    expect(five?.pairs).toBe(0);
    expect(five?.borrowed_from).toBe('weekly');
    // 2% of the week per 20% of the 5-hour bar: a tenth of the weekly bar's tokens per 1%, whatever the background made it.
    expect(five?.tokens_per_pct?.estimate).toBeCloseTo((week?.tokens_per_pct?.estimate ?? 0) / 10, 6);
    expect(five?.per_usd?.pct_per_unit).toBeCloseTo((week?.per_usd?.pct_per_unit ?? 0) * 10, 6);
    expect(calibration?.price?.usd_per_list_usd).not.toBeNull();
    const result = { calibrations: [{ ...(calibration as NonNullable<typeof calibration>), plan_from: 'flag' as const, sources: [] }] };
    expect(renderEverydayCalibration({ ...result, unpriced: 0, since: null, until: null }, 0.95)).toContain(
      'claude 5h: no pair of its own with recorded use between its readings: sized through its weekly bar',
    );
  });
});
