// Readings of one bar from two sources at two resolutions, two terminals, two accounts: one calibration that survives them.
import { describe, expect, it } from 'vitest';
import type { BarPoint, BarSeries } from '../bars/bar-types.js';
import { calibrateEveryday, type EverydayBar } from './calibrate-everyday.js';
import { findSourceSteps } from './everyday-samples.js';
import { RESET_JITTER_MS, reconcileBarPoints } from './reconcile-bar-points.js';
import { mergePoints, simulateBarMonth } from './test-fixtures/simulate-bar-month.js';

const TRUTH = 20_000;

function calibrate(points: BarPoint[], uses: ReturnType<typeof simulateBarMonth>['uses']): EverydayBar {
  const series: BarSeries = { provider: 'claude', bar: 'five_hour', points };
  const [calibration] = calibrateEveryday({
    series: [series],
    dollars: new Map([['claude', uses]]),
    tokens: new Map([['claude', uses]]),
    plans: new Map(),
    confidence: 0.95,
  });
  return calibration?.bars[0] as EverydayBar;
}

describe('one calibration from messy readings', () => {
  it("keeps the proxy's hundredths when the status line's whole percents read the same bar: the same figure as the proxy alone", () => {
    const month = simulateBarMonth({ seed: 'two resolutions', days: 10, tokens_per_pct: TRUTH });
    const fineOnly = calibrate(month.fine, month.uses);
    const both = calibrate(mergePoints(month.fine, month.coarse), month.uses);
    expect(both.tokens_per_pct).toEqual(fineOnly.tokens_per_pct);
    expect(both.unrecorded_moves).toBe(0);
    expect(both.reconciled.coarser).toBe(month.coarse.length);
    expect(Math.abs((both.tokens_per_pct?.estimate ?? 0) / TRUTH - 1)).toBeLessThan(0.001);
  });

  it('holds the truth at about its nominal 95% on 40 months of each shape: hundredths, whole percents, two terminals, both sources', () => {
    const shapes = {
      hundredths: (m: ReturnType<typeof simulateBarMonth>) => m.fine,
      whole: (m: ReturnType<typeof simulateBarMonth>) => m.coarse,
      both: (m: ReturnType<typeof simulateBarMonth>) => mergePoints(m.fine, m.coarse),
    };
    for (const stale of [0, 0.3])
      for (const [name, pick] of Object.entries(shapes)) {
        let held = 0;
        for (let seed = 0; seed < 40; seed += 1) {
          const month = simulateBarMonth({ seed: `cover ${seed}`, days: 10, tokens_per_pct: TRUTH, stale_terminal_share: stale });
          const bar = calibrate(pick(month), month.uses);
          expect(bar.per_usd?.pct_per_unit, `${name} ${seed}`).toBeGreaterThan(0);
          const interval = bar.tokens_per_pct;
          if ((interval?.low ?? Number.POSITIVE_INFINITY) <= TRUTH && (interval?.high ?? 0) >= TRUTH) held += 1;
        }
        expect(held, `${name}, stale share ${stale}`).toBeGreaterThanOrEqual(35);
      }
  });

  it('two terminals printing a second apart (one of them stale) give no moves without use', () => {
    const month = simulateBarMonth({ seed: 'two terminals', days: 10, tokens_per_pct: TRUTH, stale_terminal_share: 0.3 });
    const bar = calibrate(month.coarse, month.uses);
    expect(bar.reconciled.stale + bar.reconciled.near).toBeGreaterThan(0);
    expect(bar.unrecorded_moves).toBe(0);
  });

  it("names two accounts' readings interleaved under one name instead of pricing them", () => {
    const month = simulateBarMonth({ seed: 'two accounts', days: 10, tokens_per_pct: TRUTH, second_account_offset: 30 });
    const bar = calibrate(mergePoints(month.fine, month.coarse), month.uses);
    expect(bar.two_series).toBe(true);
    expect(bar.tokens_per_pct).toBeNull();
    const series: BarSeries = { provider: 'claude', bar: 'five_hour', points: mergePoints(month.fine, month.coarse) };
    const [calibration] = calibrateEveryday({
      series: [series],
      dollars: new Map([['claude', month.uses]]),
      tokens: new Map([['claude', month.uses]]),
      plans: new Map([['claude', { plan: 'claude-max-5x', usd_per_month: 100, priced_at: '2026-11-01' }]]),
      confidence: 0.95,
    });
    expect(calibration?.price?.unknown_reason).toMatch(/jump between two series in one period \(two accounts under one name\?\)/);
  });

  it('keeps a period read by one source once and another twice at each resolution, and a fall within rounding is no fall', () => {
    const at = (minute: number): string => new Date(Date.parse('2026-11-20T08:00:00Z') + minute * 60_000).toISOString();
    const resets_at = at(300);
    const points: BarPoint[] = [
      { at: at(0), used_pct: 17, resets_at, source: 'statusline' },
      { at: at(10), used_pct: 16.6, resets_at, source: 'proxy-headers' },
      { at: at(20), used_pct: 18, resets_at, source: 'statusline' },
    ];
    const steps = findSourceSteps(points);
    const reconciled = reconcileBarPoints('five_hour', points, steps, () => true);
    expect(reconciled.points.map((point) => point.used_pct)).toEqual([17, 18]);
    expect(reconciled.notes).toEqual({ coarser: 1, stale: 0, near: 0, jumps: 0 });
  });

  it('counts a return to a reset an earlier period named within the jitter either side, and no further', () => {
    const at = (minute: number): string => new Date(Date.parse('2026-11-20T08:00:00Z') + minute * 60_000).toISOString();
    // On a whole multiple of the jitter: the returns below name instants on either side of it.
    const first = Date.parse('2026-11-20T13:00:00Z');
    const reading = (minute: number, used_pct: number, resetsMs: number): BarPoint => ({
      at: at(minute),
      used_pct,
      resets_at: new Date(resetsMs).toISOString(),
      source: 'proxy-headers',
    });
    const returns = (last: BarPoint): number =>
      reconcileBarPoints(
        'five_hour',
        [reading(0, 10, first), reading(10, 40, first + 3_600_000), last],
        new Map([['proxy-headers', 0.01]]),
        () => true,
      ).notes.jumps;
    expect(returns(reading(20, 11, first - 1_000))).toBe(1);
    expect(returns(reading(20, 11, first + RESET_JITTER_MS))).toBe(1);
    expect(returns(reading(20, 11, first - RESET_JITTER_MS))).toBe(1);
    expect(returns(reading(20, 11, first + RESET_JITTER_MS + 1_000))).toBe(0);
    expect(returns(reading(20, 11, first - RESET_JITTER_MS - 1_000))).toBe(0);
  });
});
