// The per-task efficiency share effA / (effA + effB): the bounded estimand the stop rule and the primary analysis share: pure.

/**
 * A's share of the pair's efficiency on one task, in [0, 1]: 0.5 when both did equally well per unit (or both
 * scored 0, which says nothing about either), 1 when only A earned quality points. Null when an efficiency is
 * negative or not finite (a window without a capacity delta never reaches this). Unlike the difference
 * effA - effB it is bounded whatever the capacity unit, so a betting confidence sequence on its mean is exact
 * at every look (Waudby-Smith & Ramdas 2024, JRSS-B 86(1)); the difference of skewed, unbounded efficiencies
 * has no such guarantee (Bahadur & Savage 1956), which is why the runner's stop rule no longer bets on it.
 */
export function computeEfficiencyShare(effA: number, effB: number): number | null {
  if (!(Number.isFinite(effA) && Number.isFinite(effB)) || effA < 0 || effB < 0) return null;
  const sum = effA + effB;
  if (sum === 0) return 0.5;
  // A sum that overflows (both near the double limit) still has a finite share: scale first.
  if (!Number.isFinite(sum)) return effA / 2 / (effA / 2 + effB / 2);
  return effA / sum;
}

/**
 * The share gap shareA - shareB = 2 * shareA - 1, in [-1, 1]: positive when A is ahead. The stop rule and the
 * crossover analysis work on this, so "A - B" keeps its sign convention and 0 means "no difference".
 */
export function computeShareGap(effA: number, effB: number): number | null {
  const share = computeEfficiencyShare(effA, effB);
  return share === null ? null : 2 * share - 1;
}

export { convertRelativeToGap } from '../../kernel/index.js';

/**
 * How many times B's efficiency A's typical task reaches, read from a mean share gap g: the share is
 * (1 + g) / 2, and the ratio share / (1 - share) = (1 + g) / (1 - g). A reading aid for the verdict ("about
 * 1.6 times"), not an estimate of the ratio of means; null at g = 1 (B never earned a point).
 */
export function convertGapToRatio(gap: number): number | null {
  if (!Number.isFinite(gap) || gap <= -1 || gap >= 1) return null;
  return (1 + gap) / (1 - gap);
}
