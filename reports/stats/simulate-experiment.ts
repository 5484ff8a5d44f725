// Seeded design check: many simulated experiments through both stop rules, with how often each fired and Monte Carlo intervals.
import { computeScaledMean } from './scaled-moments.js';
import { AppError } from '../../kernel/index.js';
import { analyzeSimulatedExperiment, type ExperimentOutcome, type RuleStop, type SimulationRules } from './analyze-simulated-experiment.js';
import type { ConfidenceSequenceMethod } from './confidence-sequence.js';
import {
  computeMonteCarloMean,
  computeWilsonInterval,
  MONTE_CARLO_CONFIDENCE,
  type MonteCarloMean,
  type RateInterval,
} from './monte-carlo-intervals.js';
import { createSeededRandom } from './seeded-random.js';
import { findSimulationTruth, simulateCrossover, type CrossoverDesign, type SimulatedTask } from './simulate-crossover.js';
import { DISTRIBUTION_MODELS, findDistributionBounds } from './simulate-distributions.js';
import { SEQUENTIAL_MIN_N } from './stop-rules.js';

/** A simulation: the design, the rules, the seed and how many experiments. */
export interface SimulationOptions extends CrossoverDesign {
  seed: string | number;
  replicates: number;
  /** Default 0.05. */
  alpha?: number;
  /** Default: the number of tasks. */
  tuningN?: number;
  /** Default {@link SEQUENTIAL_MIN_N}. */
  minN?: number;
  /** Futility margin in SDs of the paired difference; default 0.5, 0 turns futility off. */
  futilityMargin?: number;
}

/** How often a rule fired over the replicates, and the mean number of paired tasks (or windows) when it did. */
export interface RuleRate {
  count: number;
  rate: number;
  meanN: number | null;
}

/** One sequential rule's figures, each with its Monte Carlo interval. */
export interface StopRuleFigures {
  method: ConfidenceSequenceMethod;
  /** Superiority stops either way: all of them false when nothing is planted. */
  superiority: RateInterval;
  /** Superiority stops in the planted direction; null when nothing is planted. */
  power: RateInterval | null;
  futility: RateInterval;
  /** Paired tasks seen when the rule stopped, or all of them when it never did: the tasks an experiment costs. */
  stoppingTime: MonteCarloMean;
  /** The sequence held the true centre at every look. */
  coverage: number;
}

/** The design as simulated; `pooled` is how many recorded differences `resample` drew from. */
export type SimulatedDesign = Omit<Required<CrossoverDesign>, 'pool'> & { pooled: number };

/** The figures of a simulation. `power` is the planted direction's detection rate (null when nothing is planted). */
export interface SimulationSummary {
  seed: string;
  replicates: number;
  design: SimulatedDesign;
  rules: SimulationRules;
  /** What an arm's outcome is, and what "no difference" means in this simulation. */
  model: string;
  hypothesis: string;
  /** The true centre of A - B and one SD of A - B, in the outcome's units. */
  truth: { centre: number; sd: number };
  /** The betting rule (the one the runner and the report use). */
  sequential: {
    superiorityA: RuleRate;
    superiorityB: RuleRate;
    futility: RuleRate;
    anySuperiority: RuleRate;
    power: number | null;
    coverage: number;
  };
  naive: { stops: RuleRate; power: number | null };
  fixedN: { detections: RuleRate; power: number | null };
  /** Coverage of the true centre by the fixed-n Grizzle interval, over the replicates where it could be computed. */
  grizzle: { coverage: number | null; computed: number };
  /** `meanN` is the mean window (1-based, both arms) at which it fired. */
  seedRule: RuleRate;
  /** Both sequential rules side by side on the same experiments; for bounded outcomes also the symmetry betting rule. */
  stopRules: { betting: StopRuleFigures; normalTheory: StopRuleFigures; symmetry?: StopRuleFigures };
  /** Normal-theory power minus betting power (null when nothing is planted): what the exact rule costs. */
  powerLost: number | null;
  monteCarloConfidence: number;
}

