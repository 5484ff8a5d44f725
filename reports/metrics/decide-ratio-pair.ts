// One pair's decision on its ratio of work per dollar: the betting confidence sequence followed task by task (pure).
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { computeNormalUpperQuantile } from '../stats/group-sequential-normal.js';
import { addSequenceTask, createRatioSequence, readSequence, type SequenceRegions } from '../stats/ratio-sequence.js';
import type { RatioPair, RatioPairTask } from './pair-ratio-tasks.js';

export type PairOutcome = 'a-ahead' | 'b-ahead' | 'within-margin' | 'open' | 'n/a';

/** The pair after one more task: A's work per $ over B's, the sequence's interval, and the pair's state. */
export interface PairLook {
  n: number;
  ratio: number | null;
  /** The ratios still in the sequence, widened by the prices' calibration; null in the simulations' line form. */
  low: number | null;
  high: number | null;
  /** The anytime-valid p of "neither is ahead" (the smaller of the two sides'); null where not read. */
  p: number | null;
  /** The p a side needs to be decided: the pair's alpha less the share the prices' calibration takes. */
  threshold: number;
  basis: 'betting';
  /** Decided (at this look or before: for good), within the relevant difference, or open. */
  state: Exclude<PairOutcome, 'n/a'>;
}

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
  const relevant = rule.relevant_ratio;
  const regions: SequenceRegions = { up: widen, down: 1 / widen, marginLow: widen / relevant, marginHigh: relevant / widen };
  const lines = options.lines === true;
  const seq = createRatioSequence({
    alpha: threshold,
    scale: budget.a / budget.b,
    relevant,
    lines: lines ? [regions.down, regions.up, regions.marginLow, regions.marginHigh] : null,
  });
  const sums = new Float64Array(4);
  const capped = { a: 0, b: 0 };
  const looks: PairLook[] = [];
  let outcome: PairOutcome = 'open';
  let decidedAt: number | null = null;
  options.prepare?.(tasks.length === 0 ? 0 : 1);
  for (let i = 0; i < tasks.length; i += 1) {
    if (i > 0) options.prepare?.(i + 1);
    const task = tasks[i] as RatioPairTask;
    const cA = Math.min(1, task.cA / budget.a);
    const cB = Math.min(1, task.cB / budget.b);
    if (task.cA >= budget.a) capped.a += 1;
    if (task.cB >= budget.b) capped.b += 1;
    addSequenceTask(seq, task.qA, cA, task.qB, cB);
    sums[0] = (sums[0] as number) + task.qA;
    sums[1] = (sums[1] as number) + cA * budget.a;
    sums[2] = (sums[2] as number) + task.qB;
    sums[3] = (sums[3] as number) + cB * budget.b;
    const ratio = estimateRatio(sums);
    const read = readSequence(seq, regions);
    const toward = ratio ?? 1;
    if (decidedAt === null) {
      if (read.aOut && toward > (lines ? regions.up : 0)) [outcome, decidedAt] = ['a-ahead', i + 1];
      else if (read.bOut && toward < (lines ? regions.down : Number.POSITIVE_INFINITY)) [outcome, decidedAt] = ['b-ahead', i + 1];
      else outcome = read.within && (!lines || (toward > regions.marginLow && toward < regions.marginHigh)) ? 'within-margin' : 'open';
    }
    const last = i === tasks.length - 1;
    looks.push({
      n: i + 1,
      ratio,
      low: lines || read.low === null ? null : read.low / widen,
      high: lines || read.high === null ? null : read.high * widen,
      p: lines && !last ? null : Math.min(read.pA, read.pB),
      threshold,
      basis: 'betting',
      state: outcome as PairLook['state'],
    });
    if (options.stopAt === 'crossing' ? decidedAt !== null : options.stopAt === 'settled' && outcome !== 'open') break;
  }
  const ratio = estimateRatio(sums);
  const neither = sums[0] === 0 && sums[2] === 0;
  const described = { ...budget, registered: options.budget !== null, capped_a: capped.a, capped_b: capped.b };
  if (neither && options.stopAt === undefined)
    return { ...base, ratio: null, budget: described, outcome: 'n/a', na: 'neither did any correct work' };
  return { ...base, ratio, budget: described, last: looks.at(-1) ?? null, looks, outcome, decided_at: decidedAt, na: null };
}

/** (sum qA / sum cA) / (sum qB / sum cB): 0 or infinity where one side did no work, null where neither did or spent. */
function estimateRatio([qA, cA, qB, cB]: Float64Array): number | null {
  if (!((cA as number) > 0 && (cB as number) > 0) || ((qA as number) <= 0 && (qB as number) <= 0)) return null;
  if ((qB as number) <= 0) return Number.POSITIVE_INFINITY;
  return ((qA as number) / (cA as number)) * ((cB as number) / (qB as number));
}

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
