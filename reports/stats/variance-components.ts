// One-way random-effects ANOVA: between-task and within-task (between-epoch) variance, ICC and design effect.

/** The variance of an outcome split into its task part and its repeat part; `na` says why a part is missing. */
export interface VarianceComponents {
  /** Tasks (groups) and observations in all. */
  groups: number;
  observations: number;
  /** Mean observations per group (K for a balanced design). */
  mean_group_size: number;
  grand_mean: number;
  ms_between: number | null;
  ms_within: number | null;
  df_between: number;
  df_within: number;
  /** sigma_b^2: (MS_between - MS_within) / n0, truncated at 0 (the ANOVA estimator); null with `na`. */
  between: number | null;
  /** sigma_w^2: MS_within; null when no group has two observations. */
  within: number | null;
  /** sigma_b^2 / (sigma_b^2 + sigma_w^2). */
  icc: number | null;
  /** Kish's design effect 1 + (m - 1) ICC: how much more a group mean varies than m independent observations' mean. */
  design_effect: number | null;
  /** The variance of one group's mean, sigma_b^2 + sigma_w^2 / m: what a task-level analysis sees. */
  var_group_mean: number | null;
  /** Why a component cannot be computed honestly (one repeat per task, one task); null when all are. */
  na: string | null;
}

/**
 * The ANOVA (method-of-moments) estimator for possibly unbalanced groups (Searle, Casella & McCulloch 1992,
 * ch. 3): n0 = (N - sum n_i^2 / N) / (a - 1) replaces the common group size. Groups without a value are
 * ignored. A negative between-part estimate is reported as 0, as the estimator's usual truncation.
 */
export function computeVarianceComponents(groups: readonly (readonly number[])[]): VarianceComponents {
  const used = groups.filter((group) => group.length > 0);
  const a = used.length;
  const sizes = used.map((group) => group.length);
  const n = sizes.reduce((sum, size) => sum + size, 0);
  const means = used.map((group) => group.reduce((sum, x) => sum + x, 0) / group.length);
  const grand = n === 0 ? Number.NaN : used.flat().reduce((sum, x) => sum + x, 0) / n;
  const ssBetween = means.reduce((sum, mean, i) => sum + (sizes[i] as number) * (mean - grand) ** 2, 0);
  const ssWithin = used.reduce((sum, group, i) => sum + group.reduce((s, x) => s + (x - (means[i] as number)) ** 2, 0), 0);
  const dfBetween = Math.max(0, a - 1);
  const dfWithin = n - a;
  const msBetween = dfBetween > 0 ? ssBetween / dfBetween : null;
  const msWithin = dfWithin > 0 ? ssWithin / dfWithin : null;
  const m = a === 0 ? 0 : n / a;
  const base = {
    groups: a,
    observations: n,
    mean_group_size: m,
    grand_mean: grand,
    ms_between: msBetween,
    ms_within: msWithin,
    df_between: dfBetween,
    df_within: dfWithin,
  };
  const missing = (na: string, within: number | null = null) => ({
    ...base,
    between: null,
    within,
    icc: null,
    design_effect: null,
    var_group_mean: null,
    na,
  });
  if (a < 2) return missing(`${a} task${a === 1 ? '' : 's'}: a between-task variance needs at least 2`, msWithin);
  if (msWithin === null || msBetween === null)
    return missing('one run per task (no repeats): the within-task variance cannot be told apart from the between-task one');
  const n0 = (n - sizes.reduce((sum, size) => sum + size * size, 0) / n) / (a - 1);
  const between = Math.max(0, (msBetween - msWithin) / n0);
  const total = between + msWithin;
  const icc = total > 0 ? between / total : null;
  return {
    ...base,
    between,
    within: msWithin,
    icc,
    design_effect: icc === null ? null : 1 + (m - 1) * icc,
    var_group_mean: between + msWithin / m,
    na: icc === null ? 'every observation is equal: no variance to split' : null,
  };
}
