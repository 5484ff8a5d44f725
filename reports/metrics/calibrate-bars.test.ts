// The bar calibration: a bar that never moved gives an interval from 0 (unknown), joined readings count one rounding error.
import { describe, expect, it } from 'vitest';
import { calibrateBar, type BarSample } from './calibrate-bars.js';

/** `deltas` as windows whose readings join (each before is the last after), starting at `from`. */
function chain(deltas: readonly number[], amount: number, from = 0): BarSample[] {
  let at = from;
  return deltas.map((delta) => {
    const sample = { before: at, after: at + delta, delta, amount };
    at += delta;
    return sample;
  });
}

describe('calibrateBar', () => {
  it('gives a whole-percent bar that never moved a rate of 0 with an interval reaching up from 0, not a certain 0', () => {
    const still = calibrateBar(chain([0, 0, 0, 0, 0, 0], 0.05), 0.95);
    expect(still).toMatchObject({ pct_per_unit: 0, low: 0, step: 1, chains: 1, moved: 0, coarse: true });
    // One rounding error over the run: its 95% bound is 1.96 x sqrt(1/6) of a step over $0.30 of use.
    expect(still?.high).toBeCloseTo((1.959963984540054 * Math.sqrt(1 / 6)) / 0.3, 9);
  });

  it('counts one rounding error per run of joined readings, and one per window when none join', () => {
    const joined = calibrateBar(chain([2, 2, 2, 2], 1), 0.95);
    expect(joined?.chains).toBe(1);
    const apart = calibrateBar(
      [0, 1, 2, 3].map((i) => ({ before: 10 * i, after: 10 * i + 2, delta: 2, amount: 1 })),
      0.95,
    );
    expect(apart?.chains).toBe(4);
    // No scatter (every window moved 2% for $1): the interval is rounding alone, twice as wide with four errors.
    const width = (c: typeof joined) => (c?.high ?? 0) - (c?.low ?? 0);
    expect(width(apart) / width(joined)).toBeCloseTo(2, 9);
    expect(joined?.pct_per_unit).toBe(2);
  });

  it("rounds a run by its two ends' own resolutions: a whole-percent reading beside hundredths is as wide as its coarse end", () => {
    const fine = calibrateBar(
      chain([2, 2, 2, 2], 1).map((s) => ({ ...s, step_before: 0.01, step_after: 0.01 })),
      0.95,
    );
    const mixed = calibrateBar(
      chain([2, 2, 2, 2], 1).map((s, i) => ({ ...s, step_before: i === 0 ? 1 : 0.01, step_after: 0.01 })),
      0.95,
    );
    const width = (c: typeof fine) => (c?.high ?? 0) - (c?.low ?? 0);
    // One run: variance (s1^2 + s2^2) / 12, so 0.01 at both ends against 1 at one end and 0.01 at the other.
    expect(width(mixed) / width(fine)).toBeCloseTo(Math.sqrt((1 + 0.0001) / 0.0002), 6);
  });

  it('widens by a background rate of moves without use taken off the deltas, by about 1 / sqrt(its moves)', () => {
    const base = chain([2, 2, 2, 2], 1).map((s) => ({ ...s, step_before: 0.01, step_after: 0.01 }));
    const plain = calibrateBar(base, 0.95);
    const drifted = calibrateBar(base, 0.95, { subtracted: 0.8, moves: 4 });
    expect(drifted?.pct_per_unit).toBe(plain?.pct_per_unit);
    expect((drifted?.high ?? 0) - (plain?.high ?? 0)).toBeGreaterThan(0.15);
  });

  it('adds the scatter beyond rounding and the rounding in quadrature', () => {
    const scattered = calibrateBar(
      [
        { before: 0, after: 2.1, delta: 2.1, amount: 1 },
        { before: 2.1, after: 4.0, delta: 1.9, amount: 1 },
        { before: 4.0, after: 6.2, delta: 2.2, amount: 1 },
        { before: 6.2, after: 8.0, delta: 1.8, amount: 1 },
      ],
      0.95,
    );
    expect(scattered?.pct_per_unit).toBeCloseTo(2, 12);
    // Scatter: the residuals' variance 0.1 / 3 less the rounding's at most 0.1^2 / 4, over 4 windows, mean amount 1, times
    // t(3) 3.18245; rounding: one run's error, 1.96 x 0.1 x sqrt(1/6) of the bar over the $4 used.
    const scatter = 3.182446305284263 * Math.sqrt((0.1 / 3 - 0.01 / 4) / 4);
    const rounding = (1.959963984540054 * 0.1 * Math.sqrt(1 / 6)) / 4;
    expect((scattered?.high ?? 0) - 2).toBeCloseTo(Math.hypot(scatter, rounding), 9); // jStat's t quantile: 1e-10 from scipy's
  });

  it('has nothing to say without a window that used anything', () => {
    expect(calibrateBar([{ before: 0, after: 1, delta: 1, amount: 0 }], 0.95)).toBeNull();
  });
});

describe('calibrateBar on a whole-percent bar whose windows tick by rounding alone', () => {
  it('bounds the rate by the joined runs, not by the 0-or-1 scatter of single windows', () => {
    // 3% over 10 joined windows of $1 each: deltas 0 or 1 as the bar crosses whole percents (variance 0.233, all
    // rounding: a steady 0.3 a window reads 0 or 1).
    const ticks = calibrateBar(chain([0, 0, 1, 0, 0, 1, 0, 0, 1, 0], 1), 0.95);
    expect(ticks?.chains).toBe(1);
    const rounding = (1.959963984540054 * Math.sqrt(1 / 6)) / 10;
    expect(ticks?.low).toBeCloseTo(0.3 - rounding, 9);
    expect(ticks?.high).toBeCloseTo(0.3 + rounding, 9);
  });
});
