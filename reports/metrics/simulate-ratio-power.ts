// Power, tasks needed and the detectable ratio of a plan, by simulating its own design and decision procedure (pure, seeded).
import { AppError } from '../../kernel/index.js';
import { computeNormalUpperQuantile, computeNormalUpperTail } from '../stats/group-sequential-normal.js';
import { MIN_RATIO_TASKS, type RatioTask } from '../stats/ratio-of-sums.js';
import { estimateRatioPower, type PowerDesign, type PowerEstimate, type PowerStop } from './estimate-ratio-power.js';
import { resolveTaskModel, type AssumedTaskModel, type TaskModelSummary } from './ratio-power-model.js';

export { ASSUMED_TASK_DEFAULTS, type AssumedTaskModel, type TaskModelSummary } from './ratio-power-model.js';
export type { PowerEstimate, PowerStop } from './estimate-ratio-power.js';

export interface RatioPowerRequest {
  /** The plan's design: family-wise two-sided level, providers (k(k-1)/2 pairs, Bonferroni), relevant difference. */
  alpha: number;
  providers: number;
  minEffect: number;
  /** False: `--no-stop-rules`, one look at the planned tasks. */
  enabled: boolean;
  /** SD of ln(ratio)'s error from both prices' calibration (what decideRatioPair widens its SE by). */
  calibrationSe: number;
  /** A's true work per $ over B's. */
  ratio: number;
  /** The planned tasks N; the rule is built for N. */
  tasks: number;
  runs: number;
  seed: string | number;
  /** The pair's tasks so far, resampled; when absent, or when a side of them did no work, the assumed model. */
  observed?: readonly RatioTask[] | null;
  /** The assumed model's figures; those not given take ASSUMED_TASK_DEFAULTS. */
  assumed?: Partial<AssumedTaskModel>;
  /** Default: `when-settled` for two providers with the rule on (the run ends when its one pair settles), else `at-crossing`. */
  stop?: PowerStop;
}

export interface RatioPower extends PowerEstimate {
  seed: string | number;
  calibration_se: number;
  stop: PowerStop;
  model: TaskModelSummary;
}

export interface TasksForPower {
  target: number;
  /** Why no N reaches the target: the prices' calibration alone caps the power, or MAX_POWER_TASKS fall short; null when one does. */
  limit: 'prices' | 'tasks' | null;
  /** The smallest planned N found with power >= target; null when even MAX_POWER_TASKS falls short. */
  tasks: number | null;
  /** The simulation at `tasks`, or at MAX_POWER_TASKS when null. */
  at: RatioPower;
  /** Every N tried, in order, with its power. */
  tried: Array<{ tasks: number; power: number }>;
}

export interface DetectableRatio {
  target: number;
  tasks: number;
  /** The smallest ratio found with power >= target; null when even MAX_DETECTABLE_RATIO falls short. */
  ratio: number | null;
  /** The simulation at `ratio`, or at MAX_DETECTABLE_RATIO when null. */
  at: RatioPower;
  tried: Array<{ ratio: number; power: number }>;
}

/** Beyond these the answer is "not within reach": no plan runs 5,000 tasks a pair, and 20x is no comparison. */
export const MAX_POWER_TASKS = 5000;
export const MAX_DETECTABLE_RATIO = 20;
/** The searches stop within 1% of N and 0.5% of the ratio: finer than the Monte Carlo error of 400 runs (+-2% power). */
const TASKS_TOLERANCE = 0.01;
const LOG_RATIO_TOLERANCE = 0.005;

/** The share of simulated runs the plan's procedure decides A ahead within `tasks` tasks (estimate-ratio-power.ts). */
export function simulateRatioPower(request: RatioPowerRequest): RatioPower {
  checkPositive(request.ratio, 'ratio');
  checkCount(request.tasks, 'tasks', 1);
  const design = prepareDesign(request);
  return describeEstimate(design, estimateRatioPower(design, request.tasks, request.ratio));
}

/**
 * The smallest planned N whose power reaches `target`, each N with the rule built for it: N doubles from
 * MIN_RATIO_TASKS until the power reaches the target (or MAX_POWER_TASKS falls short: null), then bisects between the
 * last N short of it and the first that reached it to within 1%. Power in N is monotone only up to Monte Carlo
 * error (the same seeded runs at every N make that error small between neighbours), so the N found is one where
 * the power crosses the target.
 */
