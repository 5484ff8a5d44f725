// The Armitage-McPherson-Rowe recursion: the null sub-density of Z at each look and the chance of crossing next: pure.
import { AppError } from '../../kernel/index.js';
import { computeNormalDensity, computeNormalUpperQuantile, computeNormalUpperTail } from './group-sequential-normal.js';
import { layOutQuadrature, MAX_PANELS } from './group-sequential-quadrature.js';

/**
 * Why Gauss-Legendre panels and not Jennison & Turnbull's Simpson grid (2000, chapter 19; gsDesign's r = 18):
 * with many looks the step from one look to the next is narrow (200 equal looks: sd sqrt(dt / t) = 0.07 on the
 * z scale), and the integrand is a Gaussian of that width cut off at the previous boundary. Panels a fixed number
 * of such widths wide, each with 8 Gauss nodes, keep the boundaries within ~1e-11 whatever the spacing of the looks,
 * where a grid of fixed spacing loses accuracy as the looks crowd together.
 */
/** Panel width in step sds sqrt(dt / t): 2 agrees with 0.5 to 1e-12 on 5 to 200 looks (3 to 4e-10), at 1/4 the work. */
const PANEL_WIDTH_IN_STEP_SDS = 2;
/** Past |z| = 10 the null density holds under 1e-23 of the mass: the grid reaches no further unless a tail needs it. */
const MIN_HALF_WIDTH = 10;

/** A quadrature of one look's sub-density, laid out for the step to the next fraction. */
export interface LookStep {
  fromFraction: number;
  toFraction: number;
  /** The grid covers earlier |z| < half: the earlier bound, or less when the density beyond is negligible. */
  half: number;
  /** z values of the earlier look, symmetric about 0. */
  nodes: Float64Array;
  /** weight times sub-density at each node. */
  masses: Float64Array;
}

/**
 * The null sub-density of Z_k on paths that crossed no boundary up to look k: g(z) for |z| < bound. At look 1 it is
 * phi; later it is the convolution of the previous look's quadrature with the Brownian step (Jennison & Turnbull,
 * chapter 19: Z_k sqrt(t_k) = Z_{k-1} sqrt(t_{k-1}) + N(0, t_k - t_{k-1})).
 */
export interface LookDensity {
  fraction: number;
  bound: number;
  previous?: LookStep;
}

/** The sub-density at z (not cut at the bound: callers integrate inside it). */
export function evaluateLookDensity(density: LookDensity, z: number): number {
  const step = density.previous;
  if (step === undefined) return computeNormalDensity(z);
  const delta = step.toFraction - step.fromFraction;
  const scale = Math.sqrt(step.toFraction / delta);
  const shift = Math.sqrt(step.fromFraction / delta);
  const zScaled = z * scale;
  let sum = 0;
  for (let i = 0; i < step.nodes.length; i += 1) {
    const x = zScaled - (step.nodes[i] as number) * shift;
    sum += (step.masses[i] as number) * Math.exp(-0.5 * x * x);
  }
  return (sum * scale) / Math.sqrt(2 * Math.PI);
}

/**
 * Lays the quadrature of `density` for the step to `toFraction`. `reach` is the largest |z| whose crossing chance
 * will be asked at the next look: the grid then covers the earlier |z| up to sqrt(reach^2 + 60), beyond which the
 * null density is under e^-30 of the tail at reach, so tiny tail chances (boundaries near 30 at t = 1/200) keep
 * their relative precision instead of vanishing off a grid cut at a fixed width.
 */
