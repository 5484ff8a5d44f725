// The power of one pair's AB/BA crossover on the efficiency share gap: the one figure G1, the preview and the report's Power section share: pure.
import { AppError, isAppError } from '../../kernel/index.js';
import { analyzeCrossover } from '../stats/crossover-grizzle.js';
import { convertRelativeToGap } from '../stats/efficiency-share.js';
import { computePowerFromNoncentrality } from '../stats/power.js';
import { computeSampleSize } from '../stats/sample-size.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { pairShareGaps, toShareSubjects, type ShareGapPair } from './pair-share-gaps.js';
import { reduceEpochs } from './reduce-epochs.js';

export interface PairPowerOptions {
  /** The family-wise two-sided level (the plan's alpha). */
  alpha: number;
  /** The relevant relative difference r (0.2: 20% more work per unit); the gap it makes is r / (2 + r). */
  minEffect: number;
  /** How many pairs Holm adjusts over: k(k-1)/2 for k providers. */
  pairs: number;
  targetPower?: number;
}

export interface PairPower {
  a: string;
  b: string;
  /** Tasks both ran with an efficiency on each side (the crossover's subjects). */
  n_tasks: number;
  sequences: { AB: number; BA: number };
  /** Pooled within-sequence SD of D = y1 - y2 (y1 the share of the provider that ran first): Grizzle's s_D. */
  sd_gap: number | null;
  /** The relevant share gap, convertRelativeToGap(minEffect). */
  gap: number;
  /** Standardized effect gap / sd_gap. */
  effect: number | null;
  /** alpha / pairs: the level Holm holds its smallest p to (Bonferroni). */
  alpha_adjusted: number;
  power: number | null;
  /** Tasks (split evenly between the orders) that reach targetPower at this SD; null when unknown or out of range. */
  tasks_needed: number | null;
  /** Mean quality of A over mean quality of B on the same tasks; null when B's is 0. */
  quality_ratio: number | null;
  /** Why power is n/a; null when it is a number. */
  na: string | null;
}

/**
 * Pairs A's and B's windows per task (epochs reduced to their means first, as the report does) and gives the
 * power of the pair's share-gap crossover: {@link computeGapPower}.
 */
export function computePairPower(windows: readonly WindowMetrics[], a: string, b: string, options: PairPowerOptions): PairPower {
  const [pair] = pairShareGaps(reduceEpochs(windows).windows, [a, b]);
  return computeGapPower(pair as ShareGapPair, options);
}

/**
 * The power of the two-sided AB/BA t test (Grizzle: df n1 + n2 - 2, SE (s_D / 2) sqrt(1/n1 + 1/n2)) at alpha /
 * pairs to detect the relevant gap, with y1 = the share of the provider that ran first and y2 = 1 - y1:
 * noncentrality 2 d / sqrt(1/n1 + 1/n2) with d = gap / s_D, on the tasks' real split between the two orders.
 * n/a with its reason below 3 tasks, with one order only, or when s_D is 0. The report's Power section, the
 * preview and G1 all take it from here, so they print one figure for one pair.
 */
export function computeGapPower(pair: ShareGapPair, options: PairPowerOptions): PairPower {
  if (!(Number.isInteger(options.pairs) && options.pairs >= 1))
    throw new AppError('BAD_USAGE', `expected a whole number of pairs >= 1, got ${options.pairs}`, { where: 'pairs' });
  const { a, b } = pair;
  const n = pair.tasks.length;
  const sequences = { AB: pair.tasks.filter((t) => t.sequence === 'AB').length, BA: pair.tasks.filter((t) => t.sequence === 'BA').length };
  const qualityA = pair.tasks.reduce((sum, t) => sum + t.quality_a, 0);
  const qualityB = pair.tasks.reduce((sum, t) => sum + t.quality_b, 0);
  const base = {
    a,
    b,
    n_tasks: n,
    sequences,
    gap: convertRelativeToGap(options.minEffect),
    alpha_adjusted: options.alpha / options.pairs,
    quality_ratio: n > 0 && qualityB > 0 ? qualityA / qualityB : null,
  };
  const none = (na: string, sd: number | null = null): PairPower => ({
    ...base,
    sd_gap: sd,
    effect: null,
    power: null,
    tasks_needed: null,
    na,
  });
  if (n < 3) return none(`${n} task${n === 1 ? '' : 's'} run by both ${a} and ${b} (the AB/BA test needs 3)`);
  if (sequences.AB === 0 || sequences.BA === 0)
    return none(`all ${n} tasks ran ${sequences.AB === 0 ? b : a} first (the AB/BA test needs both orders)`);
  const sd = analyzeCrossover(toShareSubjects(pair)).pooledSdDifference;
  if (!(sd > 0)) return none(sd === 0 ? 'the share gaps do not vary (SD 0): no t test' : 'the SD of the share gaps is not finite', sd);
  const effect = base.gap / sd;
  const power = computePowerOnSplit(effect, sequences, base.alpha_adjusted);
  return { ...base, sd_gap: sd, effect, power, tasks_needed: findTasksNeeded(effect, options, base.alpha_adjusted), na: null };
}

/** The crossover test's power for a standardized effect d on this split of tasks between the two orders. */
export function computePowerOnSplit(effect: number, sequences: { AB: number; BA: number }, alpha: number): number {
  const ncp = (2 * effect) / Math.sqrt(1 / sequences.AB + 1 / sequences.BA);
  return computePowerFromNoncentrality(sequences.AB + sequences.BA - 2, ncp, alpha);
}

export function findTasksNeeded(effect: number, options: Pick<PairPowerOptions, 'targetPower'>, alpha: number): number | null {
  try {
    return computeSampleSize({ design: 'crossover', effect, power: options.targetPower ?? 0.8, alpha }).n;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return null;
  }
}
