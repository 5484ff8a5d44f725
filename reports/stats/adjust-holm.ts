// Holm's step-down adjustment of p-values for a family of tests (Holm 1979), which controls the familywise error.
import { AppError } from '../../kernel/index.js';

// Written here because jStat (the installed statistics package) has no multiplicity adjustment and
// simple-statistics is not a dependency.

/**
 * Holm-adjusted p-values, in the order given (Holm, S. 1979, "A simple sequentially rejective multiple test
 * procedure", Scand. J. Statist. 6:65-70): with the m p-values sorted ascending, p_(1) <= ... <= p_(m),
 * `adj_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))`. The running maximum keeps them monotone in p, the cap
 * keeps them probabilities; rejecting where `adj <= alpha` is Holm's procedure at familywise level alpha.
 * A NaN p (a test that could not be done) stays NaN but still counts in m, which keeps the others
 * conservative rather than pretending the family was smaller; it is sorted last so it changes no step.
 * Same values as R's `p.adjust(p, "holm")` and statsmodels' `multipletests(p, method="holm")`.
 */
export function adjustHolm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) {
    if (!Number.isNaN(p) && !(p >= 0 && p <= 1)) throw new AppError('BAD_INPUT', `a p-value to adjust must be in [0, 1] or NaN, got ${p}`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => toSortKey(x.p) - toSortKey(y.p) || x.i - y.i);
  const adjusted = new Array<number>(m).fill(Number.NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    if (Number.isNaN(p)) return;
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

function toSortKey(p: number): number {
  return Number.isNaN(p) ? Number.POSITIVE_INFINITY : p;
}
