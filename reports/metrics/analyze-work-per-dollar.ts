// The one estimand: each provider's correct work per dollar (sum of quality over sum of dollars), every pair decided by the plan's rule (pure).
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { summarizeRatioOfSums } from '../stats/ratio-of-sums.js';
import { computeStudentTQuantile } from '../stats/student-t.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { decideRatioPair, type PairDecision } from './decide-ratio-pair.js';
import { pairRatioTasks, readCost } from './pair-ratio-tasks.js';
import type { ProviderCalibration } from './price-window-metrics.js';
import { summarizeTypicalTask, type TypicalTask } from './summarize-typical-task.js';

export interface ProviderWork {
  provider: string;
  /** Tasks with a known cost, and those left out for want of one. */
  tasks: number;
  unpriced: number;
  /**
   * Sum of quality over those tasks, and of their dollars (or of the bar's own unit); where the price is unknown, the
   * quality of every task it ran and dollars null: an unknown cost is never $0.
   */
  work: number;
  dollars: number | null;
  /** List-price dollars of its own requests over its tasks (the proxy's count), priced or not; null when none was counted. */
  list_usd: number | null;
  /** work / dollars; null when it cannot be computed honestly (`na` says why). */
  ratio: number | null;
  /** A (1 - alpha) interval: the tasks' delta-method SE and the price's calibration together. */
  low: number | null;
  high: number | null;
  na: string | null;
}

export interface WorkPerDollar {
  unit: 'usd' | 'bars';
  method: string;
  /** The most tasks any pair has. */
  tasks: number;
  providers: ProviderWork[];
  pairs: PairDecision[];
  /** The provider decided ahead of every other one; null when none is. */
  leader: string | null;
  /** The provider with the most work per dollar, and those not decided behind it. */
  best: string | null;
  not_behind_best: string[];
  na: string | null;
  /** Secondary, never the decision: who wins the typical task, per pair, and the two factors of its ratio. */
  typical: TypicalTask[];
}

export const WORK_PER_DOLLAR_METHOD =
  "each provider's correct work per dollar (sum of quality over sum of dollars, failures' dollars included, each arm capped at its task budget); each pair by the ratio of the two on the tasks both ran, followed task by task in an exact anytime-valid confidence sequence by betting at alpha / pairs, the prices' calibration taking a tenth of it";

/**
 * Task-level windows (epochs already reduced) of the plan's providers. A provider whose price is unknown (its
 * calibration says why) has no ratio, and every pair with it is n/a with that reason: never a ratio built on $0.
 */
export function analyzeWorkPerDollar(
  windows: readonly WindowMetrics[],
  options: {
    providers: readonly string[];
    unit: 'usd' | 'bars';
    rule: SequentialRuleSettings;
    calibrations: readonly ProviderCalibration[];
    alpha: number;
    /** Each provider's task budget in the windows' cost unit (resolveBudgetCaps); null when the plan registered none. */
    budgets: ReadonlyMap<string, number> | null;
  },
): WorkPerDollar {
  const { providers, unit, rule } = options;
  const calibration = new Map(options.calibrations.map((c) => [c.provider, c]));
  const unknown = (provider: string): string | null => {
    const c = calibration.get(provider);
    return unit === 'usd' && c && c.usd_per_list_usd === null ? c.unknown_reason : null;
  };
  const calSe = (provider: string): number => (unit === 'usd' ? (calibration.get(provider)?.usd_per_list_usd?.log_se ?? 0) : 0);
  const summaries = providers.map((provider) => summarizeProvider(windows, provider, calSe(provider), unknown(provider), options.alpha));
  const taskPairs = pairRatioTasks(windows, providers);
  const pairs = taskPairs.map((pair) => {
    const a = options.budgets?.get(pair.a);
    const b = options.budgets?.get(pair.b);
    return decideRatioPair(pair, rule, {
      calibrationSe: Math.hypot(calSe(pair.a), calSe(pair.b)),
      na: unknown(pair.a) ?? unknown(pair.b),
      budget: a !== undefined && b !== undefined ? { a, b } : null,
    });
  });
  const typical = taskPairs.map(summarizeTypicalTask);
  const tasks = Math.max(0, ...pairs.map((pair) => pair.tasks));
  const base = { unit, method: WORK_PER_DOLLAR_METHOD, tasks, providers: summaries, pairs, typical };
  if (providers.length < 2)
    return {
      ...base,
      leader: null,
      best: null,
      not_behind_best: [],
      na: 'fewer than two providers have windows on named tasks (`--feature`)',
    };
  const known = summaries.filter((s) => s.ratio !== null);
  const best = known.length === 0 ? null : known.reduce((x, y) => ((y.ratio as number) > (x.ratio as number) ? y : x)).provider;
  const beats = (who: string, other: string): boolean =>
    pairs.some(
      (p) => (p.a === who && p.b === other && p.outcome === 'a-ahead') || (p.b === who && p.a === other && p.outcome === 'b-ahead'),
    );
  const notBehind = best === null ? [] : providers.filter((p) => p !== best && !beats(best, p));
  const leader = providers.find((who) => providers.every((other) => other === who || beats(who, other))) ?? null;
  const na = pairs.every((p) => p.ratio === null)
    ? (pairs.find((p) => p.na)?.na ?? 'no pair of providers has a task both ran with a known cost')
    : null;
  return { ...base, leader, best, not_behind_best: notBehind, na };
}

function summarizeProvider(
  windows: readonly WindowMetrics[],
  provider: string,
  calibrationSe: number,
  unknown: string | null,
  alpha: number,
): ProviderWork {
  const own = windows.filter((w) => w.provider === provider && w.feature_id !== null);
  const priced = own.filter((w) => readCost(w) !== null);
  const summary = summarizeRatioOfSums(
    priced.map((w) => w.quality),
    priced.map((w) => readCost(w) as number),
  );
  const listed = own.filter((w) => w.cost_usd !== null);
  const list = listed.length === 0 ? null : listed.reduce((sum, w) => sum + (w.cost_usd as number), 0);
  const base = {
    provider,
    tasks: priced.length,
    unpriced: own.length - priced.length,
    work: summary.work,
    dollars: summary.dollars,
    list_usd: list,
  };
  if (unknown !== null) {
    const work = own.reduce((sum, w) => sum + w.quality, 0);
    return { ...base, tasks: own.length, unpriced: own.length, work, dollars: null, ratio: null, low: null, high: null, na: unknown };
  }
  if (summary.ratio === null)
    return { ...base, ratio: null, low: null, high: null, na: priced.length === 0 ? 'no task with a known cost' : 'it spent nothing' };
  if (summary.log_se === null)
    return { ...base, ratio: summary.ratio, low: null, high: null, na: summary.work <= 0 ? null : 'ci=n/a (fewer than 3 tasks)' };
  const se = Math.hypot(summary.log_se, calibrationSe);
  const q = computeStudentTQuantile(1 - alpha / 2, summary.df);
  const log = Math.log(summary.ratio);
  return { ...base, ratio: summary.ratio, low: Math.exp(log - q * se), high: Math.exp(log + q * se), na: null };
}
