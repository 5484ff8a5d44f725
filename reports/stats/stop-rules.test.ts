// Tests of the stop rules: seed 001's halt on negative deltas or a non-finite CI, and the sequential stop.
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';
import { drawNormal } from './simulate-distributions.js';
import { checkSeedStopRule, checkSequentialStop, traceSequentialDecisions } from './stop-rules.js';

describe('checkSeedStopRule', () => {
  it('halts only when negative-delta anomalies exceed 1 per 3 windows', () => {
    expect(checkSeedStopRule({ windows: 0, negativeDeltaAnomalies: 0, ciFinite: true }).halt).toBe(false);
    expect(checkSeedStopRule({ windows: 3, negativeDeltaAnomalies: 1, ciFinite: true }).halt).toBe(false);
    expect(checkSeedStopRule({ windows: 6, negativeDeltaAnomalies: 2, ciFinite: true }).halt).toBe(false);
    expect(checkSeedStopRule({ windows: 1, negativeDeltaAnomalies: 1, ciFinite: true }).halt).toBe(true);
    const verdict = checkSeedStopRule({ windows: 5, negativeDeltaAnomalies: 2, ciFinite: true });
    expect(verdict).toEqual({
      halt: true,
      reason: 'halt the arm and fix capture: 2 negative-delta anomalies in 5 windows (more than 1 per 3)',
    });
  });

  it('halts on a non-finite CI, and names both reasons when both hold', () => {
    expect(checkSeedStopRule({ windows: 9, negativeDeltaAnomalies: 0, ciFinite: false })).toEqual({
      halt: true,
      reason: 'halt the arm and fix capture: the CI is non-finite',
    });
    expect(checkSeedStopRule({ windows: 2, negativeDeltaAnomalies: 1, ciFinite: false }).reason).toMatch(
      /1 negative-delta anomaly in 2 windows .*; the CI is non-finite/,
    );
  });

  it('agrees count and noun: 1 anomaly in 1 window', () => {
    expect(checkSeedStopRule({ windows: 1, negativeDeltaAnomalies: 1, ciFinite: true }).reason).toBe(
      'halt the arm and fix capture: 1 negative-delta anomaly in 1 window (more than 1 per 3)',
    );
    expect(checkSeedStopRule({ windows: 1, negativeDeltaAnomalies: 0, ciFinite: true }).reason).toBe(
      '0 negative-delta anomalies in 1 window, CI finite',
    );
  });

  it('refuses counts that cannot be', () => {
    expect(() => checkSeedStopRule({ windows: 2, negativeDeltaAnomalies: 3, ciFinite: true })).toThrow(
      /negativeDeltaAnomalies must be a whole number from 0 to windows \(2\), got 3/,
    );
    expect(() => checkSeedStopRule({ windows: -1, negativeDeltaAnomalies: 0, ciFinite: true })).toThrow(
      /windows must be a whole number >= 0, got -1/,
    );
  });
});

describe('checkSequentialStop with the normal-theory rule', () => {
  const options = { alpha: 0.05, tuningN: 20, rule: 'normal-theory' as const };

  it('never stops below the minimum n (default 4)', () => {
    const verdict = checkSequentialStop([5, 5.1, 4.9], options);
    expect(verdict.decision).toBe('continue');
    expect(verdict.reason).toBe('3 of at least 4 paired tasks before any stop');
  });

  it('stops for A when the sequence lies above 0 and for B when below', () => {
    expect(checkSequentialStop([5, 5.1, 4.9, 5.2], options).decision).toBe('superiority-A');
    const b = checkSequentialStop([-5, -5.1, -4.9, -5.2], options);
    expect(b).toMatchObject({ decision: 'superiority-B', method: 'normal-theory' });
    expect(b.reason).toMatch(/^the 95% confidence sequence \[-\d\.\d+, -\d\.\d+\] lies below 0: B is better$/);
  });

  it('stops for futility when the whole sequence lies within ±minEffect, and not without a margin', () => {
    const small = [0.01, -0.02, 0.015, -0.01, 0.005, 0];
    expect(checkSequentialStop(small, { ...options, minEffect: 0.1 }).decision).toBe('futility');
    expect(checkSequentialStop(small, options).decision).toBe('continue');
  });

  it('prefers superiority when the sequence excludes 0 inside the margin', () => {
    const verdict = checkSequentialStop([0.05, 0.051, 0.049, 0.05], { ...options, minEffect: 1 });
    expect(verdict.decision).toBe('superiority-A');
    expect(verdict.reason).toMatch(/though all of it is within ±1$/);
  });

  it('continues while the sequence holds 0', () => {
    const verdict = checkSequentialStop([1, -1, 0.5, -0.4, 0.2], { ...options, minEffect: 0.5 });
    expect(verdict.decision).toBe('continue');
    expect(verdict.reason).toMatch(/includes 0 and reaches beyond ±0.5$/);
  });

  it('refuses a non-finite difference and a minimum n below 2', () => {
    expect(() => checkSequentialStop([1, Number.NaN, 2], options)).toThrow(/difference 2 is not a finite number \(NaN\)/);
    expect(() => checkSequentialStop([1, 2], { ...options, minN: 1 })).toThrow(/minN must be a whole number >= 2, got 1/);
  });
});

