// Headroom as work: how many more tasks like the recent ones fit before each bar binds, with an interval (pure).
// The bar kinds' own file, not the schemas' door: the status line loads this on every prompt, and that door loads zod.
import { BAR_KINDS, type PricedBar } from '../../ledger/schemas/bar-kinds.js';

import { computeNormalUpperQuantile } from '../stats/normal-tail.js';
import { approximateStudentQuantile } from './approximate-student-quantile.js';
import {
  measureAutocorrelationInflation,
  predictMedianTasks,
  predictTaskTails,
  prepareTaskPaths,
  type TaskPaths,
} from './predict-median-tasks.js';

export interface HeadroomInput {
  provider: string;
  /** Each bar's last reading in its current period, and its tokens per 1% (the calibration). */
  bars: Partial<Record<PricedBar, { used_pct: number; resets_at: string | null; tokens_per_pct: Spread | null }>>;
  /** The tasks' tokens, most recent last (the bracket reads the last 20, the point the last 100), and what a task is here. */
  tasks: readonly number[];
  unit: 'session' | 'request';
  /** The level of the interval (0.95 by default). */
  confidence?: number;
}

/** A figure and its interval's ends (null where no interval holds). */
export interface Spread {
  estimate: number;
  low: number | null;
  high: number | null;
}

/** What a headroom rests on, apart from the bars now: kept in the agent's state for the status line (tracker plans writes it). */
export interface HeadroomBasis {
  /** The account as `tracker plans` labels it: `claude`, or `claude@acct-…` where the provider has two logins or more. */
  provider: string;
  /**
   * The login (`acct-…`) whose tasks and bars these are, so a status line takes its own login's and never another's;
   * null where its rows named none. Absent in a file written before logins were told apart (then read off the label).
   */
  account?: string | null;
  unit: 'session' | 'request';
  /** The last tasks' tokens, oldest first. */
  tasks: number[];
  /** Each calibrated bar's tokens per 1%. */
  rates: Partial<Record<PricedBar, Spread>>;
  confidence: number;
  reckoned_at: string;
}

export interface BarHeadroom {
  bar: PricedBar;
  used_pct: number;
  resets_at: string | null;
  /** More tasks before the bar binds; null with `na` where it cannot be said. Its ends are null below 2 tasks. */
  tasks: Spread | null;
  na: string | null;
}

export interface Headroom {
  provider: string;
  unit: 'session' | 'request';
  /** How many recent tasks it is reckoned on. */
  recent: number;
  bars: BarHeadroom[];
  /** The bar that binds first (fewest tasks left), and the one that resets first when that is another. */
  binding: PricedBar | null;
  resets_first: PricedBar | null;
  line: string;
}

/** How many recent tasks the bracket is reckoned on. */
export const RECENT_TASKS = 20;
/** How many tasks the point figure resamples (and the kept basis holds): regimes of big tasks the last 20 never met. */
export const HISTORY_TASKS = 100;

/**
 * Tasks left on a bar: the median count of tasks that fit in its tokens left ((100 - used) x tokens per 1%) over futures
 * resampled from the last 100 tasks in blocks that keep their runs (predictMedianTasks, ADR 0037's second addendum). The interval is a
 * prediction interval for the tasks that will fit, two sources of spread added: the tasks to come (a renewal count:
 * tokens left L over tasks of mean m and SD s fit L/m of them with variance L s^2 / m^3, Cox & Miller 1965, 9.2) and
 * the mean's own uncertainty (relative variance the larger of the sample mean's and Cox's log-normal mean's, Land 1972:
 * task tokens are skewed), at Student's t with n - 1 degrees of freedom; the calibration's ends at the same ends.
 * Two guards for uneven work (ADR 0037): sessions that come in runs widen both parts (measureAutocorrelationInflation),
 * and the low end pays for tasks the recent ones cannot rule out (guardUnseenTasks). Each end then reaches at least as
 * far as the futures' own tail (widenToFutures, ADR 0037's third addendum): a regime the last 100 tasks met, or one
 * the last 20 are in and that ends, the last 20 alone cannot see. Coverage at 95%, 30 and 100 sessions ahead, 3,000
 * trials a cell (ADR 0037's table; headroom-coverage.slow.test.ts holds every family at 90% or more): i.i.d.
 * log-normal, Pareto alpha 1.2 to 2, logs AR(1) at 0.5 and 0.8, bursts, two kinds and fan-outs 95-99%; long regimes
 * of 10x and 5x sessions (runs of about 10, entered at 0.02 and 0.03) 91.2-95.3% (81-88% from the last 20 alone).
 */
