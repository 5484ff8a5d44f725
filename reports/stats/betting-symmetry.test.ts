// Tests of the symmetry betting sequence: the exact martingale property, its interval, and its false stops against the old rule.
import { describe, expect, it } from 'vitest';
import { computeSymmetryConfidenceSequence, computeSymmetryLogWealth, traceSymmetryConfidenceSequence } from './betting-symmetry.js';
import { createSeededRandom } from './seeded-random.js';
import { drawNoise, type SimulatedDistribution } from './simulate-distributions.js';
import { checkSequentialStop, type SequentialRule } from './stop-rules.js';

const options = { alpha: 0.05, tuningN: 20 };

/** Mean of W over all 2^n sign patterns of `magnitudes`: exactly 1 for a martingale under sign symmetry. */
function averageWealthOverSigns(magnitudes: readonly number[], centre: number): { up: number; down: number } {
  let up = 0;
  let down = 0;
  const patterns = 1 << magnitudes.length;
  for (let mask = 0; mask < patterns; mask += 1) {
    const values = magnitudes.map((magnitude, i) => centre + ((mask >> i) & 1 ? magnitude : -magnitude));
    const wealth = computeSymmetryLogWealth(values, centre, options);
    up += Math.exp(wealth.up);
    down += Math.exp(wealth.down);
  }
  return { up: up / patterns, down: down / patterns };
}

/** Share of `replicates` runs of 20 differences where the rule stopped for superiority at some look. */
function measureFalseStops(draw: (random: () => number) => number, rule: SequentialRule, seed: string, replicates: number): number {
  const random = createSeededRandom(seed);
  let stops = 0;
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    const diffs: number[] = [];
    let stopped = false;
    for (let task = 0; task < 20 && !stopped; task += 1) {
      diffs.push(draw(random));
      stopped = checkSequentialStop(diffs, { ...options, rule }).decision.startsWith('superiority');
    }
    if (stopped) stops += 1;
  }
  return stops / replicates;
}

const exchangeable = (distribution: SimulatedDistribution) => (random: () => number) =>
  drawNoise(distribution, random) - drawNoise(distribution, random);

describe('computeSymmetryLogWealth', () => {
  it('has mean exactly 1 over every sign pattern around the true centre, with ties and a zero (a martingale)', () => {
    const average = averageWealthOverSigns([0.3, 1.2, 0, 2.5, 0.1, 0.9, 1.4, 7, 0.4, 1.2], 2);
    expect(average.up).toBeCloseTo(1, 12);
    expect(average.down).toBeCloseTo(1, 12);
  });

  it('grows against a wrong centre and never for both bettors at once', () => {
    const values = [1.1, 0.8, 1.4, 0.9, 1.3, 1.2, 0.7, 1];
    const wrong = computeSymmetryLogWealth(values, 0, options);
    expect(wrong.up).toBeGreaterThan(Math.log(40));
    expect(wrong.down).toBeLessThan(0);
    for (const m of [-1, 0.9, 1, 1.05, 3]) {
      const { up, down } = computeSymmetryLogWealth(values, m, options);
      expect(up + down).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('computeSymmetryConfidenceSequence', () => {
  it('excludes nothing until 7 tasks can reach 2/alpha, then holds the centre and not 0', () => {
    const values = [1.1, 0.8, 1.4, 0.9, 1.3, 1.2, 0.7, 1];
    expect(computeSymmetryConfidenceSequence(values.slice(0, 6), options)).toMatchObject({
      low: -Infinity,
      high: Infinity,
      method: 'symmetry-betting',
    });
    const cs = computeSymmetryConfidenceSequence(values, options);
    expect(cs.low).toBeGreaterThan(0);
    expect(cs.low).toBeLessThan(1.05);
    expect(cs.high).toBeGreaterThan(1.05);
    expect(cs.halfWidth).toBeCloseTo((cs.high - cs.low) / 2, 12);
    // Each bound is still rejected by its bettor: the reported interval contains the exact one.
    expect(computeSymmetryLogWealth(values, cs.low, options).up).toBeGreaterThanOrEqual(Math.log(40));
  });

  it('is the same up to scale and shift (it bets on signs and standardized sizes)', () => {
    const values = [0.3, -0.2, 1.1, 0.8, 0.9, 1.4, 0.2, 1, 1.3, 0.6];
    const cs = computeSymmetryConfidenceSequence(values, options);
    const moved = computeSymmetryConfidenceSequence(
      values.map((v) => 100 * v + 7),
      options,
    );
    expect(moved.low).toBeCloseTo(100 * cs.low + 7, 3);
    expect(moved.high).toBeCloseTo(100 * cs.high + 7, 3);
  });

  it('traces the same sequence on every prefix as computing each prefix alone (the bets are predictable)', () => {
    const values = [0.3, -0.2, 1.1, 0.8, 0.9, 1.4, 0.2, 1, 1.3, 0.6, 5, 0.7];
    const looks = [2, 5, 8, 12];
    expect(traceSymmetryConfidenceSequence(values, options, looks)).toEqual(
      looks.map((n) => computeSymmetryConfidenceSequence(values.slice(0, n), options)),
    );
  });

  it('refuses an alpha outside (0, 1), naming it', () => {
    expect(() => computeSymmetryConfidenceSequence([1, 2], { alpha: 1, tuningN: 20 })).toThrow(/alpha must be between 0 and 1, got 1/);
  });
});

describe('false stops with a look after every one of 20 tasks (400 runs, fixed seeds)', () => {
  it('the normal-theory rule stops falsely far above 5% on centred lognormal differences', () => {
    expect(measureFalseStops((random) => drawNoise('lognormal', random), 'normal-theory', 'lognormal', 400)).toBeGreaterThan(0.12);
  });

  it('the betting rule stays at or below 5% when the arms are exchangeable, however skewed each arm is', () => {
    for (const distribution of ['lognormal', 'exponential', 't3'] as const) {
      expect(measureFalseStops(exchangeable(distribution), 'betting', distribution, 400)).toBeLessThanOrEqual(0.05);
    }
  });

  it('but does not bound a mean: on centred skewed differences that are not symmetric it stops above 5% too', () => {
    expect(measureFalseStops((random) => drawNoise('lognormal', random), 'betting', 'lognormal', 400)).toBeGreaterThan(0.1);
  });
});
