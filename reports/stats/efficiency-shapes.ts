// Per-task efficiency shapes for `experiment simulate --shape-a/--shape-b`: each scaled to a mean and SD and kept non-negative: pure.
import jStat from 'jstat';
import { AppError } from '../../kernel/index.js';
import { drawNormal, type RandomSource } from './simulate-distributions.js';

export const EFFICIENCY_SHAPES = ['normal', 'exponential', 'lognormal', 'realistic'] as const;
export type EfficiencyShape = (typeof EFFICIENCY_SHAPES)[number];

/** What each shape is, for --help, the output and the docs. */
export const SHAPE_MODELS: Record<EfficiencyShape, string> = {
  normal:
    'normal, censored at 0 (a draw below 0 scores 0) with its location and scale solved so the censored values have the asked mean and SD',
  exponential: 'exponential shifted to the asked mean and SD (starts at mean - SD; needs SD <= mean)',
  lognormal: 'lognormal with sdlog 1 (skewness 6.2), shifted and scaled to the asked mean and SD (needs SD <= 1.31 x mean)',
  realistic:
    'zero-inflated: a failed task scores 0 with the zero rate, else a lognormal efficiency whose sdlog makes the asked mean and SD',
};

/** One arm's efficiency distribution as asked. */
export interface ShapeRequest {
  shape: EfficiencyShape;
  mean: number;
  sd: number;
  /** `realistic` only: the chance a task fails and scores 0 (default {@link DEFAULT_ZERO_RATE}). */
  zeroRate?: number;
}

/** A failed task in three: the default zero rate of the `realistic` shape. */
export const DEFAULT_ZERO_RATE = 0.3;

/** A prepared shape: one draw per call, always >= 0 and finite. */
export type EfficiencySampler = (random: RandomSource) => number;

/** `value` as a shape name, or a BAD_USAGE error naming `where` and the choices. */
export function parseEfficiencyShape(value: string, where: string): EfficiencyShape {
  const found = EFFICIENCY_SHAPES.find((name) => name === value);
  if (!found) throw new AppError('BAD_USAGE', `expected one of ${EFFICIENCY_SHAPES.join(', ')}, got ${JSON.stringify(value)}`, { where });
  return found;
}

/**
 * A sampler of the asked shape with exactly the asked mean and SD and no value below 0, or a BAD_USAGE error
 * saying which mean/SD the shape cannot reach while staying non-negative. SD 0 gives the constant mean.
 */
export function prepareEfficiencyShape(request: ShapeRequest, where: string): EfficiencySampler {
  const { shape, mean, sd } = request;
  if (!(mean > 0 && Number.isFinite(mean))) throw new AppError('BAD_USAGE', `the mean must be a finite number > 0, got ${mean}`, { where });
  if (!(sd >= 0 && Number.isFinite(sd))) throw new AppError('BAD_USAGE', `the SD must be a finite number >= 0, got ${sd}`, { where });
  if (sd === 0) return () => mean;
  const cv = sd / mean;
  const refuse = (limit: string): never => {
    throw new AppError('BAD_USAGE', `${shape} efficiencies with mean ${mean} and SD ${sd} would go below 0: ${limit}`, { where });
  };
  switch (shape) {
    case 'exponential':
      if (cv > 1) refuse('an exponential stays non-negative only for SD <= mean');
      return (random) => mean - sd + sd * -Math.log(1 - random());
    case 'lognormal': {
      // exp(Z) has mean e^(1/2) and SD sqrt((e - 1) e); its standardized form reaches down to -1/sqrt(e - 1).
      if (cv > Math.sqrt(Math.E - 1))
        refuse(`a lognormal with sdlog 1 stays non-negative only for SD <= ${Math.sqrt(Math.E - 1).toFixed(3)} x mean`);
      const scale = sd / Math.sqrt((Math.E - 1) * Math.E);
      return (random) => Math.max(0, mean + scale * (Math.exp(drawNormal(random)) - Math.exp(0.5)));
    }
    case 'realistic':
      return prepareZeroInflated(mean, cv, request.zeroRate ?? DEFAULT_ZERO_RATE, refuse);
    default: {
      const a = solveCensoredNormal(cv);
      const sigma = mean / (a * jStat.normal.cdf(a, 0, 1) + computeNormalDensity(a));
      return (random) => Math.max(0, sigma * (a + drawNormal(random)));
    }
  }
}

/**
 * 0 with probability p, else c exp(sigma Z): mean (1 - p) c e^(sigma^2/2), and CV^2 = e^(sigma^2) / (1 - p) - 1, so
 * sigma^2 = ln((1 + CV^2)(1 - p)), which needs CV^2 > p / (1 - p) (the zeros alone make that much spread).
 */
function prepareZeroInflated(mean: number, cv: number, zeroRate: number, refuse: (limit: string) => never): EfficiencySampler {
  if (!(zeroRate >= 0 && zeroRate < 1))
    throw new AppError('BAD_USAGE', `the zero rate must be in [0, 1), got ${zeroRate}`, { where: '--zero-rate' });
  const variance = Math.log((1 + cv * cv) * (1 - zeroRate));
  if (!(variance > 0))
    refuse(
      `with ${zeroRate} of tasks at 0 the SD is at least ${Math.sqrt(zeroRate / (1 - zeroRate)).toFixed(3)} x mean (lower --zero-rate or raise the SD)`,
    );
  const sigma = Math.sqrt(variance);
  const scale = mean / ((1 - zeroRate) * Math.exp(variance / 2));
  return (random) => (random() < zeroRate ? 0 : scale * Math.exp(sigma * drawNormal(random)));
}

/**
 * The standardized location a = mu / sigma of a normal censored at 0, max(0, mu + sigma Z), whose CV is `cv`:
 * E = sigma (a Phi(a) + phi(a)), E^2 = sigma^2 ((a^2 + 1) Phi(a) + a phi(a)), and the CV falls as a grows, so
 * bisection finds it. Below CV 1/12 the censoring (Phi(-12)) is far below double precision: a = 1 / CV.
 */
export function solveCensoredNormal(cv: number): number {
  if (cv < 1 / 12) return 1 / cv;
  let low = -12;
  let high = 12;
  for (let step = 0; step < 200 && high - low > 1e-12; step += 1) {
    const a = (low + high) / 2;
    if (computeCensoredCv(a) > cv) low = a;
    else high = a;
  }
  return (low + high) / 2;
}

/** The CV of max(0, a + Z). */
export function computeCensoredCv(a: number): number {
  const cdf = jStat.normal.cdf(a, 0, 1);
  const pdf = computeNormalDensity(a);
  const first = a * cdf + pdf;
  const second = (a * a + 1) * cdf + a * pdf;
  return Math.sqrt(Math.max(0, second / (first * first) - 1));
}

function computeNormalDensity(x: number): number {
  return Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
}