export function prepareLookStep(density: LookDensity, toFraction: number, reach: number): LookStep {
  const delta = toFraction - density.fraction;
  const stepSd = Math.sqrt(delta / toFraction);
  const tailReach = Number.isFinite(reach) ? Math.sqrt(reach * reach + 60) : 0;
  const half = Math.min(density.bound, Math.max(MIN_HALF_WIDTH, tailReach));
  // A step narrower than the panels can resolve would give a wrong boundary silently: refuse it (two looks under
  // ~1e-6 of the information apart are one look; merge them).
  if (half > MAX_PANELS * PANEL_WIDTH_IN_STEP_SDS * stepSd) {
    const resolvable = (half / (MAX_PANELS * PANEL_WIDTH_IN_STEP_SDS)) ** 2;
    throw new AppError(
      'BAD_USAGE',
      `information fractions ${density.fraction} and ${toFraction} are too close to tell apart: (t_k - t_k-1) / t_k is ` +
        `${(delta / toFraction).toExponential(2)}, below the ${resolvable.toExponential(1)} the grid resolves; treat them as one look`,
      { where: 'fractions' },
    );
  }
  // The previous cut (at the last step's half width) leaves a smoothed step in this density, sqrt(dt' / t') wide at
  // |z| = half' sqrt(t'' / t'): when that is narrower than this step, as after two looks close together, resolve it.
  const before = density.previous;
  const featureWidth = before === undefined ? 0 : Math.sqrt((before.toFraction - before.fromFraction) / before.toFraction);
  const feature =
    before !== undefined && featureWidth < stepSd
      ? { at: before.half * Math.sqrt(before.fromFraction / before.toFraction), width: PANEL_WIDTH_IN_STEP_SDS * featureWidth }
      : undefined;
  const { nodes, weights } = layOutQuadrature(half, PANEL_WIDTH_IN_STEP_SDS * stepSd, feature);
  const count = nodes.length;
  const masses = new Float64Array(count);
  // The sub-density is even, and the nodes mirror (node i is -node count-1-i): evaluate half and reflect.
  for (let i = 0; i < count / 2; i += 1) {
    const mass = (weights[i] as number) * evaluateLookDensity(density, nodes[i] as number);
    masses[i] = mass;
    masses[count - 1 - i] = mass;
  }
  return { fromFraction: density.fraction, toFraction, half, nodes, masses };
}

/** The sub-density of the next look once its bound is fixed. */
export function finishLookDensity(step: LookStep, bound: number): LookDensity {
  return { fraction: step.toFraction, bound, previous: step };
}

/**
 * P(|Z_k| >= c and no earlier crossing) under the null, and its derivative in c: twice the upper crossing, since
 * the sub-density is even.
 */
export function computeStepCrossing(step: LookStep, c: number): { probability: number; derivative: number } {
  const delta = step.toFraction - step.fromFraction;
  const scale = Math.sqrt(step.toFraction / delta);
  const shift = Math.sqrt(step.fromFraction / delta);
  let probability = 0;
  let density = 0;
  for (let i = 0; i < step.nodes.length; i += 1) {
    const x = c * scale - (step.nodes[i] as number) * shift;
    const mass = step.masses[i] as number;
    probability += mass * computeNormalUpperTail(x);
    density += mass * computeNormalDensity(x);
  }
  return { probability: 2 * probability, derivative: -2 * scale * density };
}

/**
 * The c with P(|Z_k| >= c, no earlier crossing) = increment. It lies between z_{cumulative/2} (the earlier looks
 * can have taken at most the alpha spent before) and z_{increment/2} (the marginal tail); Newton on the log of the
 * chance from the upper end, kept inside that bracket, converges in a few steps.
 */
export function solveCriticalValue(step: LookStep, increment: number, cumulative: number): number {
  if (!(increment > 0)) return Number.POSITIVE_INFINITY;
  let high = computeNormalUpperQuantile(increment / 2);
  let low = Math.max(0, computeNormalUpperQuantile(Math.min(cumulative, 1) / 2));
  if (computeStepCrossing(step, low).probability < increment) {
    // Only rounding can put the root below that bound; at c = 0 the look rejects every path still running.
    if (computeStepCrossing(step, 0).probability <= increment) return 0;
    low = 0;
  }
  let c = high;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const { probability, derivative } = computeStepCrossing(step, c);
    const gap = probability > 0 ? Math.log(probability / increment) : Number.NEGATIVE_INFINITY;
    if (gap >= 0) low = c;
    else high = c;
    if (Math.abs(gap) < 1e-13) return c;
    let next = Number.isFinite(gap) && derivative < 0 ? c - (gap * probability) / derivative : Number.NaN;
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (Math.abs(next - c) < 1e-13 * Math.max(1, c)) return next;
    c = next;
  }
  return c;
}
