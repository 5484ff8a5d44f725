// Nearest-rank quantiles: the smallest observed value with at least p of the sample at or below it.

/**
 * The nearest-rank p-quantile (0 < p <= 1) of `values`, or null for an empty sample. Always an observed value
 * (a p95 latency is a latency some request had), unlike linear interpolation; rank = ceil(p * n).
 */
export function computeQuantile(values: ArrayLike<number>, p: number): number | null {
  if (values.length === 0) return null;
  return selectRank(Float64Array.from(values).sort(), p);
}

/** Several quantiles of one sample with a single sort. */
export function computeQuantiles(values: ArrayLike<number>, ps: number[]): (number | null)[] {
  if (values.length === 0) return ps.map(() => null);
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => selectRank(sorted, p));
}

function selectRank(sorted: Float64Array, p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError(`quantile p must be in (0, 1], got ${p}`);
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1] as number;
}
