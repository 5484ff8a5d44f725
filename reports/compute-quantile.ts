// Nearest-rank quantiles: the smallest observed value with at least p of the sample at or below it.

/**
 * The nearest-rank p-quantile (0 < p <= 1) of `values`, or null for an empty sample. Always an observed value
 * (a p95 latency is a latency some request had), unlike linear interpolation; rank = ceil(p * n). NaN when a value
 * is NaN: such a sample has no order (a typed-array sort puts NaN last, which would shift every rank silently), and
 * the formatters print NaN as n/a. ±Infinity sorts and is returned like any value. Nothing is summed or squared, so
 * the scale of the values does not matter.
 */
export function computeQuantile(values: ArrayLike<number>, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return Number.isNaN(sorted[sorted.length - 1]) ? checkRank(p) : selectRank(sorted, p);
}

/** Several quantiles of one sample with a single sort. */
export function computeQuantiles(values: ArrayLike<number>, ps: number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => (Number.isNaN(sorted[sorted.length - 1]) ? checkRank(p) : selectRank(sorted, p)));
}

/** Refuses p outside (0, 1] even when the answer is NaN; returns NaN. */
function checkRank(p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError(`quantile p must be in (0, 1], got ${p}`);
  return Number.NaN;
}

function selectRank(sorted: Float64Array, p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError(`quantile p must be in (0, 1], got ${p}`);
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1] as number;
}
