// One pair's sequence followed task by task, with what each look says: the state a decision resumes from (pure).
import { addSequenceTask, createRatioSequence, readSequence, type RatioSequence, type SequenceRegions } from '../stats/ratio-sequence.js';
import type { RatioPairTask } from './pair-ratio-tasks.js';

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

export interface PairFollow {
  seq: RatioSequence;
  regions: SequenceRegions;
  budget: { a: number; b: number };
  widen: number;
  threshold: number;
  lines: boolean;
  /**
   * Capped sums: qA, cA, qB, cB (dollars); arms at their budget; tasks read; and (the whole grid only, which a decision
   * resumes) every task read so far as qA, cA, qB, cB.
   */
  sums: Float64Array;
  capped: { a: number; b: number };
  count: number;
  read: number[];
  looks: PairLook[];
  outcome: PairOutcome;
  decidedAt: number | null;
}

export function startFollow(settings: {
  alpha: number;
  relevant: number;
  budget: { a: number; b: number };
  widen: number;
  threshold: number;
  lines: boolean;
}): PairFollow {
  const { relevant, widen, lines } = settings;
  const regions: SequenceRegions = { up: widen, down: 1 / widen, marginLow: widen / relevant, marginHigh: relevant / widen };
  return {
    seq: createRatioSequence({
      alpha: settings.threshold,
      scale: settings.budget.a / settings.budget.b,
      relevant,
      // Without a price to widen them, up and down are the same line: follow it once.
      lines: lines ? [...new Set([regions.marginLow, regions.down, regions.up, regions.marginHigh])] : null,
    }),
    regions,
    budget: settings.budget,
    widen,
    threshold: settings.threshold,
    lines,
    sums: new Float64Array(4),
    capped: { a: 0, b: 0 },
    count: 0,
    read: [],
    looks: [],
    outcome: 'open',
    decidedAt: null,
  };
}

/** Whether `tasks` begin with the tasks `follow` has read (same values, same order): it can go on from there. */
export function canResume(follow: PairFollow, tasks: readonly RatioPairTask[]): boolean {
  const read = follow.read;
  if (follow.lines || tasks.length < read.length / 4) return false;
  for (let i = 0; i < read.length / 4; i += 1) {
    const t = tasks[i] as RatioPairTask;
    if (t.qA !== read[4 * i] || t.cA !== read[4 * i + 1] || t.qB !== read[4 * i + 2] || t.cB !== read[4 * i + 3]) return false;
  }
  return true;
}

/**
 * One more task (its arms' dollars over their budgets, clipped at 1: an arm stopped at its budget costs it) and the
 * look after it. A side is ahead once its region is out (the lines: its line, and the estimate past it); the first such
 * look decides the pair for good; a look within the relevant difference settles it until then (non-binding). The lines
 * keep a look only where the state changes and at `last` (a simulated run reads nothing else: a look a task was a
 * tenth of the power searches' time).
 */
export function stepFollow(follow: PairFollow, task: RatioPairTask, last: boolean): void {
  const { budget, regions, lines, sums } = follow;
  follow.count += 1;
  if (!lines) follow.read.push(task.qA, task.cA, task.qB, task.cB);
  const cA = Math.min(1, task.cA / budget.a);
  const cB = Math.min(1, task.cB / budget.b);
  if (task.cA >= budget.a) follow.capped.a += 1;
  if (task.cB >= budget.b) follow.capped.b += 1;
  addSequenceTask(follow.seq, task.qA, cA, task.qB, cB);
  sums[0] = (sums[0] as number) + task.qA;
  sums[1] = (sums[1] as number) + cA * budget.a;
  sums[2] = (sums[2] as number) + task.qB;
  sums[3] = (sums[3] as number) + cB * budget.b;
  const ratio = estimateRatio(sums);
  const read = readSequence(follow.seq, regions);
  const toward = ratio ?? 1;
  const n = follow.count;
  const before = follow.outcome;
  if (follow.decidedAt === null) {
    if (read.aOut && toward > (lines ? regions.up : 0)) [follow.outcome, follow.decidedAt] = ['a-ahead', n];
    else if (read.bOut && toward < (lines ? regions.down : Number.POSITIVE_INFINITY)) [follow.outcome, follow.decidedAt] = ['b-ahead', n];
    else follow.outcome = read.within && (!lines || (toward > regions.marginLow && toward < regions.marginHigh)) ? 'within-margin' : 'open';
  }
  if (lines && !last && follow.outcome === before) return;
  follow.looks.push({
    n,
    ratio,
    low: lines || read.low === null ? null : read.low / follow.widen,
    high: lines || read.high === null ? null : read.high * follow.widen,
    p: lines && !last ? null : Math.min(read.pA, read.pB),
    threshold: follow.threshold,
    basis: 'betting',
    state: follow.outcome as PairLook['state'],
  });
}

/** (sum qA / sum cA) / (sum qB / sum cB): infinity where B did no work, null where neither did or a side spent nothing. */
export function estimateRatio([qA, cA, qB, cB]: Float64Array): number | null {
  if (!((cA as number) > 0 && (cB as number) > 0) || ((qA as number) <= 0 && (qB as number) <= 0)) return null;
  if ((qB as number) <= 0) return Number.POSITIVE_INFINITY;
  return ((qA as number) / (cA as number)) * ((cB as number) / (qB as number));
}