/** The design with its defaults filled in. */
export function resolveDesign(design: CrossoverDesign): Required<CrossoverDesign> {
  return {
    tasks: design.tasks,
    effect: design.effect,
    periodEffect: design.periodEffect ?? 0.2,
    taskSd: design.taskSd ?? 1,
    anomalyRate: design.anomalyRate ?? 0.02,
    distribution: design.distribution ?? 'normal',
    pool: design.pool ?? [],
    asObserved: design.asObserved ?? false,
  };
}

/** The first experiment of `seed`: the one `simulateExperiments` runs first and `experiment simulate --write` records. */
export function simulateOneExperiment(design: CrossoverDesign, seed: string | number): SimulatedTask[] {
  return simulateCrossover(design, createSeededRandom(seed));
}

/**
 * Simulates `replicates` experiments from one seeded stream and runs each through
 * {@link analyzeSimulatedExperiment}: both sequential rules and naive peeking after every task, the seed rule
 * after every window, the paired t-test and the Grizzle interval once at the end.
 */
export function simulateExperiments(options: SimulationOptions): SimulationSummary {
  const design = resolveDesign(options);
  if (!Number.isInteger(options.replicates) || options.replicates < 1)
    throw new AppError('BAD_USAGE', `expected a whole number >= 1, got ${options.replicates}`, { where: '--replicates' });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new AppError('BAD_USAGE', `expected a number between 0 and 1, got ${alpha}`, { where: '--alpha' });
  const truth = findSimulationTruth(design, options.seed);
  const bounds = findDistributionBounds(design.distribution);
  const rules: SimulationRules = {
    alpha,
    tuningN: options.tuningN ?? design.tasks,
    minN: options.minN ?? SEQUENTIAL_MIN_N,
    futilityMargin: options.futilityMargin ?? 0.5,
    sdUnit: truth.sd,
    ...(bounds ? { bounds } : {}),
  };
  const random = createSeededRandom(options.seed);
  const outcomes: ExperimentOutcome[] = [];
  for (let replicate = 0; replicate < options.replicates; replicate += 1) {
    outcomes.push(analyzeSimulatedExperiment(simulateCrossover(design, random), rules, truth.centre));
  }
  return summarizeOutcomes(String(options.seed), design, rules, truth, outcomes);
}

