// Seeded Monte Carlo of Brownian motion at the looks: the boundaries reject with probability alpha under H0.
import { describe, expect, it } from 'vitest';
import { computeBoundaries, type GroupSequentialLook } from './group-sequential-boundaries.js';
import { createSeededRandom } from './seeded-random.js';
import { drawNormal } from './simulate-distributions.js';

/**
 * Simulates `paths` null paths of B(t) at the looks (independent N(0, t_k - t_{k-1}) increments, Z_k = B(t_k) /
 * sqrt(t_k), the canonical joint distribution) and counts the first look where |Z_k| >= c_k.
 */
function countFirstCrossings(looks: readonly GroupSequentialLook[], paths: number, seed: string): number[] {
  const random = createSeededRandom(seed);
  const counts: number[] = looks.map(() => 0);
  const steps = looks.map((look, k) => Math.sqrt(look.fraction - (k > 0 ? looks[k - 1]!.fraction : 0)));
  const roots = looks.map((look) => Math.sqrt(look.fraction));
  for (let path = 0; path < paths; path += 1) {
    let position = 0;
    for (let k = 0; k < looks.length; k += 1) {
      position += steps[k]! * drawNormal(random);
      if (Math.abs(position) >= looks[k]!.critical * roots[k]!) {
        counts[k]! += 1;
        break;
      }
    }
  }
  return counts;
}

const equal = (k: number): number[] => Array.from({ length: k }, (_, i) => (i + 1) / k);

/** The designs simulated: equal and unequal fractions, 5 and 40 looks, both spending functions. */
const DESIGNS = [
  { name: 'O-F, 5 equal looks', fractions: equal(5), spending: 'obrien-fleming', paths: 200_000 },
  { name: 'Pocock, 5 equal looks', fractions: equal(5), spending: 'pocock', paths: 200_000 },
  { name: 'O-F, unequal looks', fractions: [0.08, 0.3, 0.33, 0.7, 0.95, 1], spending: 'obrien-fleming', paths: 200_000 },
  { name: 'Pocock, unequal looks', fractions: [0.15, 0.2, 0.5, 0.62, 1], spending: 'pocock', paths: 200_000 },
  { name: 'O-F, 40 equal looks', fractions: equal(40), spending: 'obrien-fleming', paths: 100_000 },
  { name: 'Pocock, 40 unequal looks', fractions: equal(40).map((t) => t ** 1.5), spending: 'pocock', paths: 100_000 },
] as const;

describe('group-sequential boundaries under H0 (seeded Monte Carlo)', () => {
  it.each(DESIGNS)('$name: rejects with probability alpha = 0.05, and each look spends its increment', (design) => {
    const looks = computeBoundaries(design.fractions, { alpha: 0.05, spending: design.spending });
    const counts = countFirstCrossings(looks, design.paths, design.name);
    const rate = counts.reduce((sum, count) => sum + count, 0) / design.paths;
    const error = Math.sqrt((0.05 * 0.95) / design.paths);
    // 4 Monte Carlo standard errors (2e-3 at 200,000 paths) catch a wrong joint distribution or recursion; a 1e-3
    // error in a boundary moves the rate by only ~5e-5, which the reference values in group-sequential.test.ts catch.
    expect(Math.abs(rate - 0.05), `rate ${rate}, Monte Carlo error ${error.toExponential(2)}`).toBeLessThan(4 * error);
    looks.forEach((look, k) => {
      const expected = look.incrementalAlpha * design.paths;
      expect(Math.abs(counts[k]! - expected), `look ${k + 1}: ${counts[k]} crossings, ${expected.toFixed(1)} expected`).toBeLessThan(
        4 * Math.sqrt(expected) + 1,
      );
    });
  });
});
