// Generates one simulated AB/BA crossover experiment: tasks, sequences, per-window outcomes, capture faults.
import { computeSampleSd, computeScaledMean } from './scaled-moments.js';
import { AppError } from '../../kernel/index.js';
import { createSeededRandom } from './seeded-random.js';
import { drawNoise, drawNormal, transformOutcome, type RandomSource, type SimulatedDistribution } from './simulate-distributions.js';

export { drawNormal, type RandomSource } from './simulate-distributions.js';

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
  /** The family of the arms' outcomes (simulate-distributions.ts). Default normal. */
  distribution?: SimulatedDistribution;
  /** `resample` only: the recorded paired differences A - B to draw from. */
  pool?: readonly number[];
  /** `resample` only: draw the differences as recorded (the observed effect) instead of with random signs plus `effect`. */
  asObserved?: boolean;
}

/** One provider's window on one task. */
export interface SimulatedWindow {
  provider: 'A' | 'B';
  period: 1 | 2;
  /** The outcome: in SD units (baseline + effect for A + period effect + noise) for the normal-model families, transformed for bernoulli/bounded/coarse, +-d/2 for resample. */
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

/**
 * Simulates one experiment. Sequences are randomized in blocks of two (one AB, one BA per pair of tasks), so
 * the period effect cancels in the running mean of `A - B` at every even n. The within-task noise is scaled
 * so that the SD of `A - B` over balanced sequences is exactly 1: `Var = periodEffect^2 + (1 - periodEffect^2)`;
 * the noise comes from `design.distribution` (standardized), and bernoulli/bounded/coarse then transform each
 * arm's outcome. `resample` draws each task's difference d from `design.pool` (with a random sign and
 * `effect` SDs of the sign-flipped pool added, or as recorded with `asObserved`) and gives A +d/2, B -d/2.
 */
export function simulateCrossover(design: CrossoverDesign, random: RandomSource): SimulatedTask[] {
  const { tasks, effect } = design;
  const periodEffect = design.periodEffect ?? 0.2;
  const taskSd = design.taskSd ?? 1;
  const anomalyRate = design.anomalyRate ?? 0.02;
  if (!Number.isInteger(tasks) || tasks < 2)
    throw new AppError('BAD_INPUT', `tasks must be a whole number >= 2, got ${tasks}`, { where: 'tasks' });
  if (!Number.isFinite(effect)) throw new AppError('BAD_INPUT', `effect must be a finite number, got ${effect}`, { where: 'effect' });
  if (!(Math.abs(periodEffect) < 1))
    throw new AppError('BAD_INPUT', `periodEffect must be between -1 and 1, got ${periodEffect}`, { where: 'periodEffect' });
  if (!(taskSd >= 0 && Number.isFinite(taskSd)))
    throw new AppError('BAD_INPUT', `taskSd must be a finite number >= 0, got ${taskSd}`, { where: 'taskSd' });
  if (!(anomalyRate >= 0 && anomalyRate <= 1))
    throw new AppError('BAD_INPUT', `anomalyRate must be from 0 to 1, got ${anomalyRate}`, { where: 'anomalyRate' });
  const distribution = design.distribution ?? 'normal';
  const pool = design.pool ?? [];
  if (distribution === 'resample' && pool.length === 0)
    throw new AppError('BAD_INPUT', 'the resample distribution needs at least one recorded difference in pool', { where: 'pool' });
  const poolSd = Math.sqrt(pool.reduce((sum, d) => sum + d * d, 0) / Math.max(1, pool.length));
  // Each window's noise has variance (1 - periodEffect^2) / 2, so their difference has 1 - periodEffect^2.
  const noiseSd = Math.sqrt((1 - periodEffect * periodEffect) / 2);
  const result: SimulatedTask[] = [];
  let firstOfBlock: 'AB' | 'BA' = 'AB';
  for (let index = 1; index <= tasks; index += 1) {
    if (index % 2 === 1) firstOfBlock = random() < 0.5 ? 'AB' : 'BA';
    const sequence = index % 2 === 1 ? firstOfBlock : firstOfBlock === 'AB' ? 'BA' : 'AB';
    const baseline = distribution === 'resample' ? 0 : taskSd * drawNormal(random);
    const resampled = distribution === 'resample' ? drawResampled(pool, design.asObserved ? null : effect * poolSd, random) : 0;
    const draw = (provider: 'A' | 'B', period: 1 | 2): SimulatedWindow => ({
      provider,
      period,
      value:
        distribution === 'resample'
          ? (provider === 'A' ? resampled : -resampled) / 2
          : transformOutcome(
              distribution,
              baseline + (provider === 'A' ? effect : 0) + (period === 2 ? periodEffect : 0) + noiseSd * drawNoise(distribution, random),
            ),
      negativeDelta: random() < anomalyRate,
    });
    const first = sequence === 'AB' ? 'A' : 'B';
    const second = first === 'A' ? 'B' : 'A';
    result.push({ index, sequence, baseline, windows: [draw(first, 1), draw(second, 2)] });
  }
  return result;
}

/**
 * The centre of A - B the sequences should cover and one SD of A - B, in the outcome's units: exact for the
 * additive families (effect, 1) and for resample; for bernoulli, bounded and coarse from 40,000 simulated
 * tasks of their own seed stream (the centre is exactly 0 with no effect, by exchangeability).
 */
export function findSimulationTruth(design: Required<CrossoverDesign>, seed: string | number): { centre: number; sd: number } {
  const { distribution, effect, pool } = design;
  if (distribution === 'normal' || distribution === 'exponential' || distribution === 'lognormal' || distribution === 't3')
    return { centre: effect, sd: 1 };
  if (distribution === 'resample') {
    const mean = computeScaledMean(pool);
    const rms = Math.sqrt(pool.reduce((sum, d) => sum + d * d, 0) / pool.length);
    return design.asObserved ? { centre: mean, sd: Math.sqrt(Math.max(0, rms * rms - mean * mean)) } : { centre: effect * rms, sd: rms };
  }
  const tasks = simulateCrossover({ ...design, tasks: 40_000, anomalyRate: 0 }, createSeededRandom(`${seed}:truth`));
  const diffs = tasks.map((task) => findProviderWindow(task, 'A').value - findProviderWindow(task, 'B').value);
  return { centre: effect === 0 ? 0 : computeScaledMean(diffs), sd: computeSampleSd(diffs) };
}

/** The window of a task done by `provider`. */
export function findProviderWindow(task: SimulatedTask, provider: 'A' | 'B'): SimulatedWindow {
  return task.windows[0].provider === provider ? task.windows[0] : task.windows[1];
}

/** A recorded difference drawn with replacement: as recorded (`shift` null), or with a random sign plus `shift`. */
function drawResampled(pool: readonly number[], shift: number | null, random: RandomSource): number {
  const d = pool[Math.floor(random() * pool.length)] as number;
  if (shift === null) return d;
  return (random() < 0.5 ? -d : d) + shift;
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

/** The experiment of `seed` that `experiment simulate --write` records. */
export function simulateOneExperiment(design: CrossoverDesign, seed: string | number): SimulatedTask[] {
  return simulateCrossover(design, createSeededRandom(seed));
}
