// Runs the stop rules and the fixed-n analyses over one simulated experiment, window by window.
import jStat from 'jstat';
import { findProviderWindow, type SimulatedTask } from './simulate-crossover.js';
import { analyzeCrossover, type CrossoverSubject } from './crossover-grizzle.js';
import { checkSeedStopRule, checkSequentialStop, type SequentialDecision } from './stop-rules.js';

/** The analysis settings a simulation applies to every experiment. */
export interface SimulationRules {
  alpha: number;
  /** The confidence sequence's tuning sample size (the planned number of tasks). */
  tuningN: number;
  /** No sequential (or naive) stop before this many paired tasks. */
  minN: number;
  /** Futility margin in SD units; 0 turns futility off. */
  futilityMargin: number;
}

/** What happened in one simulated experiment. */
export interface ExperimentOutcome {
  /** Tasks with both windows usable, at the end. */
  pairedTasks: number;
  /** The sequential rule's first stop ('continue' if it never stopped) and the paired tasks seen then. */
  sequential: { decision: SequentialDecision; n: number };
  /** The confidence sequence held the true effect at every look from minN on. */
  sequenceCovered: boolean;
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
 * window's arm; after each task the sequential rule and the naive t-test look at the paired differences
 * `A - B` so far (tasks with a failed capture have no difference). `trueEffect` is the planted A - B.
 */
export function analyzeSimulatedExperiment(tasks: readonly SimulatedTask[], rules: SimulationRules, trueEffect: number): ExperimentOutcome {
  const diffs: number[] = [];
  const arms = { A: { windows: 0, anomalies: 0 }, B: { windows: 0, anomalies: 0 } };
  let windowCount = 0;
  let seedWindow: number | null = null;
  let sequential: ExperimentOutcome['sequential'] | null = null;
  let naive: ExperimentOutcome['naive'] | null = null;
  let sequenceCovered = true;
  for (const task of tasks) {
    for (const window of task.windows) {
      windowCount += 1;
      const arm = arms[window.provider];
      arm.windows += 1;
      if (window.negativeDelta) arm.anomalies += 1;
      // Usable efficiencies are finite here, so only the anomaly clause can fire.
      if (seedWindow === null && checkSeedStopRule({ windows: arm.windows, negativeDeltaAnomalies: arm.anomalies, ciFinite: true }).halt) seedWindow = windowCount;
    }
    const a = findProviderWindow(task, 'A');
    const b = findProviderWindow(task, 'B');
    if (a.negativeDelta || b.negativeDelta) continue;
    diffs.push(a.value - b.value);
    if (diffs.length < rules.minN) continue;
    const verdict = checkSequentialStop(diffs, { alpha: rules.alpha, tuningN: rules.tuningN, minN: rules.minN, minEffect: rules.futilityMargin });
    if (!(verdict.cs.low <= trueEffect && trueEffect <= verdict.cs.high)) sequenceCovered = false;
    if (!sequential && verdict.decision !== 'continue') sequential = { decision: verdict.decision, n: diffs.length };
    if (!naive && computePairedTP(diffs) < rules.alpha) naive = { stopped: true, n: diffs.length, mean: verdict.cs.mean };
  }
  const p = diffs.length >= 2 ? computePairedTP(diffs) : 1;
  const mean = diffs.length > 0 ? diffs.reduce((sum, diff) => sum + diff, 0) / diffs.length : Number.NaN;
  return {
    pairedTasks: diffs.length,
    sequential: sequential ?? { decision: 'continue', n: diffs.length },
    sequenceCovered,
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
  const mean = diffs.reduce((sum, diff) => sum + diff, 0) / n;
  const sd = Math.sqrt(diffs.reduce((sum, diff) => sum + (diff - mean) ** 2, 0) / (n - 1));
  if (n < 2 || !(sd > 0)) return mean === 0 || n < 2 ? 1 : 0;
  const t = mean / (sd / Math.sqrt(n));
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), n - 1));
}
