import { describe, expect, it } from 'vitest';
import {
  describeEfficiencyUnit,
  formatDuration,
  formatP,
  formatRatioInterval,
  formatReadingStep,
  formatRoundedInterval,
  formatToInterval,
} from './format-values.js';

describe('formatToInterval', () => {
  it('keeps two significant digits of the half-width, no more', () => {
    expect(formatToInterval(0.2002, 0.1874, 0.213, true)).toBe('+0.200');
    expect(formatRoundedInterval(0.1874, 0.213)).toBe('[0.187, 0.213]');
    expect(formatToInterval(4.476, -1.6, 10.55)).toBe('4.5');
    expect(formatToInterval(1234.5, 1000, 1500)).toBe('1235');
  });

  it('says n/a for a missing or non-finite value and falls back without an interval', () => {
    expect(formatToInterval(Number.NaN, 0, 1)).toBe('n/a');
    expect(formatToInterval(0.123456, null, null)).toBe('0.1235');
    expect(formatRoundedInterval(null, 1)).toBe('ci=n/a');
  });
});

describe('formatP', () => {
  it('prints three decimals, a floor, and n/a for NaN', () => {
    expect(formatP(0.0123)).toBe('p = 0.012');
    expect(formatP(3.857e-10)).toBe('p < 0.001');
    expect(formatP(Number.NaN)).toBe('p = n/a');
  });
});

describe('formatReadingStep', () => {
  it('prints a power-of-ten step with its own decimals, not its floating-point noise', () => {
    expect(10 ** -4).not.toBe(0.0001);
    expect(formatReadingStep(10 ** -4)).toBe('0.0001 %');
    expect(formatReadingStep(10 ** -3)).toBe('0.001 %');
    expect(formatReadingStep(0.01)).toBe('0.01 %');
    expect(formatReadingStep(1)).toBe('whole %');
    expect(formatReadingStep(0.25)).toBe('0.25 %');
  });
});

describe('formatDuration', () => {
  it('says seconds below a minute, so arms of a few seconds do not read "0 min"', () => {
    expect(formatDuration(400)).toBe('0.4 s');
    expect(formatDuration(2_460)).toBe('2.5 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(0)).toBe('0.0 s');
    expect(formatDuration(1_020)).toBe('1.0 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1h05');
    expect(formatDuration(null)).toBe('n/a');
  });
});

describe('describeEfficiencyUnit', () => {
  it('names the unit an efficiency axis plots', () => {
    expect(describeEfficiencyUnit('usd')).toBe('quality points per $ of subscription');
    expect(describeEfficiencyUnit('pct_5h')).toBe('quality points per 1% of the 5h window');
    expect(describeEfficiencyUnit('tokens')).toBe('quality points per 1M tokens');
  });
});

describe('formatRatioInterval', () => {
  it('prints an interval that cannot tell 100x ahead from 100x behind as no information', () => {
    expect(formatRatioInterval(1.8123, 4.9)).toBe('1.81 to 4.9');
    expect(formatRatioInterval(0.5, Number.POSITIVE_INFINITY)).toBe('0.5 to unbounded');
    // A 10-task look at its 1e-5 level printed 8.01e-28 to 6.09e+27.
    expect(formatRatioInterval(8.01e-28, 6.09e27)).toBe('no information yet (100x either way still in)');
    // Wide, but it excludes 100x one way: still an interval.
    expect(formatRatioInterval(0.001, 50)).toBe('0.001 to 50');
  });
});
