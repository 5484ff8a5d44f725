// The light t quantile against the exact one, over the degrees of freedom and levels headroom uses.
import { describe, expect, it } from 'vitest';
import { computeStudentTQuantile } from '../stats/student-t.js';
import { approximateStudentQuantile } from './approximate-student-quantile.js';

describe('approximateStudentQuantile', () => {
  it('is within 0.8% of the exact quantile for 1 to 19 degrees of freedom up to p 0.995, and 0.13% at 0.975', () => {
    for (let df = 1; df <= 19; df += 1)
      for (const p of [0.75, 0.9, 0.95, 0.975, 0.99, 0.995]) {
        const exact = computeStudentTQuantile(p, df);
        const error = Math.abs(approximateStudentQuantile(p, df) - exact) / exact;
        expect(error).toBeLessThan(p <= 0.975 ? 0.0013 : 0.008);
      }
  });
});
