// Fisher's exact test for a 2x2 table: two-sided p summing every table no more likely than the one seen.

/** A 2x2 table of counts, row by row: [[a, b], [c, d]]. */
export type TwoByTwo = readonly [readonly [number, number], readonly [number, number]];

/**
 * Two-sided p of Fisher's exact test (conditional on both margins): the hypergeometric probabilities of all
 * tables with the observed margins that are no more likely than the observed one, summed; the same rule as
 * R's `fisher.test` (relative tolerance 1e-7 for ties).
 */
export function computeFisherExactP(table: TwoByTwo): number {
  const [[a, b], [c, d]] = table;
  for (const count of [a, b, c, d]) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`Fisher's exact test needs whole counts >= 0, got ${count}`);
  }
  const row1 = a + b;
  const col1 = a + c;
  const total = a + b + c + d;
  const logFactorial = buildLogFactorials(total);
  const lf = (k: number): number => logFactorial[k] as number;
  const logProbability = (x: number): number =>
    lf(row1) +
    lf(total - row1) +
    lf(col1) +
    lf(total - col1) -
    lf(total) -
    lf(x) -
    lf(row1 - x) -
    lf(col1 - x) -
    lf(total - row1 - col1 + x);
  const observed = logProbability(a);
  const low = Math.max(0, row1 + col1 - total);
  const high = Math.min(row1, col1);
  let p = 0;
  for (let x = low; x <= high; x += 1) {
    const lp = logProbability(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

function buildLogFactorials(n: number): number[] {
  const table = [0];
  for (let k = 1; k <= n; k += 1) table.push((table[k - 1] as number) + Math.log(k));
  return table;
}
