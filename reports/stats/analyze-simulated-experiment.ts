// Runs the stop rules and the fixed-n analyses over one simulated experiment, window by window.
import { computeSampleSd, computeScaledMean } from './scaled-moments.js';
import jStat from 'jstat';
import { findProviderWindow, type SimulatedTask } from './simulate-crossover.js';
import { analyzeCrossover, type CrossoverSubject } from './crossover-grizzle.js';
import {
  checkSeedStopRule,
  traceSequentialDecisions,
  type SequentialDecision,
  type SequentialStopOptions,
  type StopLook,
} from './stop-rules.js';

/** The analysis settings a simulation applies to every experiment. */
export interface SimulationRules {
  alpha: number;
  /** The confidence sequence's tuning sample size (the planned number of tasks). */
  tuningN: number;
  /** No sequential (or naive) stop before this many paired tasks. */
  minN: number;
  /** Futility margin in SDs of the paired difference; 0 turns futility off. */
  futilityMargin: number;
  /** One SD of the paired difference in the outcome's units (default 1: the normal-model families). */
  sdUnit?: number;
  /** The range of A - B when it is known (bernoulli, bounded): the betting rule then bounds the mean. */
  bounds?: readonly [number, number];
}

/** A rule's first stop ('continue' if it never stopped) and the paired tasks seen then. */
export interface RuleStop {
  decision: SequentialDecision;
  n: number;
}

/** What happened in one simulated experiment. */
export interface ExperimentOutcome {
  /** Tasks with both windows usable, at the end. */
  pairedTasks: number;
  /** The sequential (betting) rule's first stop ('continue' if it never stopped) and the paired tasks seen then. */
  sequential: RuleStop;
  /** Its confidence sequence held the true effect at every look from minN on. */
  sequenceCovered: boolean;
  /** The same for the normal-theory rule the betting rule replaced, on the same differences. */
  normalTheory: RuleStop;
  normalTheoryCovered: boolean;
  /** With `bounds` only: the symmetry betting rule on the same differences, to show what the mean guarantee costs. */
  symmetry?: RuleStop;
  symmetryCovered?: boolean;
  /** Naive peeking: a paired t-test after every task, stopping at the first p < alpha. */
  naive: { stopped: boolean; n: number; mean: number };
  /** The paired t-test once, on all tasks; `mean` is the mean difference A - B. */
  fixedN: { p: number; detected: boolean; mean: number };
  /** The Grizzle treatment estimate A - B and its CI, on the tasks with both windows usable; null below 1 per sequence or 3 in all. */
  grizzle: { estimate: number; low: number; high: number } | null;
  /** Seed 001's rule: the first window (1-based, over both arms) at which an arm had to halt. */
  seedRule: { fired: boolean; window: number | null };
}

/**
 * Feeds the experiment to the rules in the order it would run: after each window the seed rule checks that
 * window's arm; after each task both sequential rules (betting and normal-theory) and the naive t-test look
 * at the paired differences `A - B` so far (tasks with a failed capture have no difference). `trueEffect`
 * is the planted A - B in the outcome's units (the centre the sequences should cover).
 */
export function analyzeSimulatedExperiment(tasks: readonly SimulatedTask[], rules: SimulationRules, trueEffect: number): ExperimentOutcome {
  const diffs: number[] = [];
  const arms = { A: { windows: 0, anomalies: 0 }, B: { windows: 0, anomalies: 0 } };
  let windowCount = 0;
  let seedWindow: number | null = null;
  let naive: ExperimentOutcome['naive'] | null = null;
  for (const task of tasks) {
    for (const window of task.windows) {
      windowCount += 1;
      const arm = arms[window.provider];
      arm.windows += 1;
      if (window.negativeDelta) arm.anomalies += 1;
      // Usable efficiencies are finite here, so only the anomaly clause can fire.
      if (seedWindow === null && checkSeedStopRule({ windows: arm.windows, negativeDeltaAnomalies: arm.anomalies, ciFinite: true }).halt)
        seedWindow = windowCount;
    }
    const a = findProviderWindow(task, 'A');
    const b = findProviderWindow(task, 'B');
    if (a.negativeDelta || b.negativeDelta) continue;
    diffs.push(a.value - b.value);
    if (!naive && diffs.length >= rules.minN && computePairedTP(diffs) < rules.alpha)
      naive = { stopped: true, n: diffs.length, mean: computeScaledMean(diffs) };
  }
  // The sequential rules look after every task too; their bets are predictable, so one trace over all the
  // differences gives each look exactly what checkSequentialStop would on the differences so far.
  const minEffect = rules.futilityMargin * (rules.sdUnit ?? 1);
  const options: SequentialStopOptions = { alpha: rules.alpha, tuningN: rules.tuningN, minN: rules.minN, minEffect };
  const follow = (looks: StopLook[]): { stop: RuleStop; covered: boolean } => {
    const counted = looks.slice(rules.minN - 1);
    const first = counted.findIndex((look) => look.decision !== 'continue');
    const stop: RuleStop =
      first < 0 ? { decision: 'continue', n: diffs.length } : { decision: (counted[first] as StopLook).decision, n: rules.minN + first };
    return { stop, covered: counted.every((look) => look.holds(trueEffect)) };
  };
  const betting = follow(traceSequentialDecisions(diffs, { ...options, ...(rules.bounds ? { bounds: rules.bounds } : {}) }));
  const normalTheory = follow(traceSequentialDecisions(diffs, { ...options, rule: 'normal-theory' }));
  const symmetry = rules.bounds ? follow(traceSequentialDecisions(diffs, options)) : null;
  const p = diffs.length >= 2 ? computePairedTP(diffs) : 1;
  const mean = computeScaledMean(diffs);
  return {
    pairedTasks: diffs.length,
    sequential: betting.stop,
    sequenceCovered: betting.covered,
    normalTheory: normalTheory.stop,
    normalTheoryCovered: normalTheory.covered,
    ...(symmetry ? { symmetry: symmetry.stop, symmetryCovered: symmetry.covered } : {}),
    naive: naive ?? { stopped: false, n: diffs.length, mean },
    fixedN: { p, detected: p < rules.alpha, mean },
    grizzle: estimateTreatment(tasks, rules.alpha),
    seedRule: { fired: seedWindow !== null, window: seedWindow },
  };
}

/** The crossover module's Grizzle analysis (`analyzeCrossover`) of the complete tasks: its treatment CI. */
function estimateTreatment(tasks: readonly SimulatedTask[], alpha: number): ExperimentOutcome['grizzle'] {
  const subjects: CrossoverSubject[] = tasks
    .filter((task) => !task.windows[0].negativeDelta && !task.windows[1].negativeDelta)
    .map((task) => ({ subject: String(task.index), sequence: task.sequence, y1: task.windows[0].value, y2: task.windows[1].value }));
  const ab = subjects.filter((subject) => subject.sequence === 'AB').length;
  if (ab < 1 || subjects.length - ab < 1 || subjects.length < 3) return null;
  const { treatment } = analyzeCrossover(subjects, { alpha });
  return { estimate: treatment.estimate, low: treatment.ciLow, high: treatment.ciHigh };
}

/** Two-sided p of the one-sample t-test of mean 0 (1 when the differences do not vary). */
export function computePairedTP(diffs: readonly number[]): number {
  const n = diffs.length;
  const mean = computeScaledMean(diffs);
  const sd = computeSampleSd(diffs);
  if (n < 2 || !(sd > 0)) return mean === 0 || n < 2 ? 1 : 0;
  const t = mean / (sd / Math.sqrt(n));
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), n - 1));
}
