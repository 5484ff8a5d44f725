// How far a sample that has not met a provider's runaways may understate its mean cost: the rule of three (pure).

/**
 * How much cheaper than it is a side may look on n tasks that have not met its runaways: with none seen, a rate up
 * to 3 / n is not ruled out (the rule of three: (1 - 3/n)^n < e^-3 = 0.05), and arms `guard` times the mean cost at
 * that rate raise the mean by 1 + 3 (guard - 1) / n. A look's repeated interval is widened by it each way, so no
 * provider is named ahead on a cost its sample cannot yet vouch for (docs/decisions/0034-unseen-tails.md).
 */
export function computeUnseenTailFactor(n: number, guard: number): number {
  if (!(guard > 1) || n <= 0) return 1;
  return 1 + (UNSEEN_RATE_BOUND * (guard - 1)) / n;
}

/** -ln(0.05), the rule of three: the 95% upper bound of a rate of which n trials showed nothing is about 3 / n. */
const UNSEEN_RATE_BOUND = 3;
