// The smallest sample reaching a target power for a two-sided t test, and how many more are still needed.
import { AppError } from '../../kernel/index.js';
import { checkDesignInput, checkProbability, checkSampleSize, computePower, MIN_SAMPLE, SAMPLE_UNITS, type StudyDesign } from './power.js';

/** Searches stop here: an effect that needs more is too small to plan for. */
export const MAX_SAMPLE_SIZE = 100_000_000;

export interface SampleSizeInput {
  design: StudyDesign;
  /** Standardized effect d > 0, on the scale of {@link computePower}. */
  effect: number;
  /** Target power; default 0.8. */
  power?: number;
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
  /** Sample already collected (same unit as n), to report how many more are needed. */
  currentN?: number;
}

export interface SampleSizeResult {
  design: StudyDesign;
  effect: number;
  alpha: number;
  target_power: number;
  /** The smallest n whose power reaches the target (even for crossover: half AB, half BA). */
  n: number;
  /** What n counts: "per group", "pairs" or "subjects in total". */
  unit: string;
  /** The power at n (>= target_power). */
  achieved_power: number;
  current_n: number | null;
  /** Power at current_n (null without one, or when current_n is below the design's minimum). */
  current_power: number | null;
  /** max(0, n - current_n), in the same unit; null without current_n. */
  still_needed: number | null;
}

/**
 * The smallest sample size whose two-sided t test reaches `power` (default 0.8) at level `alpha`
 * (default 0.05) for standardized effect `effect`, using the exact noncentral t power of
 * {@link computePower}; power grows with n, so a doubling search then a bisection finds it. Crossover
 * sizes are even (a balanced AB/BA split). With `currentN`, also the power already reached and how many
 * more units are still needed. Throws a BAD_USAGE AppError naming the field for out-of-range inputs,
 * or when more than {@link MAX_SAMPLE_SIZE} would be needed.
 */
export function computeSampleSize(input: SampleSizeInput): SampleSizeResult {
  const alpha = input.alpha ?? 0.05;
  const target = input.power ?? 0.8;
  checkDesignInput(input.design, input.effect, alpha);
  checkProbability(target, 'power');
  if (input.currentN !== undefined && !(Number.isInteger(input.currentN) && input.currentN >= 0)) {
    throw new AppError('BAD_USAGE', `expected a whole number >= 0, got ${input.currentN}`, { where: 'currentN' });
  }
  const step = input.design === 'crossover' ? 2 : 1;
  const powerAt = (k: number): number => computePower({ design: input.design, effect: input.effect, n: k * step, alpha }).power;
  const n =
    step *
    findSmallestReaching(
      powerAt,
      Math.ceil(MIN_SAMPLE[input.design] / step),
      target,
      () =>
        `an effect of ${input.effect} needs more than ${MAX_SAMPLE_SIZE.toLocaleString('en-US')} ${SAMPLE_UNITS[input.design]} to reach power ${target}`,
    );
  const current = input.currentN ?? null;
  let currentPower: number | null = null;
  if (current !== null && current >= MIN_SAMPLE[input.design]) {
    checkSampleSize(input.design, current, 'currentN');
    currentPower = computePower({ design: input.design, effect: input.effect, n: current, alpha }).power;
  }
  return {
    design: input.design,
    effect: input.effect,
    alpha,
    target_power: target,
    n,
    unit: SAMPLE_UNITS[input.design],
    achieved_power: computePower({ design: input.design, effect: input.effect, n, alpha }).power,
    current_n: current,
    current_power: currentPower,
    still_needed: current === null ? null : Math.max(0, n - current),
  };
}

/** The smallest k >= low with powerAt(k) >= target, for powerAt increasing in k. */
function findSmallestReaching(powerAt: (k: number) => number, low: number, target: number, tooMany: () => string): number {
  if (powerAt(low) >= target) return low;
  let below = low;
  let above = low * 2;
  while (powerAt(above) < target) {
    below = above;
    above *= 2;
    if (above > MAX_SAMPLE_SIZE) throw new AppError('BAD_USAGE', tooMany(), { where: 'effect' });
  }
  while (above - below > 1) {
    const middle = Math.floor((below + above) / 2);
    if (powerAt(middle) >= target) above = middle;
    else below = middle;
  }
  return above;
}
