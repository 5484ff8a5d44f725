import { describe, expect, it } from 'vitest';
import { createWilliamsDesign, isWilliamsDesign } from './williams-design.js';

describe('createWilliamsDesign', () => {
  it('gives the AB/BA design for two treatments', () => {
    expect(createWilliamsDesign(['A', 'B'])).toEqual([
      ['A', 'B'],
      ['B', 'A'],
    ]);
  });

  it('gives the classic 4 x 4 Williams square (Jones & Kenward, ch. 4)', () => {
    expect(createWilliamsDesign(['A', 'B', 'C', 'D']).map((s) => s.join(''))).toEqual(['ABDC', 'BCAD', 'CDBA', 'DACB']);
  });

  it('gives two mirrored squares for three treatments: all six orders', () => {
    const sequences = createWilliamsDesign(['A', 'B', 'C']).map((s) => s.join(''));
    expect(sequences).toEqual(['ABC', 'BCA', 'CAB', 'CBA', 'ACB', 'BAC']);
  });

  it.each([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])('is balanced for first-order carryover with %i treatments', (k) => {
    const sequences = createWilliamsDesign(Array.from({ length: k }, (_, i) => i));
    expect(sequences).toHaveLength(k % 2 === 0 ? k : 2 * k);
    expect(isWilliamsDesign(sequences)).toBe(true);
    // Each ordered pair of distinct treatments follows once per square.
    const pairs = new Map<string, number>();
    for (const s of sequences) for (let p = 1; p < k; p += 1) pairs.set(`${s[p - 1]}>${s[p]}`, (pairs.get(`${s[p - 1]}>${s[p]}`) ?? 0) + 1);
    expect(pairs.size).toBe(k * (k - 1));
    expect(new Set(pairs.values())).toEqual(new Set([k % 2 === 0 ? 1 : 2]));
  });

  it('refuses fewer than two treatments and repeated ones', () => {
    expect(() => createWilliamsDesign(['A'])).toThrow(/at least 2/);
    expect(() => createWilliamsDesign(['A', 'A', 'B'])).toThrow(/distinct/);
  });
});

describe('isWilliamsDesign', () => {
  it('rejects a cyclic Latin square, which is not balanced for carryover', () => {
    expect(
      isWilliamsDesign([
        ['A', 'B', 'C', 'D'],
        ['B', 'C', 'D', 'A'],
        ['C', 'D', 'A', 'B'],
        ['D', 'A', 'B', 'C'],
      ]),
    ).toBe(false);
  });

  it('rejects a single square for three treatments, and accepts a replicated Williams design', () => {
    expect(
      isWilliamsDesign([
        ['A', 'B', 'C'],
        ['B', 'C', 'A'],
        ['C', 'A', 'B'],
      ]),
    ).toBe(false);
    const twice = [...createWilliamsDesign(['A', 'B', 'C', 'D']), ...createWilliamsDesign(['A', 'B', 'C', 'D'])];
    expect(isWilliamsDesign(twice)).toBe(true);
  });
});
