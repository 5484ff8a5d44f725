// A change of plan mid-month splits the calibration: the current plan priced on its own readings, never a blend.
import { describe, expect, it } from 'vitest';
import type { BarPoint } from '../bars/bar-types.js';
import { calibrateEveryday } from './calibrate-everyday.js';
import { type BarMonthShape, simulateBarMonth } from './test-fixtures/simulate-bar-month.js';

/** Per month: whether the current era's tokens per 1% holds `truth`, its estimate, and whether an era was found. */
function calibrateMonths(shape: Omit<BarMonthShape, 'seed'>, months: number, read: 'fine' | 'coarse', truth: number) {
  const results: { held: boolean; ratio: number; era: boolean }[] = [];
  for (let seed = 0; seed < months; seed += 1) {
    const month = simulateBarMonth({ ...shape, seed: `era ${read} ${seed}` });
    const points: BarPoint[] = month[read];
    const uses = new Map([['claude', month.uses]]);
    const [calibration] = calibrateEveryday({
      series: [{ provider: 'claude', bar: 'five_hour', points }],
      dollars: uses,
      tokens: uses,
      plans: new Map(),
      confidence: 0.95,
    });
    const bar = calibration?.bars[0];
    const rate = bar?.tokens_per_pct;
    results.push({
      held: (rate?.low ?? Number.POSITIVE_INFINITY) <= truth && (rate?.high ?? 0) >= truth,
      ratio: (rate?.estimate ?? Number.NaN) / truth,
      era: bar?.era !== undefined,
    });
  }
  return results;
}

describe('a change of plan in the readings', () => {
  // Pro (20,000 tokens per 1% of the 5-hour bar) for 12 days, then Max 5x (100,000): before, the month was priced as
  // one blend (about 26,000 in the months), inside neither plan's.
  const change = { days: 24, tokens_per_pct: 20_000, change: { day: 12, tokens_per_pct: 100_000 } };

  it.each(['fine', 'coarse'] as const)(
    'prices the current plan on its own readings (%s readings): its interval holds it in 90%+ of months',
    (read) => {
      const months = calibrateMonths(change, 30, read, 100_000);
      expect(months.filter((month) => month.era).length).toBeGreaterThanOrEqual(29);
      expect(months.filter((month) => month.held).length).toBeGreaterThanOrEqual(27);
      expect(months.every((month) => month.ratio > 0.8 && month.ratio < 1.25)).toBe(true);
    },
  );

  it.each(['fine', 'coarse'] as const)('finds no change in months of one plan (%s readings)', (read) => {
    const months = calibrateMonths({ days: 10, tokens_per_pct: 100_000 }, 40, read, 100_000);
    expect(months.filter((month) => month.era).length).toBeLessThanOrEqual(1);
    expect(months.filter((month) => month.held).length).toBeGreaterThanOrEqual(36);
  });
});