describe('checkSequentialStop with the betting rule (the default)', () => {
  const options = { alpha: 0.05, tuningN: 20 };
  const clear = [5, 5.1, 4.9, 5.2, 5, 5.05, 4.95, 5.1];

  it('bets on symmetry without bounds: no stop before 7 clear tasks (1.75^6 < 40), then A', () => {
    expect(checkSequentialStop(clear.slice(0, 6), options)).toMatchObject({ decision: 'continue', method: 'symmetry-betting' });
    const verdict = checkSequentialStop(clear.slice(0, 7), options);
    expect(verdict).toMatchObject({ decision: 'superiority-A', method: 'symmetry-betting' });
    expect(verdict.reason).toMatch(/^the 95% betting confidence sequence \(symmetry\) \[\d\.\d+, \d\.\d+\] lies above 0: A is better$/);
    expect(
      checkSequentialStop(
        clear.map((d) => -d),
        options,
      ).decision,
    ).toBe('superiority-B');
  });

  it('bounds the mean with bounds, and stops for futility when the sequence is inside the margin', () => {
    const passes = [1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1];
    expect(checkSequentialStop(passes, { ...options, bounds: [-1, 1] })).toMatchObject({
      decision: 'superiority-A',
      method: 'bounded-mean-betting',
    });
    const ties = Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.01 : -0.01));
    expect(checkSequentialStop(ties, { ...options, bounds: [-1, 1], minEffect: 0.5 }).decision).toBe('futility');
    expect(checkSequentialStop(ties, { ...options, bounds: [-1, 1] }).decision).toBe('continue');
  });

  it('refuses an unknown rule and differences outside the bounds, naming them', () => {
    expect(() => checkSequentialStop([1, 2], { ...options, rule: 'bayes' as never })).toThrow(
      /rule must be betting or normal-theory, got bayes/,
    );
    expect(() => checkSequentialStop([0.5, 1.5], { ...options, bounds: [-1, 1] })).toThrow(
      /difference 2 \(1.5\) is outside the bounds \[-1, 1\]/,
    );
  });
});

describe('traceSequentialDecisions', () => {
  it('decides at every look as checkSequentialStop does on the differences so far, for each sequence', () => {
    const random = createSeededRandom('trace');
    const diffs = Array.from({ length: 30 }, (_, i) => Math.max(-1, Math.min(1, 0.25 + 0.3 * drawNormal(random) - (i > 20 ? 0.2 : 0))));
    for (const extra of [{}, { bounds: [-1, 1] as const }, { rule: 'normal-theory' as const }]) {
      const options = { alpha: 0.05, tuningN: 12, minEffect: 0.3, ...extra };
      const looks = traceSequentialDecisions(diffs, options);
      const decisions = looks.map((look) => look.decision);
      expect(decisions).toEqual(diffs.map((_, i) => checkSequentialStop(diffs.slice(0, i + 1), options).decision));
      expect(new Set(decisions).size).toBeGreaterThan(1);
      const cs = checkSequentialStop(diffs, options).cs;
      expect(looks.at(-1)?.holds((cs.low + cs.high) / 2)).toBe(true);
      expect(looks.at(-1)?.holds(cs.high + 0.01)).toBe(false);
    }
  });
});
