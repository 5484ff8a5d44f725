// One pair's decision on its ratio of work per dollar: the betting confidence sequence followed task by task (pure).
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { computeNormalUpperQuantile } from '../stats/normal-tail.js';
import {
  canResume,
  estimateRatio,
  type PairFollow,
  type PairLook,
  type PairOutcome,
  startFollow,
  stepFollow,
} from './follow-pair-sequence.js';
import type { RatioPair, RatioPairTask } from './pair-ratio-tasks.js';

export type { PairLook, PairOutcome } from './follow-pair-sequence.js';

export interface PairDecision {
  a: string;
  b: string;
  /** Tasks both ran with a known cost; those left out. */
  tasks: number;
  unpaired: number;
  /** A's work per $ over B's on those tasks, each arm's dollars capped at its task budget. */
  ratio: number | null;
  /** Each side's task budget in the tasks' cost unit, whether the plan registered it, and the arms that reached it. */
  budget: { a: number; b: number; registered: boolean; capped_a: number; capped_b: number } | null;
  last: PairLook | null;
  looks: PairLook[];
  outcome: PairOutcome;
  /** Tasks at the look that decided the pair; null when none has. */
  decided_at: number | null;
  /** Why there is no decision to make (a price unknown, no work at all); null otherwise. */
  na: string | null;
}

export interface DecideOptions {
  /** SD of ln(price A / price B)'s calibration error: it takes PRICE_SHARE of the pair's alpha and widens the interval. */
  calibrationSe: number;
  /** Why the pair cannot be decided (a price unknown); null when it can. */
  na: string | null;
  /** The task budgets in the tasks' cost unit; null: none registered, each side bounded by its dearest arm (said so). */
  budget: { a: number; b: number } | null;
  /** The simulations' form: only the decision's lines (see below); no interval, p only at the end. */
  lines?: boolean;
  /** Stop at the first decided (`crossing`) or settled (`settled`) look: what a simulated run reads. */
  stopAt?: 'crossing' | 'settled';
  /** Called before the tasks up to `count` are read: a simulated run draws its tasks only as far as it reads them. */
  prepare?: (count: number) => void;
}

/** The share of a pair's alpha the prices' calibration takes when it is uncertain (a normal interval on its log). */
export const PRICE_SHARE = 0.1;

/**
 * Every task, in the order the pair completed it, joins the pair's confidence sequence (ratio-sequence.ts) with its
 * arms' dollars over their task budgets (clipped at 1: an arm stopped at its budget costs it); each look reads it. A
 * side is ahead once every ratio up to 1 (down to 1 for B) is out, the prices' calibration widening that edge by
 * exp(z sigma); the first such look decides the pair for good. A look whose sequence lies within the relevant
 * difference settles the pair as no relevant difference (non-binding: it never adds error). The simulations' `lines`
 * form follows only the lines at the regions' edges and takes a side when its edge's line is out and the estimate is
 * past it: the same decision unless the sequence splits in two (ADR 0041 measures how often the two agree).
 */
export function decideRatioPair(pair: RatioPair, rule: SequentialRuleSettings, options: DecideOptions): PairDecision {
  const tasks = pair.tasks;
  const base = { a: pair.a, b: pair.b, tasks: tasks.length, unpaired: pair.unpaired, last: null, looks: [], decided_at: null };
  if (options.na !== null) return { ...base, ratio: null, budget: null, outcome: 'n/a', na: options.na };
  const budget = options.budget ?? findDearest(tasks);
  if (!(budget.a > 0 && budget.b > 0) || tasks.length === 0)
    return { ...base, ratio: null, budget: null, outcome: 'n/a', na: 'neither spent anything' };
  const z = options.calibrationSe > 0 ? computeNormalUpperQuantile((PRICE_SHARE * rule.alpha_per_pair) / 2) : 0;
  const widen = Math.exp(z * options.calibrationSe);
  const threshold = options.calibrationSe > 0 ? rule.alpha_per_pair * (1 - PRICE_SHARE) : rule.alpha_per_pair;
  const settings = { alpha: threshold, relevant: rule.relevant_ratio, budget, widen, threshold, lines: options.lines === true };
  // The runner asks after every arm, the report again: the whole grid resumes from the tasks it read last time.
  const memo = settings.lines || options.stopAt || options.prepare ? null : `${pair.a}|${pair.b}|${JSON.stringify(settings)}`;
  const known = memo === null ? undefined : FOLLOWED.get(memo);
  const follow = known && canResume(known, tasks) ? known : startFollow(settings);
  if (memo !== null) {
    FOLLOWED.delete(memo);
    FOLLOWED.set(memo, follow);
    if (FOLLOWED.size > KEPT_FOLLOWS) FOLLOWED.delete(FOLLOWED.keys().next().value as string);
  }
  // A run stops where its state changes (decided, or settled): a look every form keeps.
  for (let i = follow.count; i < tasks.length; i += 1) {
    options.prepare?.(i + 1);
    stepFollow(follow, tasks[i] as RatioPairTask, i === tasks.length - 1);
    if (options.stopAt === 'crossing' ? follow.decidedAt !== null : options.stopAt === 'settled' && follow.outcome !== 'open') break;
  }
  const { sums, capped, looks } = follow;
  const ratio = estimateRatio(sums);
  const neither = sums[0] === 0 && sums[2] === 0;
  const described = { ...budget, registered: options.budget !== null, capped_a: capped.a, capped_b: capped.b };
  if (neither && options.stopAt === undefined)
    return { ...base, ratio: null, budget: described, outcome: 'n/a', na: 'neither did any correct work' };
  return {
    ...base,
    ratio,
    budget: described,
    last: looks.at(-1) ?? null,
    looks: [...looks],
    outcome: follow.outcome,
    decided_at: follow.decidedAt,
    na: null,
  };
}

/**
 * The whole-grid sequences followed so far, by pair and settings, most recent last: `experiment run` asks after every
 * arm, and without this each ask replayed every task (a grid sequence costs a few ms a task: a 1,000-task run would
 * spend most of its time there). About 2 MB each.
 */
const FOLLOWED = new Map<string, PairFollow>();
const KEPT_FOLLOWS = 16;

/** With no registered budget, each side's dearest arm: a bound only after the fact (the report says so). */
function findDearest(tasks: readonly RatioPairTask[]): { a: number; b: number } {
  let a = 0;
  let b = 0;
  for (const task of tasks) {
    if (task.cA > a) a = task.cA;
    if (task.cB > b) b = task.cB;
  }
  return { a, b };
}
