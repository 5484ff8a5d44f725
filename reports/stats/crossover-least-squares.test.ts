// Tests of the aliasing check beside the QR least-squares fit: it must agree with what fitLeastSquares accepts.
import { describe, expect, it } from 'vitest';
import { findAliasedColumns, fitLeastSquares } from './crossover-least-squares.js';

describe('findAliasedColumns', () => {
  it('names the columns the earlier ones explain and gives the rank', () => {
    // Column 3 = column 1 - column 2; column 5 is zero.
    const x = [
      [1, 1, 0, 2, 0],
      [1, 0, 1, 3, 0],
      [1, 1, 0, 5, 0],
      [1, 0, 1, 7, 0],
      [1, 1, 0, 1, 0],
    ];
    expect(findAliasedColumns(x, ['one', 'b', 'one-b', 'd', 'zero'])).toEqual({ rank: 3, aliased: ['one-b', 'zero'] });
    expect(() => fitLeastSquares(x, [1, 2, 3, 4, 5], ['one', 'b', 'one-b', 'd', 'zero'])).toThrow(/cannot separate one-b/);
  });

  it('finds nothing in a full-rank X, which fitLeastSquares then accepts', () => {
    const x = [
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 4],
    ];
    expect(findAliasedColumns(x)).toEqual({ rank: 2, aliased: [] });
    expect(fitLeastSquares(x, [1, 3, 5, 9]).coefficients.map((c) => Number(c.toFixed(10)))).toEqual([1, 2]);
  });

  it('counts a column past the number of rows as aliased', () => {
    expect(
      findAliasedColumns([
        [1, 2, 3],
        [4, 5, 7],
      ]),
    ).toEqual({ rank: 2, aliased: ['column 3'] });
  });
});
