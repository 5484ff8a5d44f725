// The fourth-order sums of the four columns (qA, cA, qB, cB) a look reads psi's kurtosis from: added per task, read at a look (pure).
/** The 35 multisets of 4 column indices, and how many orderings each stands for (4! over its repeats' factorials). */
const FOURTH_ORDER: ReadonlyArray<{ at: readonly [number, number, number, number]; orderings: number }> = listFourthOrder();
const ORDERINGS = Float64Array.from(FOURTH_ORDER, (term) => term.orderings);

/** For each of FOURTH_ORDER, the two of the 10 products w_j w_k (j <= k) whose product its weight is ({a, b}, {c, d}). */
const PAIR_OF: Int8Array = Int8Array.from([0, 1, 2, 3, 1, 4, 5, 6, 2, 5, 7, 8, 3, 6, 8, 9]);
const FOURTH_PAIRS: Int8Array = Int8Array.from(
  FOURTH_ORDER.flatMap(({ at: [a, b, c, d] }) => [PAIR_OF[a * 4 + b] as number, PAIR_OF[c * 4 + d] as number]),
);
const weightPairs = new Float64Array(10);

/**
 * Sum over tasks of (sum_j w_j x_j)^4 from the fourth-order sums, and the sum of its terms' sizes (how much rounding
 * it can hold: the terms have both signs). Each multiset's term counts once per ordering of its indices.
 */
export function sumFourthPowers(fourth: Float64Array, w: readonly number[]): { sum: number; magnitude: number } {
  let pair = 0;
  for (let j = 0; j < 4; j += 1) for (let k = j; k < 4; k += 1) weightPairs[pair++] = (w[j] as number) * (w[k] as number);
  let sum = 0;
  let magnitude = 0;
  for (let f = 0; f < 35; f += 1) {
    const term =
      (ORDERINGS[f] as number) *
      (weightPairs[FOURTH_PAIRS[2 * f] as number] as number) *
      (weightPairs[FOURTH_PAIRS[2 * f + 1] as number] as number) *
      (fourth[f] as number);
    sum += term;
    magnitude += Math.abs(term);
  }
  return { sum, magnitude };
}

function listFourthOrder(): Array<{ at: [number, number, number, number]; orderings: number }> {
  const list: Array<{ at: [number, number, number, number]; orderings: number }> = [];
  const factorial = [1, 1, 2, 6, 24];
  for (let a = 0; a < 4; a += 1)
    for (let b = a; b < 4; b += 1)
      for (let c = b; c < 4; c += 1)
        for (let d = c; d < 4; d += 1) {
          const repeats = [0, 0, 0, 0];
          for (const index of [a, b, c, d]) repeats[index] = (repeats[index] as number) + 1;
          list.push({ at: [a, b, c, d], orderings: 24 / repeats.reduce((p, r) => p * (factorial[r] as number), 1) });
        }
  return list;
}

/** How many sums RatioMoments.fourth holds: the multisets of 4 of 4 columns. */
export const FOURTH_ORDER_TERMS = 35;

/**
 * The task's 35 fourth-order products into `t`, in FOURTH_ORDER's order, each the product of two of the 10 pair
 * products. Written out: addRatioTask runs for every task of every simulated run (a report's power), and the loop
 * over index tables cost 1.7 times this (tsx micro-benchmark, 10^6 adds).
 */
export function addFourthOrder(t: Float64Array, x0: number, x1: number, x2: number, x3: number): void {
  const p00 = x0 * x0;
  const p01 = x0 * x1;
  const p02 = x0 * x2;
  const p03 = x0 * x3;
  const p11 = x1 * x1;
  const p12 = x1 * x2;
  const p13 = x1 * x3;
  const p22 = x2 * x2;
  const p23 = x2 * x3;
  const p33 = x3 * x3;
  t[0] = (t[0] as number) + p00 * p00;
  t[1] = (t[1] as number) + p00 * p01;
  t[2] = (t[2] as number) + p00 * p02;
  t[3] = (t[3] as number) + p00 * p03;
  t[4] = (t[4] as number) + p00 * p11;
  t[5] = (t[5] as number) + p00 * p12;
  t[6] = (t[6] as number) + p00 * p13;
  t[7] = (t[7] as number) + p00 * p22;
  t[8] = (t[8] as number) + p00 * p23;
  t[9] = (t[9] as number) + p00 * p33;
  t[10] = (t[10] as number) + p01 * p11;
  t[11] = (t[11] as number) + p01 * p12;
  t[12] = (t[12] as number) + p01 * p13;
  t[13] = (t[13] as number) + p01 * p22;
  t[14] = (t[14] as number) + p01 * p23;
  t[15] = (t[15] as number) + p01 * p33;
  t[16] = (t[16] as number) + p02 * p22;
  t[17] = (t[17] as number) + p02 * p23;
  t[18] = (t[18] as number) + p02 * p33;
  t[19] = (t[19] as number) + p03 * p33;
  t[20] = (t[20] as number) + p11 * p11;
  t[21] = (t[21] as number) + p11 * p12;
  t[22] = (t[22] as number) + p11 * p13;
  t[23] = (t[23] as number) + p11 * p22;
  t[24] = (t[24] as number) + p11 * p23;
  t[25] = (t[25] as number) + p11 * p33;
  t[26] = (t[26] as number) + p12 * p22;
  t[27] = (t[27] as number) + p12 * p23;
  t[28] = (t[28] as number) + p12 * p33;
  t[29] = (t[29] as number) + p13 * p33;
  t[30] = (t[30] as number) + p22 * p22;
  t[31] = (t[31] as number) + p22 * p23;
  t[32] = (t[32] as number) + p22 * p33;
  t[33] = (t[33] as number) + p23 * p33;
  t[34] = (t[34] as number) + p33 * p33;
}
