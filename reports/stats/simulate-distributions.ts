// The outcome families `experiment simulate --distribution` draws from: noise, transforms, bounds: pure.
import jStat from 'jstat';
import { AppError } from '../../kernel/index.js';

export const SIMULATED_DISTRIBUTIONS = ['normal', 'exponential', 'lognormal', 't3', 'bernoulli', 'bounded', 'coarse', 'resample'] as const;
export type SimulatedDistribution = (typeof SIMULATED_DISTRIBUTIONS)[number];

/** A uniform random source in [0, 1), such as a seedrandom generator. */
export type RandomSource = () => number;

/** Percentage points per SD of the latent outcome in the `coarse` family, before rounding to a whole percent. */
export const COARSE_POINTS_PER_SD = 1.5;

/** What each family's arm outcome is, for the simulation's output and the docs. */
export const DISTRIBUTION_MODELS: Record<SimulatedDistribution, string> = {
  normal: 'each arm = task baseline + effect (A only) + period effect + normal noise',
  exponential: 'each arm = task baseline + effect + period effect + centred exponential noise (skewed, skewness 2), SD as in normal',
  lognormal: 'each arm = task baseline + effect + period effect + centred lognormal noise (sdlog 1, skewness 6.2), SD as in normal',
  t3: 'each arm = task baseline + effect + period effect + Student t noise with 3 df (heavy tails), SD as in normal',
  bernoulli: 'each arm passes (1) or fails (0): the normal outcome above 0 (a probit model); differences in {-1, 0, 1}',
  bounded: 'each arm scores a quality in (0, 1): the normal CDF of the normal outcome; differences in (-1, 1)',
  coarse: `each arm = the normal outcome in percentage points (${COARSE_POINTS_PER_SD} per SD) rounded to a whole percent`,
  resample: 'each task = a paired difference recorded in the data dir, drawn with replacement',
};

/** The known range of A - B in a family, for the bounded-mean betting rule; undefined when unbounded. */
export function findDistributionBounds(distribution: SimulatedDistribution): [number, number] | undefined {
  return distribution === 'bernoulli' || distribution === 'bounded' ? [-1, 1] : undefined;
}

/** `value` as a family name, or a BAD_USAGE error naming `where` and the choices. */
export function parseDistribution(value: string, where: string): SimulatedDistribution {
  const found = SIMULATED_DISTRIBUTIONS.find((name) => name === value);
  if (!found)
    throw new AppError('BAD_USAGE', `expected one of ${SIMULATED_DISTRIBUTIONS.join(', ')}, got ${JSON.stringify(value)}`, { where });
  return found;
}

/**
 * One arm's noise, mean 0 and SD 1. The families that transform a normal outcome (bernoulli, bounded, coarse)
 * draw normal noise here. Standardizing every family to the same SD per arm makes "effect in SDs of the
 * paired difference" mean the same thing for all of them; the difference of two arms' iid noises is
 * symmetric however skewed each one is, which is what exchangeable arms imply.
 */
export function drawNoise(distribution: SimulatedDistribution, random: RandomSource): number {
  switch (distribution) {
    case 'exponential':
      return -Math.log(1 - random()) - 1;
    case 'lognormal':
      // exp(Z) has mean e^(1/2) and variance (e - 1) e.
      return (Math.exp(drawNormal(random)) - Math.exp(0.5)) / Math.sqrt((Math.E - 1) * Math.E);
    case 't3': {
      const chiSquare = drawNormal(random) ** 2 + drawNormal(random) ** 2 + drawNormal(random) ** 2;
      // t with 3 df has variance 3.
      return drawNormal(random) / Math.sqrt(chiSquare / 3) / Math.sqrt(3);
    }
    default:
      return drawNormal(random);
  }
}

/** The recorded outcome of an arm whose latent (normal-model) outcome is `latent`. */
export function transformOutcome(distribution: SimulatedDistribution, latent: number): number {
  if (distribution === 'bernoulli') return latent > 0 ? 1 : 0;
  if (distribution === 'bounded') return jStat.normal.cdf(latent, 0, 1);
  if (distribution === 'coarse') return Math.round(COARSE_POINTS_PER_SD * latent);
  return latent;
}

/** A standard normal draw (Box-Muller, one of the pair). */
export function drawNormal(random: RandomSource): number {
  let u = random();
  while (u <= Number.MIN_VALUE) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
