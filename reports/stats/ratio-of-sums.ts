// Correct work per dollar as a subscriber pays it: sum of quality over sum of dollars, per provider and as a paired ratio of two, on the log scale (pure).
import { accumulateRatioTasks, addRatioTask, createRatioMoments, type RatioTask } from './ratio-moments.js';
import { type PairedRatio, readPairedRatio } from './read-paired-ratio.js';

export type { RatioTask } from './ratio-moments.js';
export { MIN_RATIO_TASKS, type PairedRatio, type RatioDegeneracy } from './read-paired-ratio.js';

/**
 * ln R = ln mean(qA) - ln mean(cA) - ln mean(qB) + ln mean(cB); by the delta method (a first-order Taylor expansion of
 * each log mean; e.g. Cochran, Sampling Techniques, 3rd ed., 6.4, or Casella & Berger 5.5.4) ln R - ln(true R) is
 * close to the mean of psi_i = (qA_i - mean qA) / mean qA - (cA_i - mean cA) / mean cA - (qB_i - mean qB) / mean qB
 * + (cB_i - mean cB) / mean cB, so its SE is sd(psi) / sqrt(n), pairs kept together (a hard task that costs both more
 * cancels), with the floors and df of read-paired-ratio.ts. The ratio of sums weighs tasks by what they cost: every
 * arm's dollars count, failures' included, which is the subscriber's question (docs/decisions/0029-work-per-dollar.md).
 * The log scale makes A/B and B/A mirror images.
 */
export function compareRatioOfSums(tasks: readonly RatioTask[]): PairedRatio {
  return readPairedRatio(accumulateRatioTasks(tasks));
}

/** One provider's work per dollar over its tasks: sum q / sum c, with the SE of its log and the df to read it with. */
export interface RatioSummary {
  n: number;
  work: number;
  dollars: number;
  ratio: number | null;
  log_se: number | null;
  df: number;
}

/** psi_i = q_i / mean q - c_i / mean c: a pair's side A read alone, with the same floors (B's weights are 0). */
export function summarizeRatioOfSums(quality: readonly number[], dollars: readonly number[]): RatioSummary {
  const moments = createRatioMoments();
  for (const [i, q] of quality.entries()) addRatioTask(moments, { qA: q, cA: dollars[i] as number, qB: 1, cB: 1 });
  const read = readPairedRatio(moments, true);
  const n = quality.length;
  const work = read.work_a;
  const spent = read.dollars_a;
  if (spent <= 0) return { n, work, dollars: spent, ratio: null, log_se: null, df: read.df };
  return { n, work, dollars: spent, ratio: work / spent, log_se: work <= 0 ? null : read.log_se, df: read.df };
}
