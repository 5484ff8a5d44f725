// Tests of the bounded-mean betting sequence: the exact martingale property, the plug-in bets, its interval and its checks.
import { describe, expect, it } from 'vitest';
import { computeBoundedMeanConfidenceSequence, computeBoundedMeanLogWealth } from './betting-bounded-mean.js';

const options = { alpha: 0.05, tuningN: 20, bounds: [-1, 1] as const };

/** E[K(m)] over every sequence of n draws from {-1, 0, 1} with the given probabilities (mean m). */
function expectWealth(n: number, probabilities: Record<-1 | 0 | 1, number>, m: number): { up: number; down: number } {
  const outcomes = [-1, 0, 1] as const;
  let up = 0;
  let down = 0;
  for (let code = 0; code < 3 ** n; code += 1) {
    const values: number[] = [];
    let probability = 1;
    for (let i = 0, rest = code; i < n; i += 1, rest = Math.floor(rest / 3)) {
      const value = outcomes[rest % 3] as -1 | 0 | 1;
      values.push(value);
      probability *= probabilities[value];
    }
    const wealth = computeBoundedMeanLogWealth(values, m, options);
    up += probability * Math.exp(wealth.up);
    down += probability * Math.exp(wealth.down);
  }
  return { up, down };
}

describe('computeBoundedMeanLogWealth', () => {
  it('has expectation exactly 1 at the true mean of a skewed pass/fail difference (a martingale, no symmetry needed)', () => {
    const probabilities = { [-1]: 0.1, 0: 0.6, 1: 0.3 } as Record<-1 | 0 | 1, number>;
    const { up, down } = expectWealth(7, probabilities, 0.2);
    expect(up).toBeCloseTo(1, 12);
    expect(down).toBeCloseTo(1, 12);
  });

  it('bets the plug-in fraction sqrt(2 ln(2/alpha) / (sigma2 N*)), truncated at 0.9/m', () => {
    // First task: sigma2_0 = 1/4, so lambda = sqrt(2 ln 40 / (0.25 * 20)) = 1.215; at m = 0.5 (difference 0) it is bet whole.
    const lambda = Math.sqrt((2 * Math.log(40)) / (0.25 * 20));
    expect(computeBoundedMeanLogWealth([1], 0, options).up).toBeCloseTo(Math.log(1 + lambda * 0.5), 12);
    // At m = 0.9 (difference 0.8) the truncation 0.9/0.9 = 1 binds.
    expect(computeBoundedMeanLogWealth([1], 0.8, options).up).toBeCloseTo(Math.log(1 + 1 * 0.1), 12);
  });
});

describe('computeBoundedMeanConfidenceSequence', () => {
  it('stays within the bounds, holds the mean and excludes 0 once the passes pile up', () => {
    const early = computeBoundedMeanConfidenceSequence([1, 1, 0], options);
    expect(early).toMatchObject({ low: -1, high: 1, method: 'bounded-mean-betting' });
    const cs = computeBoundedMeanConfidenceSequence([1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1], options);
    expect(cs.mean).toBeCloseTo(10 / 12, 12);
    expect(cs.low).toBeGreaterThan(0);
    expect(cs.low).toBeLessThan(cs.mean);
    expect(cs.high).toBe(1);
  });

  it('works in the units of its bounds', () => {
    const values = [0.6, 0.9, 0.8, 1, 0.7, 0.9, 0.95, 0.85];
    const unit = computeBoundedMeanConfidenceSequence(values, { ...options, bounds: [0, 1] });
    const percent = computeBoundedMeanConfidenceSequence(
      values.map((v) => 100 * v),
      { ...options, bounds: [0, 100] },
    );
    expect(percent.low).toBeCloseTo(100 * unit.low, 3);
    expect(percent.high).toBeCloseTo(100 * unit.high, 3);
  });

  it('refuses bounds that are not an interval, naming them', () => {
    expect(() => computeBoundedMeanConfidenceSequence([0], { ...options, bounds: [1, 1] })).toThrow(
      /bounds must be two finite numbers, low < high, got \[1, 1\]/,
    );
  });
});
