// Tests of seed 001's halt on negative deltas or a non-finite CI.
import { describe, expect, it } from 'vitest';
import { checkSeedStopRule } from './stop-rules.js';

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