export function estimateHeadroom(input: HeadroomInput): Headroom {
  const recent = input.tasks.slice(-RECENT_TASKS).filter((tokens) => tokens > 0);
  const n = recent.length;
  const mean = n === 0 ? 0 : recent.reduce((sum, tokens) => sum + tokens, 0) / n;
  const spread = n < 2 ? null : measureTaskSpread(recent, mean, input.confidence ?? 0.95);
  const history = input.tasks.slice(-HISTORY_TASKS).filter((tokens) => tokens > 0);
  const paths = n === 0 ? null : prepareTaskPaths(history);
  const tail = (1 - (input.confidence ?? 0.95)) / 2;
  const bars: BarHeadroom[] = (Object.keys(input.bars) as PricedBar[]).map((bar) => {
    const reading = input.bars[bar] as NonNullable<HeadroomInput['bars'][PricedBar]>;
    const base = { bar, used_pct: reading.used_pct, resets_at: reading.resets_at };
    if (n === 0) return { ...base, tasks: null, na: `no recent ${input.unit} with counted tokens` };
    const rate = reading.tokens_per_pct;
    if (rate === null) return { ...base, tasks: null, na: `its ${BAR_KINDS[bar].label} bar is not calibrated (tracker calibrate)` };
    const left = Math.max(0, 100 - reading.used_pct);
    // The tasks that fit in `tokens`, and how far they may stray either way.
    const margin = (tokens: number) =>
      spread === null ? null : spread.t * Math.sqrt((tokens * spread.variance) / mean ** 3 + (tokens / mean) ** 2 * spread.relative);
    const end = (tokens: number | null, sign: -1 | 1) => {
      const stray = tokens === null ? null : margin(tokens);
      return tokens === null || stray === null ? null : Math.max(0, tokens / mean + sign * stray);
    };
    const low = end(rate.low === null ? null : (left * rate.low) / guardUnseenTasks(n), -1);
    const high = end(rate.high === null ? null : left * rate.high, 1);
    const point = predictMedianTasks(paths as NonNullable<typeof paths>, left * rate.estimate);
    // Held inside the last 20's ends, as before the futures widened them: the point is the futures' median, and on
    // regimes of 10x it reads 1.15x the median that fits where those ends no longer hold it (1.12x held).
    const estimate = Math.min(Math.max(point, low ?? point), high ?? point);
    return { ...base, tasks: { estimate, ...widenToFutures(paths as NonNullable<typeof paths>, left, rate, tail, low, high) }, na: null };
  });
  const sized = bars.filter((bar) => bar.tasks !== null);
  const binding = [...sized].sort((a, b) => (a.tasks?.estimate ?? 0) - (b.tasks?.estimate ?? 0))[0] ?? null;
  const timed = bars.filter((bar) => bar.resets_at !== null).sort((a, b) => Date.parse(a.resets_at ?? '') - Date.parse(b.resets_at ?? ''));
  const first = timed[0] ?? null;
  return {
    provider: input.provider,
    unit: input.unit,
    recent: n,
    bars,
    binding: binding?.bar ?? null,
    resets_first: first !== null && binding !== null && first.bar !== binding.bar ? first.bar : null,
    line: describeHeadroom(input, binding, first, n),
  };
}

/** The recent tasks' variance, the mean's relative variance (the larger of two estimates), and Student's t. */
function measureTaskSpread(tasks: readonly number[], mean: number, confidence: number) {
  const n = tasks.length;
  const variance = tasks.reduce((sum, tokens) => sum + (tokens - mean) ** 2, 0) / (n - 1);
  const logs = tasks.map(Math.log);
  const logMean = logs.reduce((sum, value) => sum + value, 0) / n;
  const logVariance = logs.reduce((sum, value) => sum + (value - logMean) ** 2, 0) / (n - 1);
  const cox = logVariance / n + logVariance ** 2 / (2 * (n - 1));
  const inflation = measureAutocorrelationInflation(logs, logMean, logVariance);
  return {
    variance: variance * inflation,
    relative: Math.max(variance / (n * mean * mean), cox) * inflation,
    t: approximateStudentQuantile(1 - (1 - confidence) / 2, n - 1),
  };
}

