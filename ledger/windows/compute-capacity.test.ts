import { describe, expect, it } from 'vitest';
import { computeCapacity, type CapacityPoint } from './compute-capacity.js';

const point = (over: Partial<CapacityPoint>): CapacityPoint => ({ at: 0, pct5h: null, tokens: null, reset5h: null, ...over });

describe('computeCapacity', () => {
  it('subtracts 5h bars', () => {
    expect(computeCapacity(point({ pct5h: 20 }), point({ at: 1, pct5h: 32.5 }))).toEqual({
      capacity: { unit: 'pct_5h', before: 20, after: 32.5, delta: 12.5 },
      errors: [],
    });
  });

  it('turns a negative delta into null with negative-delta', () => {
    const result = computeCapacity(point({ pct5h: 40 }), point({ at: 1, pct5h: 10 }));
    expect(result.capacity?.delta).toBeNull();
    expect(result.errors).toEqual(['negative-delta']);
  });

  it('nulls a delta whose 5h bar reset between the captures', () => {
    const result = computeCapacity(point({ pct5h: 40, reset5h: 100 }), point({ at: 100, pct5h: 45 }));
    expect(result).toEqual({ capacity: { unit: 'pct_5h', before: 40, after: 45, delta: null }, errors: ['reset-crossed'] });
  });

  it('sees a reset that only the after reveals (its period began after the before)', () => {
    const hour = 3_600_000;
    const before = point({ at: 13 * hour, pct5h: 40 });
    expect(computeCapacity(before, point({ at: 15 * hour, pct5h: 50, reset5h: 19.5 * hour })).errors).toEqual(['reset-crossed']);
    expect(computeCapacity(before, point({ at: 15 * hour, pct5h: 50, reset5h: 17.5 * hour })).errors).toEqual([]);
  });

  it('keeps the token side beside bars, for the divergence check', () => {
    const result = computeCapacity(point({ pct5h: 10, tokens: 1000 }), point({ at: 1, pct5h: 14, tokens: 5200 }));
    expect(result.capacity).toEqual({
      unit: 'pct_5h',
      before: 10,
      after: 14,
      delta: 4,
      tokens: { before: 1000, after: 5200, delta: 4200 },
    });
  });

  it('falls back to tokens when bars are missing on either side', () => {
    const result = computeCapacity(point({ pct5h: 5, tokens: 1000 }), point({ at: 1, tokens: 4000 }));
    expect(result.capacity).toEqual({ unit: 'tokens', before: 1000, after: 4000, delta: 3000 });
  });

  it('reports when the captures share no unit', () => {
    expect(computeCapacity(point({ pct5h: 1 }), point({ tokens: 9 })).errors).toEqual(['no-common-unit']);
  });
});
