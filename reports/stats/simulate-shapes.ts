// Seeded design check of the stop rule when providers differ in the SHAPE of their efficiencies: the share-gap rule the runner uses against the old difference rule: pure.
import { AppError } from '../../kernel/index.js';
import { convertRelativeToGap, computeShareGap } from './efficiency-share.js';
import {
  computeMonteCarloMean,
  computeWilsonInterval,
  MONTE_CARLO_CONFIDENCE,
  type MonteCarloMean,
  type RateInterval,
} from './monte-carlo-intervals.js';
import { createSeededRandom } from './seeded-random.js';
import { findShapeTruth, prepareTaskDraw, SHAPE_TRUTH_DRAWS, type ArmTruth, type ShapeDesign, type TrueValue } from './shape-truth.js';
import { SEQUENTIAL_MIN_N, traceSequentialDecisions, type SequentialDecision, type SequentialStopOptions } from './stop-rules.js';

export { prepareTaskDraw, SHAPE_TRUTH_DRAWS, type ArmTruth, type ShapeDesign, type TrueValue } from './shape-truth.js';

/** The relative difference the share-gap rule's futility margin stands for (the runner's: 20% more work per dollar). */
export const SHARE_FUTILITY_RELATIVE = 0.2;

export interface ShapeSimulationOptions extends ShapeDesign {
  seed: string | number;
  replicates: number;
  /** Per pair; with m pairs of providers the runner uses alpha / m (Bonferroni). Default 0.05. */
  alpha?: number;
  /** Default {@link SHAPE_TRUTH_DRAWS}. */
  truthDraws?: number;
}

/** How a rule's superiority stops read against one reference value (its estimand's, or the mean difference's). */
export interface StopJudgement {
  reference: TrueValue;
  /** The reference is 0: every superiority stop is false. Else null. */
  falseStops: RateInterval | null;
  /** The reference is not 0: stops naming the side it is against. Else null. */
  wrongDirection: RateInterval | null;
}

export type ShapeRuleName = 'share-gap' | 'difference-symmetry';

export interface ShapeRuleFigures {
  rule: ShapeRuleName;
  /** The rule `experiment run` uses now (true) or the one it replaced. */
  used: boolean;
  estimand: string;
  stops: RateInterval;
  namingA: RateInterval;
  namingB: RateInterval;
  futility: RateInterval;
  /** Paired tasks seen when it stopped, or all of them. */
  stoppingTime: MonteCarloMean;
  vsEstimand: StopJudgement;
  vsMean: StopJudgement;
}

export interface ShapeSimulationSummary {
  seed: string;
  replicates: number;
  design: ShapeDesign;
  alpha: number;
  tuningN: number;
  minN: number;
  /** The share-gap rule's futility margin: the gap of a 20% relative difference. */
  futilityGap: number;
  truthDraws: number;
  arms: { a: ArmTruth; b: ArmTruth };
  truth: { shareGap: TrueValue; meanDifference: TrueValue };
  rules: [ShapeRuleFigures, ShapeRuleFigures];
  monteCarloConfidence: number;
}

/**
 * Simulates `replicates` experiments of `tasks` tasks, each task one efficiency per arm, and runs each through
 * the rule `experiment run` uses (bounded-mean betting on the share gaps 2 effA/(effA + effB) - 1 in [-1, 1],
 * futility at the gap of a 20% difference) and the rule it replaced (symmetry betting on effA - effB, no
 * futility), looking after every task from {@link SEQUENTIAL_MIN_N} on. Seeded: same options, same figures.
 */
