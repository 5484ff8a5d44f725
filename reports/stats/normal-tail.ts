// Standard normal tail, density and tail quantile accurate to full relative precision far out in the tail (power models, Newcombe, quantile seeds): pure.

/** 1 / sqrt(2 pi). */
const INVERSE_ROOT_TWO_PI = 0.3989422804014327;

/**
 * Chebyshev coefficients of erfc(z) = t exp(-z^2 + P(t)), t = 2 / (2 + z), from Numerical Recipes (3rd ed., 2007,
 * section 6.2, `Erf::erfccheb`): fractional error below 1.2e-16 for every z >= 0. jStat's `erfc` is 1 - erf and
 * so loses all relative precision past z ~ 6, where power models and price limits read far tails (Phi(-27) and beyond).
 */
const ERFC_COEFFICIENTS = [
  -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4,
  4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
  3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
] as const;

/** erfc(z) for z >= 0, by the Chebyshev fit above. */
function computeErfcNonNegative(z: number): number {
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COEFFICIENTS.length - 1; j > 0; j -= 1) {
    const previous = d;
    d = ty * d - dd + (ERFC_COEFFICIENTS[j] as number);
    dd = previous;
  }
  return t * Math.exp(-z * z + 0.5 * (ERFC_COEFFICIENTS[0] + ty * d) - dd);
}

/** The standard normal density phi(x). */
export function computeNormalDensity(x: number): number {
  return INVERSE_ROOT_TWO_PI * Math.exp(-0.5 * x * x);
}

/** P(Z >= x) for a standard normal Z, to a relative 1e-13 or better until it underflows (x ~ 38.5). */
export function computeNormalUpperTail(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 0) return 0.5 * computeErfcNonNegative(x * Math.SQRT1_2);
  return 1 - 0.5 * computeErfcNonNegative(-x * Math.SQRT1_2);
}

// Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37:477-484: Phi^-1 to about 1e-16 relative.
const CENTRAL_NUMERATOR = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
] as const;
const CENTRAL_DENOMINATOR = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852545925,
] as const;
const NEAR_NUMERATOR = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const NEAR_DENOMINATOR = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
  5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const FAR_NUMERATOR = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const FAR_DENOMINATOR = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
  1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

/** Horner evaluation of the ratio of two degree-7 polynomials in x. */
function evaluateRational(numerator: readonly number[], denominator: readonly number[], x: number): number {
  let top = 0;
  let bottom = 0;
  for (let i = numerator.length - 1; i >= 0; i -= 1) {
    top = top * x + (numerator[i] as number);
    bottom = bottom * x + (denominator[i] as number);
  }
  return top / bottom;
}

/** AS 241 for the upper tail: the x with P(Z >= x) = q, computed from the smaller tail so tiny q keeps its digits. */
function approximateUpperQuantile(q: number): number {
  const deviation = 0.5 - q;
  if (Math.abs(deviation) <= 0.425) {
    const r = 0.180625 - deviation * deviation;
    return deviation * evaluateRational(CENTRAL_NUMERATOR, CENTRAL_DENOMINATOR, r);
  }
  const tail = Math.min(q, 1 - q);
  const r = Math.sqrt(-Math.log(tail));
  const magnitude =
    r <= 5 ? evaluateRational(NEAR_NUMERATOR, NEAR_DENOMINATOR, r - 1.6) : evaluateRational(FAR_NUMERATOR, FAR_DENOMINATOR, r - 5);
  return q < 0.5 ? magnitude : -magnitude;
}

/**
 * The x with P(Z >= x) = q for 0 < q < 1 (0 gives +Infinity, 1 gives -Infinity). AS 241, then Newton steps on
 * {@link computeNormalUpperTail} so the quantile inverts this module's own tail to the last bit the boundaries need.
 */
export function computeNormalUpperQuantile(q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return Number.NaN;
  if (q === 0) return Number.POSITIVE_INFINITY;
  if (q === 1) return Number.NEGATIVE_INFINITY;
  let x = approximateUpperQuantile(q);
  for (let step = 0; step < 3; step += 1) {
    const density = computeNormalDensity(x);
    if (density === 0) break;
    const correction = (computeNormalUpperTail(x) - q) / density;
    x += correction;
    if (Math.abs(correction) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