function summarizeOutcomes(
  seed: string,
  design: Required<CrossoverDesign>,
  rules: SimulationRules,
  truth: { centre: number; sd: number },
  outcomes: ExperimentOutcome[],
): SimulationSummary {
  const planted = design.effect !== 0 || design.asObserved;
  const direction = planted ? Math.sign(truth.centre) : 0;
  const wanted = direction > 0 ? 'superiority-A' : 'superiority-B';
  const rateOf = (fired: (outcome: ExperimentOutcome) => number | null): RuleRate => {
    const hits = outcomes.map(fired).filter((n): n is number => n !== null);
    return {
      count: hits.length,
      rate: hits.length / outcomes.length,
      meanN: hits.length ? computeScaledMean(hits) : null,
    };
  };
  const share = (test: (outcome: ExperimentOutcome) => boolean): number => outcomes.filter(test).length / outcomes.length;
  const decided = (decision: string) => (outcome: ExperimentOutcome) =>
    outcome.sequential.decision === decision ? outcome.sequential.n : null;
  const grizzles = outcomes.map((outcome) => outcome.grizzle).filter((interval) => interval !== null);
  const figuresOf = (
    method: ConfidenceSequenceMethod,
    pick: (outcome: ExperimentOutcome) => RuleStop,
    covered: (outcome: ExperimentOutcome) => boolean,
  ): StopRuleFigures => {
    const count = (test: (stop: RuleStop) => boolean): number => outcomes.filter((outcome) => test(pick(outcome))).length;
    return {
      method,
      superiority: computeWilsonInterval(
        count((stop) => stop.decision.startsWith('superiority')),
        outcomes.length,
      ),
      power:
        direction === 0
          ? null
          : computeWilsonInterval(
              count((stop) => stop.decision === wanted),
              outcomes.length,
            ),
      futility: computeWilsonInterval(
        count((stop) => stop.decision === 'futility'),
        outcomes.length,
      ),
      stoppingTime: computeMonteCarloMean(outcomes.map((outcome) => pick(outcome).n)),
      coverage: share(covered),
    };
  };
  const betting = figuresOf(
    rules.bounds ? 'bounded-mean-betting' : 'symmetry-betting',
    (outcome) => outcome.sequential,
    (outcome) => outcome.sequenceCovered,
  );
  const normalTheory = figuresOf(
    'normal-theory',
    (outcome) => outcome.normalTheory,
    (outcome) => outcome.normalTheoryCovered,
  );
  const symmetry = rules.bounds
    ? figuresOf(
        'symmetry-betting',
        (outcome) => outcome.symmetry ?? outcome.sequential,
        (outcome) => outcome.symmetryCovered ?? false,
      )
    : null;
  const { pool, ...shown } = design;
  return {
    seed,
    replicates: outcomes.length,
    design: { ...shown, pooled: pool.length },
    rules,
    model: DISTRIBUTION_MODELS[design.distribution],
    hypothesis: describeHypothesis(design, truth),
    truth,
    sequential: {
      superiorityA: rateOf(decided('superiority-A')),
      superiorityB: rateOf(decided('superiority-B')),
      futility: rateOf(decided('futility')),
      anySuperiority: rateOf((outcome) => (outcome.sequential.decision.startsWith('superiority') ? outcome.sequential.n : null)),
      power: betting.power?.rate ?? null,
      coverage: betting.coverage,
    },
    naive: {
      stops: rateOf((outcome) => (outcome.naive.stopped ? outcome.naive.n : null)),
      power: direction === 0 ? null : share((outcome) => outcome.naive.stopped && Math.sign(outcome.naive.mean) === direction),
    },
    fixedN: {
      detections: rateOf((outcome) => (outcome.fixedN.detected ? outcome.pairedTasks : null)),
      power: direction === 0 ? null : share((outcome) => outcome.fixedN.detected && Math.sign(outcome.fixedN.mean) === direction),
    },
    grizzle: {
      coverage: grizzles.length
        ? grizzles.filter((interval) => interval.low <= truth.centre && truth.centre <= interval.high).length / grizzles.length
        : null,
      computed: grizzles.length,
    },
    seedRule: rateOf((outcome) => outcome.seedRule.window),
    stopRules: { betting, normalTheory, ...(symmetry ? { symmetry } : {}) },
    powerLost: betting.power && normalTheory.power ? normalTheory.power.rate - betting.power.rate : null,
    monteCarloConfidence: MONTE_CARLO_CONFIDENCE,
  };
}

/** What "no difference" means here, and what is planted. */
function describeHypothesis(design: Required<CrossoverDesign>, truth: { centre: number; sd: number }): string {
  const centre = truth.centre.toPrecision(3);
  if (design.distribution === 'resample') {
    if (design.asObserved) return `the recorded differences as they are: power at the observed mean difference ${centre}`;
    if (design.effect === 0)
      return 'no difference: each recorded difference gets a random sign (A and B exchangeable within a task), so A - B is symmetric about 0 and every superiority stop is false';
    return `random signs plus ${design.effect} SD of the sign-flipped differences (${centre}) planted in A`;
  }
  if (design.effect === 0)
    return "no difference: A and B share each task's baseline and draw iid noise (exchangeable within a task), so A - B is symmetric about 0 and every superiority stop is false";
  return `${design.effect} SD planted in A's latent outcome: mean A - B ${centre} in the outcome's units (SD ${truth.sd.toPrecision(3)})`;
}
