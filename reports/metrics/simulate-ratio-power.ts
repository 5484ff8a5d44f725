// Power, tasks needed and the detectable ratio of a plan, by simulating its own design and decision procedure (pure, seeded).
import { AppError } from '../../kernel/index.js';
import { computeNormalUpperQuantile, computeNormalUpperTail } from '../stats/normal-tail.js';
import { MIN_RATIO_TASKS, type RatioTask } from '../stats/ratio-of-sums.js';
import { PRICE_SHARE } from './decide-ratio-pair.js';
import {
  capPowerRuns,
  estimateRatioPower,
  MIN_POWER_RUNS,
  type PowerDesign,
  type PowerEstimate,
  type PowerStop,
} from './estimate-ratio-power.js';
import { narrowPowerCrossing, projectTasks } from './narrow-power-crossing.js';
import { resolveTaskModel, type AssumedTaskModel, type TaskModelSummary } from './ratio-power-model.js';
import { keyPowerDesign, rememberPower } from './remember-power.js';

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
  /** The observed tasks' budgets in their dollars (A's, B's); null or absent: each side's dearest arm. */
  budget?: { a: number; b: number } | null;
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

/**
 * Beyond these the answer is "not within reach": no plan runs 2,000 tasks a pair (a subscriber pays for each), and 20x
 * is no comparison. The search's last estimates are its dearest: 5,000 took 9 s of a 10-task report's 11.
 */
export const MAX_POWER_TASKS = 2000;
export const MAX_DETECTABLE_RATIO = 20;
/**
 * The searches stop within 2% of N and 2% of the ratio. 400 runs give the power to +-2%, which near 80% is about
 * +-4% of N (the power rises about 0.5 per doubling of N there) and about +-4% of the ratio at the sizes plans have:
 * half the Monte Carlo error, and finer costs simulations that tell nothing (the ratio's was 0.5%: four more estimates,
 * each a second of the betting sequence's early tasks at 12 tasks).
 */
const TASKS_TOLERANCE = 0.02;
const LOG_RATIO_TOLERANCE = 0.02;

/** The share of simulated runs the plan's procedure decides A ahead within `tasks` tasks (estimate-ratio-power.ts). */
export function simulateRatioPower(request: RatioPowerRequest): RatioPower {
  checkPositive(request.ratio, 'ratio');
  checkCount(request.tasks, 'tasks', 1);
  const design = prepareDesign(request);
  return describeEstimate(design, design.estimate(request.tasks, request.ratio));
}

/**
 * The smallest planned N whose power reaches `target`, each N with the rule built for it. N doubles from
 * MIN_RATIO_TASKS until two powers say where the target lies, then jumps there (probit(power) about linear in
 * sqrt(N)), and once one N reaches the target, narrows the bracket to within 2% (narrow-power-crossing.ts). Power in
 * N is monotone only up to Monte Carlo error (the same seeded runs at every N make that error small between
 * neighbours), so the N found is one where the power crosses the target.
 */
export function findTasksForPower(request: Omit<RatioPowerRequest, 'tasks'>, target = 0.8): TasksForPower {
  checkTarget(target);
  checkPositive(request.ratio, 'ratio');
  const design = prepareDesign(request);
  const tried: TasksForPower['tried'] = [];
  const estimate = (tasks: number, runs?: number) => {
    const found = design.estimate(tasks, request.ratio, runs);
    if (runs === undefined) tried.push({ tasks, power: found.power });
    return { ...found, x: tasks };
  };
  // The prices' calibration error does not shrink with tasks: the sequence narrows to ln R plus that error, and a side
  // is named only past the price's own share of alpha, exp(z calibrationSe) (decide-ratio-pair.ts), so even infinitely
  // many tasks decide A ahead with chance Phi(ln R / calibrationSe - z). Below the target that way, no N reaches it.
  const pairs = Math.max(1, (request.providers * (request.providers - 1)) / 2);
  const finalZ = computeNormalUpperQuantile((PRICE_SHARE * request.alpha) / pairs / 2);
  if (request.calibrationSe > 0 && computeNormalUpperTail(finalZ - Math.log(request.ratio) / request.calibrationSe) < target) {
    const at = estimate(Math.min(MAX_POWER_TASKS, 200));
    return { target, limit: 'prices', tasks: null, at: describeEstimate(design, at), tried };
  }
  // Bracketed first with MIN_POWER_RUNS runs (each of the sequence's early tasks costs a millisecond a run: the
  // brackets were most of a report's time), then every N the answer rests on with the design's own runs.
  const bracket = (from: ReturnType<typeof estimate>, runs: number | undefined) => {
    let [before, short, reached] = [null as ReturnType<typeof estimate> | null, null as ReturnType<typeof estimate> | null, from];
    while (reached.power < target && reached.tasks < MAX_POWER_TASKS) {
      [before, short] = [short, reached];
      reached = estimate(Math.min(MAX_POWER_TASKS, projectTasks(before, short, target)), runs);
    }
    return { short, reached };
  };
  const rough = bracket(estimate(MIN_RATIO_TASKS, Math.min(design.runs, MIN_POWER_RUNS)), Math.min(design.runs, MIN_POWER_RUNS));
  let reached = estimate(rough.reached.tasks);
  let short = rough.short === null ? null : estimate(rough.short.tasks);
  if (reached.power < target) ({ short, reached } = bracket(reached, undefined));
  else if (short !== null && short.power >= target) [short, reached] = [null, short];
  if (reached.power < target) return { target, limit: 'tasks', tasks: null, at: describeEstimate(design, reached), tried };
  if (short === null) return { target, limit: null, tasks: reached.tasks, at: describeEstimate(design, reached), tried };
  const found = narrowPowerCrossing({ short, reached }, estimate, {
    target,
    toScale: Math.sqrt,
    fromScale: (s) => s * s,
    snap: Math.round,
    width: (high) => Math.max(1, Math.floor(high * TASKS_TOLERANCE)),
  });
  return { target, limit: null, tasks: found.reached.tasks, at: describeEstimate(design, found.reached), tried };
}

