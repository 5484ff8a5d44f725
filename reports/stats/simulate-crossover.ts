// Generates one simulated AB/BA crossover experiment: tasks, sequences, per-window outcomes, capture faults.
import { AppError } from '../../ledger/index.js';

/** The model behind a simulated experiment; outcomes are in units of the SD of the paired difference A - B. */
export interface CrossoverDesign {
  /** Tasks, each done once by each provider (two windows). */
  tasks: number;
  /** Planted treatment effect A - B, in SDs of the paired difference (0: two identical providers). */
  effect: number;
  /** Period 2 minus period 1 (e.g. the bank gets easier), in the same units; |periodEffect| < 1. Default 0.2. */
  periodEffect?: number;
  /** SD of the per-task baseline difficulty; it cancels within a task. Default 1. */
  taskSd?: number;
  /** Chance that a window's capture goes wrong (a `negative-delta` anomaly, no usable delta). Default 0.02. */
  anomalyRate?: number;
}

/** One provider's window on one task. */
export interface SimulatedWindow {
  provider: 'A' | 'B';
  period: 1 | 2;
  /** The efficiency outcome, in SD units (baseline + effect for A + period effect + noise). */
  value: number;
  /** The capture failed: the ledger would record a `negative-delta` anomaly and no capacity delta. */
  negativeDelta: boolean;
}

/** One task of the experiment: its sequence and its two windows in period order. */
export interface SimulatedTask {
  /** 1-based position in the experiment. */
  index: number;
  sequence: 'AB' | 'BA';
  baseline: number;
  windows: [SimulatedWindow, SimulatedWindow];
}

/** A uniform random source in [0, 1), such as a seedrandom generator. */
export type RandomSource = () => number;

/**
 * Simulates one experiment. Sequences are randomized in blocks of two (one AB, one BA per pair of tasks), so
 * the period effect cancels in the running mean of `A - B` at every even n. The within-task noise is scaled
 * so that the SD of `A - B` over balanced sequences is exactly 1: `Var = periodEffect^2 + (1 - periodEffect^2)`.
 */
export function simulateCrossover(design: CrossoverDesign, random: RandomSource): SimulatedTask[] {
  const { tasks, effect } = design;
  const periodEffect = design.periodEffect ?? 0.2;
  const taskSd = design.taskSd ?? 1;
  const anomalyRate = design.anomalyRate ?? 0.02;
  if (!Number.isInteger(tasks) || tasks < 2) throw new AppError('BAD_INPUT', `tasks must be a whole number >= 2, got ${tasks}`, { where: 'tasks' });
  if (!Number.isFinite(effect)) throw new AppError('BAD_INPUT', `effect must be a finite number, got ${effect}`, { where: 'effect' });
  if (!(Math.abs(periodEffect) < 1)) throw new AppError('BAD_INPUT', `periodEffect must be between -1 and 1, got ${periodEffect}`, { where: 'periodEffect' });
  if (!(taskSd >= 0 && Number.isFinite(taskSd))) throw new AppError('BAD_INPUT', `taskSd must be a finite number >= 0, got ${taskSd}`, { where: 'taskSd' });
  if (!(anomalyRate >= 0 && anomalyRate <= 1)) throw new AppError('BAD_INPUT', `anomalyRate must be from 0 to 1, got ${anomalyRate}`, { where: 'anomalyRate' });
  // Each window's noise has variance (1 - periodEffect^2) / 2, so their difference has 1 - periodEffect^2.
  const noiseSd = Math.sqrt((1 - periodEffect * periodEffect) / 2);
  const result: SimulatedTask[] = [];
  let firstOfBlock: 'AB' | 'BA' = 'AB';
  for (let index = 1; index <= tasks; index += 1) {
    if (index % 2 === 1) firstOfBlock = random() < 0.5 ? 'AB' : 'BA';
    const sequence = index % 2 === 1 ? firstOfBlock : firstOfBlock === 'AB' ? 'BA' : 'AB';
    const baseline = taskSd * drawNormal(random);
    const draw = (provider: 'A' | 'B', period: 1 | 2): SimulatedWindow => ({
      provider,
      period,
      value: baseline + (provider === 'A' ? effect : 0) + (period === 2 ? periodEffect : 0) + noiseSd * drawNormal(random),
      negativeDelta: random() < anomalyRate,
    });
    const first = sequence === 'AB' ? 'A' : 'B';
    const second = first === 'A' ? 'B' : 'A';
    result.push({ index, sequence, baseline, windows: [draw(first, 1), draw(second, 2)] });
  }
  return result;
}

/** The window of a task done by `provider`. */
export function findProviderWindow(task: SimulatedTask, provider: 'A' | 'B'): SimulatedWindow {
  return task.windows[0].provider === provider ? task.windows[0] : task.windows[1];
}

/** A standard normal draw (Box-Muller, one of the pair). */
export function drawNormal(random: RandomSource): number {
  let u = random();
  while (u <= Number.MIN_VALUE) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
