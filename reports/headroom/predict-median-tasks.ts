// Headroom's point figure: the median count of tasks that fit in the tokens left, over futures resampled from the kept
// task history in blocks that keep its runs (a seeded simulation; pure, light: the status line runs it on every prompt).
import { createMulberry32 } from '../../kernel/index.js';

/** What the resampling rests on, computed once a history and used for each bar. */
export interface TaskPaths {
  tasks: readonly number[];
  /** Mean block length: the runs' variance inflation, (1 + rho) / (1 - rho). */
  block: number;
  /** For each task, the positions (each with a successor) of the tasks nearest it in log size: where a block restarts. */
  near: number[][];
  /** The sample mean's median bias on skewed tasks, as a factor on every task's tokens (1 without skew). */
  scale: number;
  mean: number;
}

/** Futures simulated a figure: their median moves by about 1.25 / sqrt(51) = 18% of a count's SD (2-4% of 30-100 tasks). */
const REPLICATES = 51;
/** Beyond this many tasks a future is simulated to this horizon and its count scaled (its skew shrinks as 1 / sqrt). */
const HORIZON_TASKS = 100;
/** Below this many tasks a block restarts anywhere: the few transitions out of a task's neighbours say too little. */
const MATCHED_MIN = 40;

/**
 * Prepares a history (positive tokens, oldest first). Each block restarts, at the rate 1 / block, at the successor of one
 * of the sqrt(n) tasks nearest the current one in log size (a matched-block bootstrap, Carlstein et al. 1998; the
 * nearest-neighbour restart of the local bootstrap, Paparoditis & Politis 2002), and the first block at the successor of
 * a task like the last one seen: the near future resembles the recent past, a run of big tasks goes on as runs did.
 */
export function prepareTaskPaths(tasks: readonly number[]): TaskPaths {
  const n = tasks.length;
  const mean = tasks.reduce((sum, tokens) => sum + tokens, 0) / n;
  const logs = tasks.map(Math.log);
  const logMean = logs.reduce((sum, value) => sum + value, 0) / n;
  const logVariance = n < 2 ? 0 : logs.reduce((sum, value) => sum + (value - logMean) ** 2, 0) / (n - 1);
  // A block as long as the runs make one task count for, at most half the history.
  const block = Math.max(1, Math.min(n / 2, measureAutocorrelationInflation(logs, logMean, logVariance)));
  const order = Array.from({ length: n - 1 }, (_, index) => index).sort((a, b) => (logs[a] as number) - (logs[b] as number));
  const k = n >= MATCHED_MIN ? Math.round(Math.sqrt(n)) : n - 1;
  const near = logs.map((value) => listNearest(logs, order, value, k));
  return { tasks, block, near, scale: measureMedianBias(tasks, mean, block), mean };
}

/** The median, over seeded simulated futures, of how many tasks fit in `tokens`; past the horizon, scaled up from it. */
export function predictMedianTasks(paths: TaskPaths, tokens: number): number {
  const { tasks, near, block } = paths;
  const n = tasks.length;
  const limit = tokens / paths.scale;
  if (n === 1) return Math.floor(limit / (tasks[0] as number));
  const expected = limit / paths.mean;
  const stretch = Math.max(1, expected / HORIZON_TASKS);
  const horizon = limit / stretch;
  const random = createMulberry32(SEED);
  const counts = new Float64Array(REPLICATES);
  const bound = 4 * HORIZON_TASKS * Math.max(1, paths.mean / Math.min(...tasks));
  for (let replicate = 0; replicate < REPLICATES; replicate += 1) {
    let used = 0;
    let fit = 0;
    let at = n - 1;
    for (;;) {
      if (at === n - 1 || random() * block < 1) {
        const choices = near[at] as number[];
        at = (choices[Math.floor(random() * choices.length)] as number) + 1;
      } else at += 1;
      const next = tasks[at] as number;
      if (used + next > horizon || fit >= bound) break;
      used += next;
      fit += 1;
    }
    counts[replicate] = fit;
  }
  counts.sort();
  return (counts[(REPLICATES - 1) / 2] as number) * stretch;
}

/** A fixed seed: the same basis and bars give the same figure on every prompt. */
const SEED = 0x9e3779b9;

/** The k positions among `order` (every position but the last, sorted by log size) nearest `value`. */
function listNearest(logs: readonly number[], order: readonly number[], value: number, k: number): number[] {
  let [low, high] = [0, order.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((logs[order[middle] as number] as number) < value) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  let [below, above] = [low - 1, low];
  while (found.length < k && (below >= 0 || above < order.length)) {
    const down = below >= 0 ? value - (logs[order[below] as number] as number) : Number.POSITIVE_INFINITY;
    const up = above < order.length ? (logs[order[above] as number] as number) - value : Number.POSITIVE_INFINITY;
    found.push(down <= up ? (order[below--] as number) : (order[above++] as number));
  }
  return found;
}

/**
 * The factor by which the true mean task is likely above the sample's: skewed tasks' sample mean is below the true
 * mean in most samples (its own skewness is gamma / sqrt(n_eff)); by Cornish-Fisher its median is
 * mu - gamma sigma / (6 n_eff) (Hall 1992, 2.5), n_eff = n / inflation for runs. The resampled futures' mean is the
 * sample's; scaling their tasks by this makes the count a predictive median of the true process, not of the sample's.
 */
function measureMedianBias(tasks: readonly number[], mean: number, inflation: number): number {
  const n = tasks.length;
  if (n < 3) return 1;
  const sd = Math.sqrt(tasks.reduce((sum, tokens) => sum + (tokens - mean) ** 2, 0) / (n - 1));
  if (!(sd > 0)) return 1;
  // The adjusted sample skewness G1 (Joanes & Gill 1998).
  const skewness =
    (tasks.reduce((sum, tokens) => sum + ((tokens - mean) / sd) ** 3, 0) / n) * ((n - 1) / n) ** -1.5 * (Math.sqrt(n * (n - 1)) / (n - 2));
  return Math.max(0.5, 1 + (skewness * sd * inflation) / (6 * n * mean));
}

/**
 * (1 + rho) / (1 - rho), the variance of a sum of AR(1)-correlated tasks over independent ones, where the lag-1
 * autocorrelation of the tasks' logs is above 0; else 1. The estimate is corrected for its bias toward 0 in short
 * series, (1 + 3 rho) / n (Kendall 1954): at 20 tasks an AR(1) at 0.8 reads about 0.63 uncorrected. Sessions come in
 * runs (a day of big refactors, a week of small fixes), and read as independent they promised more sessions than fit.
 */
export function measureAutocorrelationInflation(logs: readonly number[], logMean: number, logVariance: number): number {
  const n = logs.length;
  if (n < 3 || !(logVariance > 0)) return 1;
  let lagged = 0;
  for (let i = 1; i < n; i += 1) lagged += ((logs[i] as number) - logMean) * ((logs[i - 1] as number) - logMean);
  const read = lagged / ((n - 1) * logVariance);
  const rho = read + (1 + 3 * read) / n;
  if (!(rho > 0)) return 1;
  const capped = Math.min(rho, MAX_AUTOCORRELATION);
  return (1 + capped) / (1 - capped);
}

/** Beyond this the inflation (19 at 0.9) says more about the window than the sample can. */
const MAX_AUTOCORRELATION = 0.9;
