// Seeded design check: many simulated experiments through the stop rules, with how often each rule fired.
import { AppError } from '../../ledger/index.js';
import { analyzeSimulatedExperiment, type ExperimentOutcome, type SimulationRules } from './analyze-simulated-experiment.js';
import { createSeededRandom } from './seeded-random.js';
import { simulateCrossover, type CrossoverDesign, type SimulatedTask } from './simulate-crossover.js';
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

/** The figures of a simulation. `power` is the planted direction's detection rate (null when effect = 0). */
export interface SimulationSummary {
  seed: string;
  replicates: number;
  design: Required<CrossoverDesign>;
  rules: SimulationRules;
  sequential: { superiorityA: RuleRate; superiorityB: RuleRate; futility: RuleRate; anySuperiority: RuleRate; power: number | null; coverage: number };
  naive: { stops: RuleRate; power: number | null };
  fixedN: { detections: RuleRate; power: number | null };
  /** Coverage of the planted effect by the fixed-n Grizzle interval, over the replicates where it could be computed. */
  grizzle: { coverage: number | null; computed: number };
  /** `meanN` is the mean window (1-based, both arms) at which it fired. */
  seedRule: RuleRate;
}

/** The design with its defaults filled in. */
export function resolveDesign(design: CrossoverDesign): Required<CrossoverDesign> {
  return { tasks: design.tasks, effect: design.effect, periodEffect: design.periodEffect ?? 0.2, taskSd: design.taskSd ?? 1, anomalyRate: design.anomalyRate ?? 0.02 };
}

/** The first experiment of `seed`: the one `simulateExperiments` runs first and `experiment simulate --write` records. */
export function simulateOneExperiment(design: CrossoverDesign, seed: string | number): SimulatedTask[] {
  return simulateCrossover(design, createSeededRandom(seed));
}

/**
 * Simulates `replicates` experiments from one seeded stream and runs each through
 * {@link analyzeSimulatedExperiment}: the sequential rule and naive peeking after every task, the seed rule
 * after every window, the paired t-test and the Grizzle interval once at the end.
 */
export function simulateExperiments(options: SimulationOptions): SimulationSummary {
  const design = resolveDesign(options);
  const rules: SimulationRules = {
    alpha: options.alpha ?? 0.05,
    tuningN: options.tuningN ?? design.tasks,
    minN: options.minN ?? SEQUENTIAL_MIN_N,
    futilityMargin: options.futilityMargin ?? 0.5,
  };
  if (!Number.isInteger(options.replicates) || options.replicates < 1) throw new AppError('BAD_USAGE', `expected a whole number >= 1, got ${options.replicates}`, { where: '--replicates' });
  if (!(rules.alpha > 0 && rules.alpha < 1)) throw new AppError('BAD_USAGE', `expected a number between 0 and 1, got ${rules.alpha}`, { where: '--alpha' });
  const random = createSeededRandom(options.seed);
  const outcomes: ExperimentOutcome[] = [];
  for (let replicate = 0; replicate < options.replicates; replicate += 1) {
    outcomes.push(analyzeSimulatedExperiment(simulateCrossover(design, random), rules, design.effect));
  }
  return summarizeOutcomes(String(options.seed), design, rules, outcomes);
}

function summarizeOutcomes(seed: string, design: Required<CrossoverDesign>, rules: SimulationRules, outcomes: ExperimentOutcome[]): SimulationSummary {
  const direction = Math.sign(design.effect);
  const planted = direction > 0 ? 'superiority-A' : 'superiority-B';
  const rateOf = (fired: (outcome: ExperimentOutcome) => number | null): RuleRate => {
    const hits = outcomes.map(fired).filter((n): n is number => n !== null);
    return { count: hits.length, rate: hits.length / outcomes.length, meanN: hits.length ? hits.reduce((sum, n) => sum + n, 0) / hits.length : null };
  };
  const share = (test: (outcome: ExperimentOutcome) => boolean): number => outcomes.filter(test).length / outcomes.length;
  const decided = (decision: string) => (outcome: ExperimentOutcome) => (outcome.sequential.decision === decision ? outcome.sequential.n : null);
  const grizzles = outcomes.map((outcome) => outcome.grizzle).filter((interval) => interval !== null);
  return {
    seed,
    replicates: outcomes.length,
    design,
    rules,
    sequential: {
      superiorityA: rateOf(decided('superiority-A')),
      superiorityB: rateOf(decided('superiority-B')),
      futility: rateOf(decided('futility')),
      anySuperiority: rateOf((outcome) => (outcome.sequential.decision.startsWith('superiority') ? outcome.sequential.n : null)),
      power: direction === 0 ? null : share((outcome) => outcome.sequential.decision === planted),
      coverage: share((outcome) => outcome.sequenceCovered),
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
      coverage: grizzles.length ? grizzles.filter((interval) => interval.low <= design.effect && design.effect <= interval.high).length / grizzles.length : null,
      computed: grizzles.length,
    },
    seedRule: rateOf((outcome) => outcome.seedRule.window),
  };
}
