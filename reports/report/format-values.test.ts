import { describe, expect, it } from 'vitest';
import { formatP, formatRoundedInterval, formatToInterval } from './format-values.js';

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
