// Mean and SD that neither overflow near 1e300 nor underflow near 1e-300: every sum is of values divided by a power of two near the largest.

export interface ScaledMoments {
  n: number;
  /** The mean; null for an empty sample or when `na` is set. */
  mean: number | null;
  /** Sample SD (n - 1 divisor); null below 2 values or when `na` is set. */
  sd: number | null;
  /**
   * mean / sd * sqrt(n), the one-sample t statistic, computed without the scale so that it neither overflows nor
   * underflows; null below 2 values, when the SD is 0 or when `na` is set.
   */
  t: number | null;
  /** sd / |mean|; null when the mean is 0, below 2 values or when `na` is set. */
  relativeSd: number | null;
  /** Why the mean or SD is missing although there are values: a value that is NaN or infinite, or an SD past the double range. */
  na: string | null;
}

/**
 * The power of two at or just below max |x| (1 for an all-zero sample). Dividing by a power of two is exact, so
 * the scaled sums round exactly as the unscaled ones would in the normal range (results are bit-identical there).
 */
export function computePowerOfTwoScale(largest: number): number {
  if (!(largest > 0) || !Number.isFinite(largest)) return 1;
  let scale = 2 ** Math.floor(Math.log2(largest));
  // Math.log2 can be off by one ulp at a power of two; keep largest / scale in [1, 2).
  if (scale > largest) scale /= 2;
  return scale;
}

/** Why a sample cannot be summarized: the first NaN or infinite value, or null. */
export function describeNonFinite(values: ArrayLike<number>): string | null {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (Number.isNaN(value)) return `value ${i + 1} of ${values.length} is NaN`;
    if (!Number.isFinite(value)) return `value ${i + 1} of ${values.length} is ${value > 0 ? '+' : '-'}Infinity`;
  }
  return null;
}

/**
 * The mean as sum(x / s) / n · s, s a power of two near max |x|: no overflow near 1e308. NaN when empty. In the
 * normal range it is bit-identical to sum / n (dividing by a power of two is exact), so it replaces that anywhere.
 */
export function computeScaledMean(values: ArrayLike<number>): number {
  const { scale, scaledMean } = scaleSample(values);
  return scaledMean * scale;
}

/** The sample SD (n - 1 divisor), two-pass and scaled as in `computeScaledMoments`; NaN below 2 values. Bit-identical to the plain two-pass form in the normal range. */
export function computeSampleSd(values: ArrayLike<number>): number {
  if (values.length < 2) return Number.NaN;
  const { scale, scaledMean } = scaleSample(values);
  return computeScaledSd(values, scale, scaledMean) * scale;
}

/** The power of two near max |x| and the mean of x / it. */
function scaleSample(values: ArrayLike<number>): { scale: number; scaledMean: number } {
  let largest = 0;
  for (let i = 0; i < values.length; i += 1) largest = Math.max(largest, Math.abs(values[i] as number));
  const scale = computePowerOfTwoScale(largest);
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += (values[i] as number) / scale;
  return { scale, scaledMean: sum / values.length };
}

/** The SD of x / scale around `scaledMean`, the squares taken over deviations divided by the power of two near the largest. */
function computeScaledSd(values: ArrayLike<number>, scale: number, scaledMean: number): number {
  let largestDeviation = 0;
  for (let i = 0; i < values.length; i += 1)
    largestDeviation = Math.max(largestDeviation, Math.abs((values[i] as number) / scale - scaledMean));
  const deviationScale = computePowerOfTwoScale(largestDeviation);
  let squares = 0;
  for (let i = 0; i < values.length; i += 1) squares += (((values[i] as number) / scale - scaledMean) / deviationScale) ** 2;
  return deviationScale * Math.sqrt(squares / (values.length - 1));
}

/**
 * Two-pass mean and sample SD (Chan, Golub & LeVeque 1983, "Algorithms for computing the sample variance":
 * the two-pass form is the accurate one) with each pass over x / s, s the power of two near max |x|, and the
 * squares over the deviations divided by the power of two near the largest deviation. Nothing is squared at
 * the data's own scale, so values from 1e-300 to 1e300 give the same t and relative SD as values near 1
 * (x^2 alone would overflow past 1.3e154 and underflow below 1.5e-154).
 */
export function computeScaledMoments(values: ArrayLike<number>): ScaledMoments {
  const n = values.length;
  const empty: ScaledMoments = { n, mean: null, sd: null, t: null, relativeSd: null, na: null };
  if (n === 0) return empty;
  const na = describeNonFinite(values);
  if (na) return { ...empty, na };
  const { scale, scaledMean } = scaleSample(values);
  const mean = scaledMean * scale;
  if (n < 2) return { ...empty, mean };
  const scaledSd = computeScaledSd(values, scale, scaledMean);
  const sd = scaledSd * scale;
  if (!Number.isFinite(sd))
    return { ...empty, mean, na: `the SD is beyond the double range (about ${(scaledSd * (scale / 2 ** 1023)).toPrecision(3)} x 2^1023)` };
  const t = scaledSd > 0 ? scaledMean / (scaledSd / Math.sqrt(n)) : null;
  const relativeSd = scaledMean !== 0 ? scaledSd / Math.abs(scaledMean) : null;
  return { n, mean, sd, t, relativeSd, na: null };
}
