// One pair's group-sequential decision on its ratio of work per dollar: every scheduled look replayed in task order (pure).
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { boundRatioExactly } from '../stats/degenerate-ratio.js';
import { addRatioTask, createRatioMoments, type RatioMoments } from '../stats/ratio-moments.js';
import { readLeastLogSe, readPairedRatio } from '../stats/read-paired-ratio.js';
import { computeStudentTCdf } from '../stats/student-t.js';
import { computeUnseenTailFactor } from '../stats/unseen-tail.js';
import { findLookQuantile, scheduleLooks, type ScheduledLook } from './schedule-looks.js';
import type { RatioPair, RatioPairTask } from './pair-ratio-tasks.js';

export type PairOutcome = 'a-ahead' | 'b-ahead' | 'within-margin' | 'open' | 'n/a';

/** The pair at one look: A's work per $ over B's, its repeated interval, and the pair's state after it. */
export interface PairLook {
  n: number;
  ratio: number | null;
  low: number | null;
  high: number | null;
  /** The two-sided nominal p of the look's statistic (null without `detail`), and the p it needed (the boundary's level). */
  p: number | null;
  threshold: number;
  basis: 'delta-method' | 'exact-bound' | null;
  /** Decided (at this look or before: for good), within the relevant difference, or open. */
  state: Exclude<PairOutcome, 'n/a'>;
}

export interface PairDecision {
  a: string;
  b: string;
  /** Tasks both ran with a known cost; those left out. */
  tasks: number;
  unpaired: number;
  /** A's work per $ over B's on all those tasks (each side's sum of quality over its sum of dollars). */
  ratio: number | null;
  /** ln(ratio)'s SE: the tasks' (delta method) and both prices' calibration, together; null when degenerate. */
  log_se: number | null;
  /** The last look's repeated interval of the ratio, its p and the p it needed; null before the first look. */
  last: PairLook | null;
  looks: PairLook[];
  outcome: PairOutcome;
  /** Tasks at the look whose boundary the pair crossed; null when it has not. */
  decided_at: number | null;
  /** Why there is no decision to make (a price unknown, no work at all); null otherwise. */
  na: string | null;
}

/** How much decideRatioPair computes and reads: all of it by default, less for the power simulation's hot path. */
export interface DecideOptions {
  /**
   * False: the simulations' hot path, which reads each look's state alone: no p per look, and no interval (low and
   * high null) for an open look whose |ln R| / SE is below the smallest quantile its df could give, so that it could
   * neither cross nor settle: its own df's t quantile is not computed (115,000 of 117,000 a run's start needed).
   */
  detail?: boolean;
  /**
   * Stop reading at the first look that crossed a boundary (`crossing`) or left `open` (`settled`): what a simulated
   * run needs (estimate-ratio-power.ts). With `crossing` the outcome and `decided_at` are the whole decision's; with
   * `settled` they are the look's it stopped at (a run the runner ends there), which a later crossing of the whole
   * decision may overturn (within the margin settles for good only by stopping). Either way `ratio` and `log_se` are
   * of the tasks read, `looks` end at that look, and `tasks` still counts them all.
   */
  stopAt?: 'crossing' | 'settled';
  /** Called before the tasks up to `count` are read: a simulated run draws its tasks only as far as it reads them. */
  prepare?: (count: number) => void;
}

/**
 * Replays the looks the plan's rule schedules (after `first_look` tasks, every `look_every`) on the tasks in the
 * order they were complete. At a look on n tasks: ln R over the delta method's SE, widened by the two prices'
 * calibration SEs (common factors of every arm of a provider, independent of the tasks), read as Student t with
 * n - 1 df; it crosses when its two-sided p is at most the boundary's nominal level, the O'Brien-Fleming-type
 * Lan-DeMets spending of alpha_per_pair at fraction n / planned_tasks (group-sequential-boundaries.ts). Where the
 * delta method has no SE (a side that did no work, every task alike) the look bounds R exactly in quality
 * (degenerate-ratio.ts) at the same level. The first crossing decides the pair for good, as a trial stops at its
 * boundary; until then a look whose repeated interval lies within [1 / relevant_ratio, relevant_ratio] settles the
 * pair as no relevant difference (non-binding futility: it never adds to the error). After the planned tasks
 * nothing is left to spend, so the last planned look is the final answer.
 */