/**
 * An end of the interval moved out to the futures' own tail quantile where that lies further: the low end to the count
 * that fits in 2.5% of futures (at 95%), the high end to the one 97.5% stay under. The futures resample the last 100
 * tasks in blocks as long as their runs, so they carry a regime of big tasks those 100 met (the last 20 alone may not
 * have), and that a regime the last 20 are in ends. They take the history's mean as the truth, which it is not when a
 * regime came once or twice in 100 tasks: the low end's futures run on the tokens left over the mean's upper bound at
 * the same level (1 + z x its relative standard error, the runs counted), as the guard does for the last 20.
 */
function widenToFutures(paths: TaskPaths, left: number, rate: Spread, p: number, low: number | null, high: number | null) {
  if (low === null && high === null) return { low, high };
  const highTokens = left * (rate.high ?? rate.estimate);
  const lowTokens = (left * (rate.low ?? rate.estimate)) / (1 + computeNormalUpperQuantile(p) * paths.meanError);
  const tails = predictTaskTails(paths, Math.min(lowTokens, highTokens), highTokens, p);
  return { low: low === null ? null : Math.min(low, tails.low), high: high === null ? null : Math.max(high, tails.high) };
}

/**
 * How much larger the mean task may be than the recent ones show: n tasks with none of a kind cannot rule out that
 * kind at a rate up to 3 / n (the rule of three, 95%), and tasks UNSEEN_TASK_SIZE times the mean at that rate raise it
 * by 1 + 3 (size - 1) / n (2.35 at 20 tasks). The low end is reckoned at that mean: a tail or a burst the recent tasks
 * never met is not evidence that none comes (as ADR 0034 for the experiment's decision).
 */
function guardUnseenTasks(n: number): number {
  return 1 + (3 * (UNSEEN_TASK_SIZE - 1)) / n;
}

/** The size, in mean tasks, of the tasks the low end guards against: Pareto alpha 1.2 needs 10 (6: 88.5% at 100 ahead). */
const UNSEEN_TASK_SIZE = 10;

function describeHeadroom(input: HeadroomInput, binding: BarHeadroom | null, first: BarHeadroom | null, n: number): string {
  if (binding?.tasks == null) {
    const reason =
      Object.keys(input.bars).length === 0
        ? 'no bar read in its current period'
        : n === 0
          ? `no recent ${input.unit} with counted tokens`
          : 'no bar calibrated (tracker calibrate)';
    return `${input.provider}: headroom n/a (${reason})`;
  }
  const tasks = binding.tasks;
  const range =
    tasks.low === null ? '' : ` [${formatCount(tasks.low)}, ${tasks.high === null ? 'no upper bound' : formatCount(tasks.high)}]`;
  const reset = binding.resets_at === null ? '' : ` (it resets ${binding.resets_at.slice(0, 16).replace('T', ' ')} UTC)`;
  const then = first !== null && first.bar !== binding.bar ? `; the ${BAR_KINDS[first.bar].title} one resets first` : '';
  return `${input.provider}: about ${formatCount(tasks.estimate)}${range} more ${input.unit}s like your last ${n} before the ${BAR_KINDS[binding.bar].title} window binds${reset}${then}`;
}

function formatCount(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}

/** The headroom on the bars a status line shows now, from a kept basis (no ledger read). */
export function reckonHeadroom(
  basis: HeadroomBasis,
  bars: Partial<Record<PricedBar, { used_pct: number; resets_at?: string | null }>>,
): Headroom {
  const read: HeadroomInput['bars'] = {};
  for (const bar of Object.keys(bars) as PricedBar[]) {
    const now = bars[bar];
    if (now && BAR_KINDS[bar]?.priced)
      read[bar] = { used_pct: now.used_pct, resets_at: now.resets_at ?? null, tokens_per_pct: basis.rates[bar] ?? null };
  }
  return estimateHeadroom({ provider: basis.provider, bars: read, tasks: basis.tasks, unit: basis.unit, confidence: basis.confidence });
}
