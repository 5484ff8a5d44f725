// The shape of the pre-registered primary result (compute-share-primary.ts fills it): every contrast, and who is ahead: pure.

/** One contrast `a - b` of the primary analysis. */
export interface PrimaryContrast {
  a: string;
  b: string;
  estimate: number | null;
  /** The (simultaneous, with 3+ providers) interval. */
  low: number | null;
  high: number | null;
  p: number | null;
  /** Holm-adjusted p with 3+ providers; the plain p with two. */
  p_adjusted: number | null;
  /** The ratio the mean share gap reads as, minus 1 ((1 + g) / (1 - g) - 1): a reading aid, not a ratio of means. */
  relative: number | null;
  na: string | null;
}

export interface PrimaryResult {
  /** What was fitted, in words. */
  method: string;
  tasks: number;
  unit: string | null;
  contrasts: PrimaryContrast[];
  /** The provider ahead of every other with adjusted p < alpha; null when none is. */
  leader: string | null;
  /** The provider with the highest estimated efficiency, and those not distinguishable from it. */
  best: string | null;
  indistinguishable: string[];
  /** Why there is no primary result (too few tasks, an SE of 0, ...); null when there is one. */
  na: string | null;
}

/** No primary result, and why. */
export function describeNoPrimary(na: string, method = 'none'): PrimaryResult {
  return { method, tasks: 0, unit: null, contrasts: [], leader: null, best: null, indistinguishable: [], na };
}
