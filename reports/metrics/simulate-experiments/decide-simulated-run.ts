// One simulated experiment through the plan's decision: every pair's looks as its tasks complete, the runner's early stop, the leader (pure).
import type { SequentialRuleSettings } from '../../../ledger/schemas/index.js';
import { compareRatios, type ShapeTruth } from './compute-shape-truth.js';
import type { SimulatedExperiment } from './draw-experiment.js';
import { decideRatioPair, type PairLook } from '../decide-ratio-pair.js';

export interface SimulatedDecision {
  /** Some pair decided in a direction the truth does not hold (either way when the two are equal). */
  falseClaim: boolean;
  /** The providers some pair named ahead of one they are not ahead of (which side the false claims take). */
  falselyAhead: number[];
  /** The leader named (decided ahead of every other) is not truly ahead of every other; false when none is named. */
  falseLeader: boolean;
  /** Index of the provider named leader, or null. */
  leader: number | null;
  /** The runner stopped before the plan's last arm. */
  stoppedEarly: boolean;
  /** The most tasks any pair had at the decision (analyzeWorkPerDollar's `tasks`), and the arms run by then. */
  tasks: number;
  armsRun: number;
  /** Pairs decided either way, and pairs settled as no relevant difference, at the decision. */
  decidedPairs: number;
  withinPairs: number;
  /** Each pair's state at the decision, in the experiment's pair order ('open' also for a pair with no work at all). */
  states: State[];
}

type State = PairLook['state'];

/**
 * The runner checks the stop rule after every arm (checkRunStop): a pair's state changes only at its own looks (every
 * task it completes, read in the sequence's line form unless `form` asks for the runner's whole grid, with the shape's
 * task budgets when it has them),
 * each reached with the arm that completes its n-th task, and the run stops once one provider is decided ahead of
 * every other, or every pair is settled (decided
 * at a boundary or within the relevant difference: decidePlanStop's isSettled). The answer is the pairs' states
 * then, or after the last arm; the leader is the provider decided ahead of every other (analyzeWorkPerDollar).
 * A false claim: any pair decided against the truth, which for two equal providers is any decision at all.
 */
export function decideSimulatedRun(
  experiment: SimulatedExperiment,
  rule: SequentialRuleSettings,
  truth: ShapeTruth,
  budgets: readonly number[] | null,
  form: 'lines' | 'grid' = 'lines',
): SimulatedDecision {
  const pairs = experiment.pairs;
  const events: { at: number; pair: number; look: PairLook }[] = [];
  pairs.forEach((pair, index) => {
    const budget = budgets ? { a: budgets[pair.a] as number, b: budgets[pair.b] as number } : null;
    const decision = decideRatioPair({ a: 'A', b: 'B', unpaired: 0, tasks: pair.tasks }, rule, {
      calibrationSe: 0,
      na: null,
      budget,
      lines: form === 'lines',
    });
    for (const look of decision.looks) events.push({ at: pair.completedAt[look.n - 1] as number, pair: index, look });
  });
  events.sort((x, y) => x.at - y.at || x.pair - y.pair);
  const states: State[] = pairs.map(() => 'open');
  const providers = truth.ratio.length;
  const beats = (who: number, other: number): boolean =>
    pairs.some(
      (pair, i) =>
        (pair.a === who && pair.b === other && states[i] === 'a-ahead') || (pair.b === who && pair.a === other && states[i] === 'b-ahead'),
    );
  const findLeader = (): number | undefined =>
    Array.from({ length: providers }, (_, p) => p).find((who) =>
      Array.from({ length: providers }, (_, o) => o).every((other) => other === who || beats(who, other)),
    );
  let stopAt: number | null = null;
  for (let e = 0; e < events.length; e += 1) {
    const event = events[e] as (typeof events)[number];
    states[event.pair] = event.look.state;
    const lastOfArm = e + 1 === events.length || (events[e + 1] as (typeof events)[number]).at !== event.at;
    // decidePlanStop: every pair settled, or one provider decided ahead of every other.
    if (rule.rule !== 'none' && lastOfArm && (states.every((state) => state !== 'open') || findLeader() !== undefined)) {
      stopAt = event.at;
      break;
    }
  }
  const armsRun = stopAt === null ? experiment.arms : stopAt + 1;
  const tasks = Math.max(0, ...pairs.map((pair) => countAtOrBefore(pair.completedAt, armsRun - 1)));
  const leaderIndex = findLeader();
  const leader = leaderIndex ?? null;
  const falselyAhead = new Set<number>();
  pairs.forEach((pair, i) => {
    const state = states[i];
    const sign = compareRatios(truth.ratio[pair.a] as number, truth.ratio[pair.b] as number);
    if (state === 'a-ahead' && sign !== 1) falselyAhead.add(pair.a);
    if (state === 'b-ahead' && sign !== -1) falselyAhead.add(pair.b);
  });
  return {
    falseClaim: falselyAhead.size > 0,
    falselyAhead: [...falselyAhead].sort((x, y) => x - y),
    falseLeader: leader !== null && leader !== truth.leader,
    leader,
    stoppedEarly: armsRun < experiment.arms,
    tasks,
    armsRun,
    decidedPairs: states.filter((state) => state === 'a-ahead' || state === 'b-ahead').length,
    withinPairs: states.filter((state) => state === 'within-margin').length,
    states,
  };
}

/** How many of the sorted `values` are at most `limit`. */
function countAtOrBefore(values: readonly number[], limit: number): number {
  let count = 0;
  while (count < values.length && (values[count] as number) <= limit) count += 1;
  return count;
}
