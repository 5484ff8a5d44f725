// Williams rows are Latin in every period and balanced for first-order carryover.
import { describe, expect, it } from 'vitest';
import { createWilliamsRows } from './williams-rows.js';

function countAdjacentPairs(rows: number[][]): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const row of rows)
    for (let p = 1; p < row.length; p += 1) pairs.set(`${row[p - 1]}>${row[p]}`, (pairs.get(`${row[p - 1]}>${row[p]}`) ?? 0) + 1);
  return pairs;
}

describe('createWilliamsRows', () => {
  it('gives AB/BA for two arms', () => {
    expect(createWilliamsRows(2)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  for (const k of [3, 4, 5, 6]) {
    it(`is carryover-balanced for k=${k}`, () => {
      const rows = createWilliamsRows(k);
      expect(rows).toHaveLength(k % 2 === 0 ? k : 2 * k);
      for (const row of rows) expect(new Set(row).size).toBe(k);
      for (let p = 0; p < k; p += 1) {
        const counts = new Map<number, number>();
        for (const row of rows) counts.set(row[p] as number, (counts.get(row[p] as number) ?? 0) + 1);
        expect(new Set(counts.values())).toEqual(new Set([rows.length / k]));
      }
      const pairs = countAdjacentPairs(rows);
      expect(pairs.size).toBe(k * (k - 1));
      expect(new Set(pairs.values()).size).toBe(1);
    });
  }

  it('refuses fewer than two arms', () => {
    expect(() => createWilliamsRows(1)).toThrow(RangeError);
  });
});
