// Correct work per dollar as a subscriber pays it: sum of quality over sum of dollars, per provider and as a paired ratio of two, on the log scale (pure).
import { accumulateRatioTasks, MIN_RATIO_TASKS, readPairedRatio, type PairedRatio, type RatioTask } from './ratio-moments.js';

export { MIN_RATIO_TASKS, type PairedRatio, type RatioDegeneracy, type RatioTask } from './ratio-moments.js';

/**
 * ln R = ln mean(qA) - ln mean(cA) - ln mean(qB) + ln mean(cB); by the delta method (a first-order Taylor expansion of
 * each log mean; e.g. Cochran, Sampling Techniques, 3rd ed., 6.4, or Casella & Berger 5.5.4) ln R - ln(true R) is
 * close to the mean of psi_i = (qA_i - mean qA) / mean qA - (cA_i - mean cA) / mean cA - (qB_i - mean qB) / mean qB
 * + (cB_i - mean cB) / mean cB, so its SE is sd(psi) / sqrt(n), pairs kept together (a hard task that costs both more
 * cancels), its cost part floored by a lognormal fit of the costs (ratio-moments.ts). The ratio of sums weighs tasks
 * by what they cost: every arm's dollars count, failures' included, which is the subscriber's question
 * (docs/decisions/0029-work-per-dollar.md). The log scale makes A/B and B/A mirror images.
 */
export function compareRatioOfSums(tasks: readonly RatioTask[]): PairedRatio {
  return readPairedRatio(accumulateRatioTasks(tasks));
}

/** One provider's work per dollar over its tasks: sum q / sum c, with the delta method's SE of its log. */
export interface RatioSummary {
  n: number;
  work: number;
  dollars: number;
  ratio: number | null;
  log_se: number | null;
}

/**
 * psi_i = q_i / mean q - c_i / mean c, its cost part var(c / mean c) floored by the lognormal fit's e^(s^2) - 1 (s the
 * SD of ln c over costs above 0), as for a pair (ratio-moments.ts).
 */
export function summarizeRatioOfSums(quality: readonly number[], dollars: readonly number[]): RatioSummary {
  const n = quality.length;
  const work = quality.reduce((sum, q) => sum + q, 0);
  const spent = dollars.reduce((sum, c) => sum + c, 0);
  if (spent <= 0) return { n, work, dollars: spent, ratio: null, log_se: null };
  const ratio = work / spent;
  if (work <= 0 || n < MIN_RATIO_TASKS) return { n, work, dollars: spent, ratio, log_se: null };
  const mq = work / n;
  const mc = spent / n;
  const psi = quality.map((q, i) => (q - mq) / mq - ((dollars[i] as number) - mc) / mc);
  const costPart = computeVariance(dollars.map((c) => c / mc));
  const logs = dollars.filter((c) => c > 0).map(Math.log);
  const lognormal = logs.length >= MIN_RATIO_TASKS ? Math.expm1(computeVariance(logs)) : 0;
  const variance = computeVariance(psi) + Math.max(0, lognormal - costPart);
  return { n, work, dollars: spent, ratio, log_se: Math.sqrt(variance / n) };
}

/** Sample variance (n - 1 denominator), from the mean's deviations (no catastrophic cancellation). */
function computeVariance(values: readonly number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
}
