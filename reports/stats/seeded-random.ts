// Seeded uniform random numbers (seedrandom's xor4096), so a resample or a simulation replays exactly.
import seedrandom from 'seedrandom';

/** A uniform draw in [0, 1) with 53 bits of resolution. */
export type SeededRandom = () => number;

/**
 * A reproducible uniform generator: the same seed gives the same stream on every machine and Node version.
 * Uses Brent's xorgens-4096 from seedrandom 3 (passes BigCrush, period 2^4096 - 1), which is about
 * three times faster than seedrandom's default ARC4 and so fits 10,000 resamples of 100 tasks in a few ms.
 */
export function createSeededRandom(seed: string | number): SeededRandom {
  return seedrandom.xor4096(String(seed));
}

/**
 * Fills `weights` with the multiplicities of a bootstrap resample of `weights.length` items drawn with
 * replacement: weights[i] is how many times item i was drawn. Allocates nothing.
 */
export function drawResampleWeights(random: SeededRandom, weights: Float64Array): void {
  const n = weights.length;
  weights.fill(0);
  for (let draw = 0; draw < n; draw += 1) {
    const index = Math.floor(random() * n);
    weights[index] = (weights[index] as number) + 1;
  }
}
