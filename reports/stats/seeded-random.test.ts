import { describe, expect, it } from 'vitest';
import { createSeededRandom, drawResampleWeights } from './seeded-random.js';

describe('seeded random', () => {
  it('replays the same stream for the same seed, a different one for another', () => {
    const first = createSeededRandom('abc');
    const again = createSeededRandom('abc');
    const other = createSeededRandom('abd');
    const a = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => again())).toEqual(a);
    expect(Array.from({ length: 5 }, () => other())).not.toEqual(a);
    expect(createSeededRandom(42)()).toBe(createSeededRandom('42')());
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const random = createSeededRandom(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
      sum += value;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('fills resample multiplicities that add up to n', () => {
    const weights = new Float64Array(50).fill(7);
    drawResampleWeights(createSeededRandom('w'), weights);
    expect(weights.reduce((sum, w) => sum + w, 0)).toBe(50);
    expect(weights.every((w) => Number.isInteger(w) && w >= 0)).toBe(true);
  });
});
