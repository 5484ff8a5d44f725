// A cell of the decision's design check: R seeded experiments of one shape, k providers and N planned tasks, through the plan's rule (pure).
import { AppError } from '../../../kernel/index.js';
import { buildSequentialRule, ANALYSIS_DEFAULTS, type SequentialRuleSettings } from '../../../ledger/schemas/index.js';
import {
  computeMonteCarloMean,
  computeWilsonInterval,
  MONTE_CARLO_CONFIDENCE,
  type MonteCarloMean,
  type RateInterval,
} from '../../stats/monte-carlo-intervals.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { buildShapeModel, describeShape, type ShapeModel } from './build-shape-model.js';
import { capShapeModel } from './cap-shape-model.js';
import { computeShapeTruth, type ShapeTruth } from './compute-shape-truth.js';
import { checkCarryOver } from '../check-carry-over.js';
import { decideSimulatedRun } from './decide-simulated-run.js';
import { drawExperiment, prepareShape, type SimulatedPair } from './draw-experiment.js';

export interface DecisionCellRequest {
  /** A named shape or a family spec (build-tail-families.ts). */
  shape: string;
  providers: number;
  tasks: number;
  runs: number;
  seed: string;
  /** The plan's alpha (default 0.05), spent over the k(k-1)/2 pairs as buildSequentialRule registers it. */
  alpha?: number;
  /** False: the plan registered no early stop (`--no-stop-rules`): one look, at the planned tasks. Default true. */
  stopRules?: boolean;
  /**
   * Each provider's task budget as a multiple of its passed arm's mean cost (cap-shape-model.ts): arms past it are
   * stopped there, failures; the shape's truth is re-measured under it. Default DEFAULT_BUDGET_MULTIPLE.
   */
  budgetMultiple?: number;
}

/** The design the issue measured the betting sequence on: each arm capped at 5 times a solved arm's cost. */
export const DEFAULT_BUDGET_MULTIPLE = 5;

export interface DecisionCell {
  shape: string;
  description: string;
  providers: number;
  tasks: number;
  runs: number;
  seed: string;
  /** The seed of the cell's random stream: seed, shape, providers and tasks, so cells never share draws. */
  stream: string;
  alpha: number;
  rule: SequentialRuleSettings;
  /** Each provider's task budget as a multiple of its passed arm's mean cost. */
  budgetMultiple: number;
  model: ShapeModel;
  truth: ShapeTruth;
  /** Some pair decided against the truth (a provider named ahead that is not). */
  falseClaims: RateInterval;
  /** Per provider (A first): runs in which some pair named it ahead of a provider it is not ahead of. */
  falselyAhead: RateInterval[];
  /** A leader named that is not truly ahead of every other. */
  falseLeader: RateInterval;
  /** The truly leading provider named leader; null when no provider leads. */
  power: RateInterval | null;
  earlyStops: RateInterval;
  /** Runs in which the report's carry-over check on A vs B (check-carry-over.ts, at alpha) found carry-over on the tasks run. */
  carryOverFound: RateInterval;
  /** Most tasks any pair had at the decision, and the share of the plan's arms run by then. */
  meanTasks: MonteCarloMean;
  meanArmsShare: number;
  /** Mean pairs decided either way, and settled as no relevant difference, at the decision. */
  meanDecidedPairs: number;
  meanWithinPairs: number;
  /** The binomial SE of a rate of exactly alpha over these runs: sqrt(alpha (1 - alpha) / runs). */
  monteCarloSe: number;
  /** The false claims exceed alpha by more than 3 Monte Carlo SEs. */
  exceedsAlpha: boolean;
  monteCarloConfidence: number;
}

/**
 * Every run draws an experiment of the shape (drawExperiment) and decides it as `experiment run` and the report do
 * (decideSimulatedRun: decideRatioPair's looks per pair, the runner's stop, the leader), with the rule the plan
 * registers for k providers and N planned tasks at the default relevant difference. Seeded: the same request
 * gives the same figures on every machine, and with or without stop rules the same experiments (a paired check).
 */