export function simulateShapeExperiments(options: ShapeSimulationOptions): ShapeSimulationSummary {
  const { tasks, replicates } = options;
  const alpha = options.alpha ?? 0.05;
  if (!(Number.isInteger(tasks) && tasks >= 2))
    throw new AppError('BAD_USAGE', `expected a whole number >= 2, got ${tasks}`, { where: '--tasks' });
  if (!(Number.isInteger(replicates) && replicates >= 1))
    throw new AppError('BAD_USAGE', `expected a whole number >= 1, got ${replicates}`, { where: '--replicates' });
  if (!(alpha > 0 && alpha < 1)) throw new AppError('BAD_USAGE', `expected a number between 0 and 1, got ${alpha}`, { where: '--alpha' });
  if (!(options.taskSdlog >= 0 && Number.isFinite(options.taskSdlog)))
    throw new AppError('BAD_USAGE', `expected a finite number >= 0, got ${options.taskSdlog}`, { where: '--task-sdlog' });
  const draw = prepareTaskDraw(options);
  const truthDraws = options.truthDraws ?? SHAPE_TRUTH_DRAWS;
  const { arms, truth } = findShapeTruth(options, draw, createSeededRandom(`${options.seed}:truth`), truthDraws);
  const futilityGap = convertRelativeToGap(SHARE_FUTILITY_RELATIVE);
  const base: SequentialStopOptions = { alpha, tuningN: tasks, minN: SEQUENTIAL_MIN_N };
  const shareOptions: SequentialStopOptions = { ...base, bounds: [-1, 1], minEffect: futilityGap };
  const random = createSeededRandom(options.seed);
  const stops: Record<ShapeRuleName, { decision: SequentialDecision; n: number }[]> = { 'share-gap': [], 'difference-symmetry': [] };
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    const gaps: number[] = [];
    const diffs: number[] = [];
    for (let task = 0; task < tasks; task += 1) {
      const [a, b] = draw(random);
      gaps.push(computeShareGap(a, b) as number);
      diffs.push(a - b);
    }
    stops['share-gap'].push(findFirstStop(traceSequentialDecisions(gaps, shareOptions), tasks));
    stops['difference-symmetry'].push(findFirstStop(traceSequentialDecisions(diffs, base), tasks));
  }
  const judge = (rule: ShapeRuleName, estimand: string, reference: TrueValue): ShapeRuleFigures =>
    summarizeRule(rule, estimand, stops[rule], reference, truth.meanDifference);
  return {
    seed: String(options.seed),
    replicates,
    design: { tasks, a: options.a, b: options.b, taskSdlog: options.taskSdlog },
    alpha,
    tuningN: tasks,
    minN: SEQUENTIAL_MIN_N,
    futilityGap,
    truthDraws,
    arms,
    truth,
    rules: [
      judge('share-gap', 'mean share gap E[2 effA/(effA + effB) - 1], bounded in [-1, 1]', truth.shareGap),
      judge('difference-symmetry', 'mean difference E[effA - effB] (its guarantee needs A - B symmetric)', truth.meanDifference),
    ],
    monteCarloConfidence: MONTE_CARLO_CONFIDENCE,
  };
}

function findFirstStop(looks: readonly { decision: SequentialDecision }[], tasks: number): { decision: SequentialDecision; n: number } {
  const first = looks.findIndex((look) => look.decision !== 'continue');
  return first < 0
    ? { decision: 'continue', n: tasks }
    : { decision: (looks[first] as { decision: SequentialDecision }).decision, n: first + 1 };
}

function summarizeRule(
  rule: ShapeRuleName,
  estimand: string,
  stops: readonly { decision: SequentialDecision; n: number }[],
  reference: TrueValue,
  meanDifference: TrueValue,
): ShapeRuleFigures {
  const total = stops.length;
  const count = (test: (decision: SequentialDecision) => boolean) =>
    computeWilsonInterval(stops.filter((stop) => test(stop.decision)).length, total);
  const namingA = count((decision) => decision === 'superiority-A');
  const namingB = count((decision) => decision === 'superiority-B');
  const stopsAny = count((decision) => decision.startsWith('superiority'));
  const judgeAgainst = (value: TrueValue): StopJudgement => ({
    reference: value,
    falseStops: value.sign === 0 ? stopsAny : null,
    wrongDirection: value.sign === 1 ? namingB : value.sign === -1 ? namingA : null,
  });
  return {
    rule,
    used: rule === 'share-gap',
    estimand,
    stops: stopsAny,
    namingA,
    namingB,
    futility: count((decision) => decision === 'futility'),
    stoppingTime: computeMonteCarloMean(stops.map((stop) => stop.n)),
    vsEstimand: judgeAgainst(reference),
    vsMean: judgeAgainst(meanDifference),
  };
}