export function decideRatioPair(
  pair: RatioPair,
  rule: SequentialRuleSettings,
  calibrationSe: number,
  na: string | null,
  options: DecideOptions = {},
): PairDecision {
  const tasks = pair.tasks;
  const moments = createRatioMoments();
  const looks: PairLook[] = [];
  let decidedAt: number | null = null;
  let outcome: PairOutcome = 'open';
  let added = 0;
  for (const look of scheduleLooks(rule, tasks.length)) {
    options.prepare?.(look.n);
    while (added < look.n) addRatioTask(moments, tasks[added++] as RatioPairTask);
    const seen = readLook(moments, tasks, look, calibrationSe, options.detail === false ? rule.relevant_ratio : null, rule.tail_guard ?? 1);
    if (decidedAt === null) {
      if (seen.low !== null && seen.low > 1) [outcome, decidedAt] = ['a-ahead', look.n];
      else if (seen.high !== null && seen.high < 1) [outcome, decidedAt] = ['b-ahead', look.n];
      else outcome = isWithin(seen, rule.relevant_ratio) ? 'within-margin' : 'open';
    }
    // Fields, not a spread: a simulation makes a look a task of every run (the spread was a fifth of `experiment
    // plan`'s CPU: 3.5 s against 2.8 s, seed 42, four providers).
    const state = outcome as PairLook['state'];
    looks.push({
      n: seen.n,
      ratio: seen.ratio,
      low: seen.low,
      high: seen.high,
      p: seen.p,
      threshold: seen.threshold,
      basis: seen.basis,
      state,
    });
    if (options.stopAt === 'crossing' ? decidedAt !== null : options.stopAt === 'settled' && outcome !== 'open') break;
  }
  // A run that stopped early never reads its later tasks. They cannot make it n/a: a look that settled saw work and
  // dollars above 0, and sums of tasks only grow.
  if (options.stopAt === undefined) {
    options.prepare?.(tasks.length);
    while (added < tasks.length) addRatioTask(moments, tasks[added++] as RatioPairTask);
  }
  const all = readPairedRatio(moments);
  const base = { a: pair.a, b: pair.b, tasks: tasks.length, unpaired: pair.unpaired, ratio: all.ratio };
  const logSe = all.log_se === null ? null : Math.hypot(all.log_se, calibrationSe);
  const blank = { ...base, log_se: logSe, last: null, looks: [], decided_at: null };
  if (na !== null) return { ...blank, ratio: null, log_se: null, outcome: 'n/a', na };
  if (all.degenerate === 'no-cost' || all.degenerate === 'no-work')
    return { ...blank, outcome: 'n/a', na: all.degenerate === 'no-work' ? 'neither did any correct work' : 'neither spent anything' };
  return { ...base, log_se: logSe, last: looks.at(-1) ?? null, looks, outcome, decided_at: decidedAt, na: null };
}

function readLook(
  moments: RatioMoments,
  tasks: readonly RatioPairTask[],
  look: ScheduledLook,
  calibrationSe: number,
  /** The relevant ratio where only the state is wanted (detail false); null for the whole look. */
  statesOnly: number | null,
  tailGuard: number,
): Omit<PairLook, 'state'> {
  // The guard only widens, so a look ruled out before it (below) stays ruled out with it.
  const unseen = computeUnseenTailFactor(look.n, tailGuard);
  if (statesOnly !== null && Number.isFinite(look.critical)) {
    // Most simulated looks are open whatever their floors and df: seen from the sample's own SE (the floors only
    // widen it), they are ruled out before the floors, the kurtosis and the quantile are read.
    const least = readLeastLogSe(moments);
    if (least !== null && !canSettle(least.log_ratio, Math.hypot(least.se, calibrationSe), look.quantile, statesOnly))
      return {
        n: look.n,
        ratio: Math.exp(least.log_ratio),
        low: null,
        high: null,
        p: null,
        threshold: look.nominalAlpha,
        basis: 'delta-method',
      };
  }
  const r = readPairedRatio(moments);
  const make = (low: number | null, high: number | null, p: number | null, basis: PairLook['basis']) => ({
    n: look.n,
    ratio: r.ratio,
    low,
    high,
    p,
    threshold: look.nominalAlpha,
    basis,
  });
  if (r.degenerate === 'no-cost' || r.degenerate === 'no-work' || !Number.isFinite(look.critical)) return make(null, null, null, null);
  if (r.log_se === null || r.log_ratio === null) {
    // Degenerate: exact in quality, widened by the prices' calibration at the look's own level.
    const bound = boundRatioExactly(tasks.slice(0, look.n), look.nominalAlpha);
    const widen = Math.exp(look.critical * calibrationSe) * unseen;
    return make(bound.low / widen, bound.high * widen, null, 'exact-bound');
  }
  const se = Math.hypot(r.log_se, calibrationSe);
  if (statesOnly !== null && !canSettle(r.log_ratio, se, look.quantile, statesOnly)) return make(null, null, null, 'delta-method');
  const p = statesOnly === null ? 2 * (1 - computeStudentTCdf(Math.abs(r.log_ratio / se), r.df)) : null;
  const half = findLookQuantile(look, r.df) * se;
  return make(Math.exp(r.log_ratio - half) / unseen, Math.exp(r.log_ratio + half) * unseen, p, 'delta-method');
}

/**
 * Whether a look could cross (|ln R| / SE above its quantile) or settle (|ln R| + quantile x SE within ln relevant)
 * with any df: the quantile at n - 1 df is the smallest a look uses (findLookQuantile takes fewer df, never more), so
 * below it on both counts the look is open whatever its df. A hair of slack keeps rounding from ruling a tie out.
 */
function canSettle(logRatio: number, se: number, smallest: number, relevant: number): boolean {
  const reach = smallest * (1 - 1e-9) * se;
  return Math.abs(logRatio) >= reach || Math.log(relevant) - Math.abs(logRatio) >= reach;
}

function isWithin(look: Pick<PairLook, 'low' | 'high'>, relevant: number): boolean {
  return look.low !== null && look.high !== null && look.low >= 1 / relevant && look.high <= relevant;
}