/**
 * The smallest ratio above 1 whose power reaches `target` with the request's planned tasks, to within 0.5%: null
 * when even MAX_DETECTABLE_RATIO falls short. From ratio 1 (taken at the power the pair's share of alpha gives one
 * side there) to 20x, narrowed on ln ratio (narrow-power-crossing.ts). With the same seeded runs at every ratio only
 * A's dollars scale, so a run decided A ahead stays so at any larger ratio: the power is monotone.
 */
export function findDetectableRatio(request: Omit<RatioPowerRequest, 'ratio'>, target = 0.8): DetectableRatio {
  checkTarget(target);
  checkCount(request.tasks, 'tasks', 1);
  const design = prepareDesign(request);
  const tried: DetectableRatio['tried'] = [];
  const estimate = (logRatio: number) => {
    const found = design.estimate(request.tasks, Math.exp(logRatio));
    tried.push({ ratio: found.ratio, power: found.power });
    return { ...found, x: logRatio };
  };
  const top = estimate(Math.log(MAX_DETECTABLE_RATIO));
  const base = { target, tasks: request.tasks };
  if (top.power < target) return { ...base, ratio: null, at: describeEstimate(design, top), tried };
  const size = computeSideAlpha(request);
  const atOne = { ...top, x: 0, power: size, runs: Number.POSITIVE_INFINITY };
  const found = narrowPowerCrossing({ short: atOne, reached: top }, estimate, {
    target,
    toScale: (x) => x,
    fromScale: (s) => s,
    snap: (x) => x,
    width: () => LOG_RATIO_TOLERANCE,
  });
  return { ...base, ratio: found.reached.ratio, at: describeEstimate(design, found.reached), tried };
}

/** A design with its estimates, each simulated once per process (remember-power.ts). */
interface KeyedDesign extends PowerDesign {
  /** `runs` in place of the design's: the search's first, rough brackets. */
  estimate(tasks: number, ratio: number, runs?: number): PowerEstimate;
}

function prepareDesign(request: Omit<RatioPowerRequest, 'tasks' | 'ratio'>): KeyedDesign {
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
  const design: PowerDesign = {
    alpha,
    providers,
    minEffect,
    enabled,
    calibrationSe,
    runs,
    seed,
    stop,
    model: resolveTaskModel(request.observed, request.assumed, request.budget ?? null),
  };
  const key = keyPowerDesign(design, request.observed, request.assumed, request.budget ?? null);
  return {
    ...design,
    estimate: (tasks, ratio, runs = design.runs) =>
      rememberPower(key === null ? null : `${key}|${tasks}|${ratio}|${capPowerRuns(runs, tasks)}`, () =>
        estimateRatioPower({ ...design, runs }, tasks, ratio),
      ),
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

/** One side's share of alpha for a pair: alpha over the pairs (Bonferroni), halved for the two-sided decision. */
function computeSideAlpha(request: { alpha: number; providers: number }): number {
  return request.alpha / Math.max(1, (request.providers * (request.providers - 1)) / 2) / 2;
}
