// Headroom from futures: the count of tasks that fit in the tokens left, over futures resampled from the kept task history
// in blocks that keep its runs: its median the point, its tails the bracket's (a seeded simulation; pure, light: the
// status line runs it on every prompt).
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
  /** The history's mean's relative standard error, its runs counted (variance x block / n): how far the futures' mean may be off. */
  meanError: number;
}

/** Futures simulated a figure: their median moves by about 1.25 / sqrt(51) = 18% of a count's SD (2-4% of 30-100 tasks). */
const REPLICATES = 51;
/** Futures simulated for the bracket's tails: the 2.5% quantile is the 6th of 199 (of 51 it would be the 2nd). */
const TAIL_REPLICATES = 199;
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
  const variance = n < 2 ? 0 : tasks.reduce((sum, tokens) => sum + (tokens - mean) ** 2, 0) / (n - 1);
  const meanError = Math.sqrt((variance * block) / (n * mean * mean));
  return { tasks, block, near, scale: measureMedianBias(tasks, mean, block), mean, meanError };
}

/** The median, over seeded simulated futures, of how many tasks fit in `tokens`; past the horizon, scaled up from it. */
export function predictMedianTasks(paths: TaskPaths, tokens: number): number {
  const [[counts, stretch]] = simulateTaskCounts(paths, [tokens], REPLICATES) as [[Float64Array, number]];
  return (counts[(REPLICATES - 1) / 2] as number) * stretch;
}

/**
 * The p quantile of how many tasks fit in `lowTokens` and the 1 - p one in `highTokens` (p a tail, below 0.1), over 199
 * seeded futures each run once to the larger (each read as if alone). Past the horizon the median is scaled by the stretch and a quantile's
 * distance from it by its square root: counts over horizons longer than the runs add up as independent ones do.
 */
export function predictTaskTails(paths: TaskPaths, lowTokens: number, highTokens: number, p: number): { low: number; high: number } {
  const [low, high] = simulateTaskCounts(paths, [lowTokens, highTokens], TAIL_REPLICATES) as [
    [Float64Array, number],
    [Float64Array, number],
  ];
  const read = ([counts, stretch]: [Float64Array, number], q: number) => {
    const median = counts[(TAIL_REPLICATES - 1) / 2] as number;
    return median * stretch + ((counts[Math.round(q * (TAIL_REPLICATES - 1))] as number) - median) * Math.sqrt(stretch);
  };
  return { low: read(low, p), high: read(high, 1 - p) };
}

/**
 * For each of `limits` (ascending tokens), the sorted counts that fit over the futures and the stretch they are to be
 * scaled by: each limit its own horizon, as if simulated alone (horizons ascend with the limits: below the horizon a
 * limit is its own), the futures run once to the last.
 */
function simulateTaskCounts(paths: TaskPaths, limits: readonly number[], replicates: number): [Float64Array, number][] {
  const { tasks, near, block } = paths;
  const n = tasks.length;
  const scaled = limits.map((tokens) => tokens / paths.scale);
  if (n === 1) return scaled.map((limit) => [new Float64Array(replicates).fill(Math.floor(limit / (tasks[0] as number))), 1]);
  const stretches = scaled.map((limit) => Math.max(1, limit / paths.mean / HORIZON_TASKS));
  const horizons = scaled.map((limit, index) => limit / (stretches[index] as number));
  const last = horizons[horizons.length - 1] as number;
  const random = createMulberry32(SEED);
  const counts = limits.map(() => new Float64Array(replicates));
  const bound = 4 * HORIZON_TASKS * Math.max(1, paths.mean / Math.min(...tasks));
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    let used = 0;
    let fit = 0;
    let at = n - 1;
    for (;;) {
      if (at === n - 1 || random() * block < 1) {
        const choices = near[at] as number[];
        at = (choices[Math.floor(random() * choices.length)] as number) + 1;
      } else at += 1;
      const next = tasks[at] as number;
      if (used + next > last || fit >= bound) break;
      used += next;
      fit += 1;
      // A count stops growing at the first task that overruns its horizon.
      for (let limit = 0; limit < horizons.length - 1; limit += 1)
        if (used <= (horizons[limit] as number)) (counts[limit] as Float64Array)[replicate] = fit;
    }
    (counts[horizons.length - 1] as Float64Array)[replicate] = fit;
  }
  for (const sorted of counts) sorted.sort();
  return counts.map((sorted, index) => [sorted, stretches[index] as number]);
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
