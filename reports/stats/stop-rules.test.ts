// Tests of the stop rules: seed 001's halt on negative deltas or a non-finite CI, and the sequential stop.
import { describe, expect, it } from 'vitest';
import { checkSeedStopRule, checkSequentialStop } from './stop-rules.js';

describe('checkSeedStopRule', () => {
  it('halts only when negative-delta anomalies exceed 1 per 3 windows', () => {
    expect(checkSeedStopRule({ windows: 0, negativeDeltaAnomalies: 0, ciFinite: true }).halt).toBe(false);
    expect(checkSeedStopRule({ windows: 3, negativeDeltaAnomalies: 1, ciFinite: true }).halt).toBe(false);
    expect(checkSeedStopRule({ windows: 6, negativeDeltaAnomalies: 2, ciFinite: true }).halt).toBe(false);
    expect(checkSeedStopRule({ windows: 1, negativeDeltaAnomalies: 1, ciFinite: true }).halt).toBe(true);
    const verdict = checkSeedStopRule({ windows: 5, negativeDeltaAnomalies: 2, ciFinite: true });
    expect(verdict).toEqual({ halt: true, reason: 'halt the arm and fix capture: 2 negative-delta anomalies in 5 windows (more than 1 per 3)' });
  });

  it('halts on a non-finite CI, and names both reasons when both hold', () => {
    expect(checkSeedStopRule({ windows: 9, negativeDeltaAnomalies: 0, ciFinite: false })).toEqual({ halt: true, reason: 'halt the arm and fix capture: the CI is non-finite' });
    expect(checkSeedStopRule({ windows: 2, negativeDeltaAnomalies: 1, ciFinite: false }).reason).toMatch(/1 negative-delta anomalies in 2 windows .*; the CI is non-finite/);
  });

  it('refuses counts that cannot be', () => {
    expect(() => checkSeedStopRule({ windows: 2, negativeDeltaAnomalies: 3, ciFinite: true })).toThrow(/negativeDeltaAnomalies must be a whole number from 0 to windows \(2\), got 3/);
    expect(() => checkSeedStopRule({ windows: -1, negativeDeltaAnomalies: 0, ciFinite: true })).toThrow(/windows must be a whole number >= 0, got -1/);
  });
});

describe('checkSequentialStop', () => {
  const options = { alpha: 0.05, tuningN: 20 };

  it('never stops below the minimum n (default 4)', () => {
    const verdict = checkSequentialStop([5, 5.1, 4.9], options);
    expect(verdict.decision).toBe('continue');
    expect(verdict.reason).toBe('3 of at least 4 paired tasks before any stop');
  });

  it('stops for A when the sequence lies above 0 and for B when below', () => {
    expect(checkSequentialStop([5, 5.1, 4.9, 5.2], options).decision).toBe('superiority-A');
    const b = checkSequentialStop([-5, -5.1, -4.9, -5.2], options);
    expect(b.decision).toBe('superiority-B');
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