export function findTasksForPower(request: Omit<RatioPowerRequest, 'tasks'>, target = 0.8): TasksForPower {
  checkTarget(target);
  checkPositive(request.ratio, 'ratio');
  const design = prepareDesign(request);
  const tried: TasksForPower['tried'] = [];
  const estimate = (tasks: number) => {
    const found = estimateRatioPower(design, tasks, request.ratio);
    tried.push({ tasks, power: found.power });
    return found;
  };
  // The prices' calibration error does not shrink with tasks: ln R's estimate keeps an SD of calibrationSe, so even
  // infinitely many tasks decide A ahead only when ln R clears the last boundary's z times it, with chance about
  // Phi(ln R / calibrationSe - z). Below the target that way, no N reaches it: say so without searching to 5,000.
  const finalZ = computeNormalUpperQuantile(request.alpha / Math.max(1, (request.providers * (request.providers - 1)) / 2) / 2);
  if (request.calibrationSe > 0 && computeNormalUpperTail(finalZ - Math.log(request.ratio) / request.calibrationSe) < target) {
    const at = estimate(Math.min(MAX_POWER_TASKS, 200));
    return { target, limit: 'prices', tasks: null, at: describeEstimate(design, at), tried };
  }
  let short = MIN_RATIO_TASKS - 1;
  let reached: PowerEstimate | null = null;
  let last: PowerEstimate | null = null;
  for (let tasks = MIN_RATIO_TASKS; reached === null && short < MAX_POWER_TASKS; tasks = Math.min(2 * tasks, MAX_POWER_TASKS)) {
    last = estimate(tasks);
    if (last.power >= target) reached = last;
    else short = tasks;
  }
  if (reached === null) return { target, limit: 'tasks', tasks: null, at: describeEstimate(design, last as PowerEstimate), tried };
  while (reached.tasks - short > Math.max(1, Math.floor(reached.tasks * TASKS_TOLERANCE))) {
    const middle = estimate(Math.floor((short + reached.tasks) / 2));
    if (middle.power >= target) reached = middle;
    else short = middle.tasks;
  }
  return { target, limit: null, tasks: reached.tasks, at: describeEstimate(design, reached), tried };
}

/**
 * The smallest ratio above 1 whose power reaches `target` with the request's planned tasks: bisection on ln ratio
 * between 1 and MAX_DETECTABLE_RATIO (null when that falls short) to within 0.5%. With the same seeded runs at
 * every ratio only A's dollars scale, so a run decided A ahead stays so at any larger ratio: the power is monotone.
 */
export function findDetectableRatio(request: Omit<RatioPowerRequest, 'ratio'>, target = 0.8): DetectableRatio {
  checkTarget(target);
  checkCount(request.tasks, 'tasks', 1);
  const design = prepareDesign(request);
  const tried: DetectableRatio['tried'] = [];
  const estimate = (logRatio: number) => {
    const found = estimateRatioPower(design, request.tasks, Math.exp(logRatio));
    tried.push({ ratio: found.ratio, power: found.power });
    return found;
  };
  let high = Math.log(MAX_DETECTABLE_RATIO);
  let reached = estimate(high);
  const base = { target, tasks: request.tasks };
  if (reached.power < target) return { ...base, ratio: null, at: describeEstimate(design, reached), tried };
  let low = 0;
  while (high - low > LOG_RATIO_TOLERANCE) {
    const middle = (low + high) / 2;
    const found = estimate(middle);
    if (found.power >= target) [high, reached] = [middle, found];
    else low = middle;
  }
  return { ...base, ratio: reached.ratio, at: describeEstimate(design, reached), tried };
}

function prepareDesign(request: Omit<RatioPowerRequest, 'tasks' | 'ratio'>): PowerDesign {
  if (!(request.alpha > 0 && request.alpha < 1))
    throw new AppError('BAD_USAGE', `alpha must be in (0, 1), got ${request.alpha}`, { where: 'alpha' });
  checkCount(request.providers, 'providers', 2);
  checkPositive(request.minEffect, 'minEffect');
  if (!(request.calibrationSe >= 0 && Number.isFinite(request.calibrationSe)))
    throw new AppError('BAD_USAGE', `calibrationSe must be a finite number >= 0, got ${request.calibrationSe}`, { where: 'calibrationSe' });
  checkCount(request.runs, 'runs', 1);
  if (!(typeof request.seed === 'string' || Number.isFinite(request.seed)))
    throw new AppError('BAD_USAGE', `seed must be a string or a finite number, got ${request.seed}`, { where: 'seed' });
  const stop = request.stop ?? (request.providers === 2 && request.enabled ? 'when-settled' : 'at-crossing');
  if (stop !== 'when-settled' && stop !== 'at-crossing')
    throw new AppError('BAD_USAGE', `stop must be when-settled or at-crossing, got ${JSON.stringify(stop)}`, { where: 'stop' });
  const { alpha, providers, minEffect, enabled, calibrationSe, runs, seed } = request;
  return {
    alpha,
    providers,
    minEffect,
    enabled,
    calibrationSe,
    runs,
    seed,
    stop,
    model: resolveTaskModel(request.observed, request.assumed),
  };
}

function describeEstimate(design: PowerDesign, estimate: PowerEstimate): RatioPower {
  const { seed, calibrationSe, stop, model } = design;
  return { ...estimate, seed, calibration_se: calibrationSe, stop, model: model.summary };
}

function checkCount(value: number, where: string, least: number): void {
  if (!(Number.isInteger(value) && value >= least && value <= 10_000_000))
    throw new AppError('BAD_USAGE', `${where} must be a whole number >= ${least}, got ${value}`, { where });
}

function checkPositive(value: number, where: string): void {
  if (!(value > 0 && Number.isFinite(value)))
    throw new AppError('BAD_USAGE', `${where} must be a finite number > 0, got ${value}`, { where });
}

function checkTarget(target: number): void {
  if (!(target > 0 && target < 1)) throw new AppError('BAD_USAGE', `target power must be in (0, 1), got ${target}`, { where: 'target' });
}