export function simulateDecisionCell(request: DecisionCellRequest): DecisionCell {
  const { shape, providers, tasks, runs, seed } = request;
  const alpha = request.alpha ?? ANALYSIS_DEFAULTS.alpha;
  if (!(Number.isInteger(tasks) && tasks >= 2))
    throw new AppError('BAD_USAGE', `expected a whole number >= 2, got ${tasks}`, { where: '--tasks' });
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new AppError('BAD_USAGE', `expected a whole number >= 1, got ${runs}`, { where: '--runs' });
  if (!(alpha > 0 && alpha < 1)) throw new AppError('BAD_USAGE', `expected a number between 0 and 1, got ${alpha}`, { where: '--alpha' });
  const multiple = request.budgetMultiple ?? DEFAULT_BUDGET_MULTIPLE;
  if (!(multiple >= 1 && multiple <= 1000))
    throw new AppError('BAD_USAGE', `expected a number from 1 to 1000, got ${multiple}`, { where: '--budget-multiple' });
  const model = capShapeModel(buildShapeModel(shape, providers), multiple);
  const truth = computeShapeTruth(model);
  const rule = buildSequentialRule({
    providers,
    alpha,
    minEffect: ANALYSIS_DEFAULTS.min_effect,
    plannedTasks: tasks,
    enabled: request.stopRules ?? true,
  });
  const prepared = prepareShape(model);
  const stream = `${seed}/${shape}/${providers}/${tasks}`;
  const random = createSeededRandom(stream);
  let falseClaims = 0;
  let falseLeader = 0;
  let named = 0;
  let early = 0;
  let arms = 0;
  let decided = 0;
  let within = 0;
  let carried = 0;
  const used: number[] = [];
  const wrongSide = Array.from({ length: providers }, () => 0);
  for (let run = 0; run < runs; run += 1) {
    const experiment = drawExperiment(prepared, tasks, random);
    const decision = decideSimulatedRun(experiment, rule, truth, model.budgets ?? null);
    if (decision.falseClaim) falseClaims += 1;
    for (const p of decision.falselyAhead) wrongSide[p] = (wrongSide[p] as number) + 1;
    if (decision.falseLeader) falseLeader += 1;
    if (truth.leader !== null && decision.leader === truth.leader) named += 1;
    if (decision.stoppedEarly) early += 1;
    arms += decision.armsRun / experiment.arms;
    decided += decision.decidedPairs;
    within += decision.withinPairs;
    used.push(decision.tasks);
    if (findCarryOver(experiment.pairs[0], decision.tasks, alpha)) carried += 1;
  }
  const claims = computeWilsonInterval(falseClaims, runs);
  const monteCarloSe = Math.sqrt((alpha * (1 - alpha)) / runs);
  return {
    shape,
    description: describeShape(shape),
    providers,
    tasks,
    runs,
    seed,
    stream,
    alpha,
    rule,
    budgetMultiple: multiple,
    model,
    truth,
    falseClaims: claims,
    falselyAhead: wrongSide.map((count) => computeWilsonInterval(count, runs)),
    falseLeader: computeWilsonInterval(falseLeader, runs),
    power: truth.leader === null ? null : computeWilsonInterval(named, runs),
    earlyStops: computeWilsonInterval(early, runs),
    carryOverFound: computeWilsonInterval(carried, runs),
    meanTasks: computeMonteCarloMean(used),
    meanArmsShare: arms / runs,
    meanDecidedPairs: decided / runs,
    meanWithinPairs: within / runs,
    monteCarloSe,
    exceedsAlpha: claims.rate > alpha + 3 * monteCarloSe,
    monteCarloConfidence: MONTE_CARLO_CONFIDENCE,
  };
}

/** The report's carry-over check on the pair's first `tasks` tasks (those run when the run stopped). */
function findCarryOver(pair: SimulatedPair | undefined, tasks: number, alpha: number): boolean {
  if (!pair) return false;
  const ordered = pair.tasks.slice(0, tasks);
  return checkCarryOver(ordered, alpha).found;
}
