// Where a power simulation's tasks come from: the pair's observed tasks resampled with the tails they may not show yet, or an assumed model (pure).
import { AppError } from '../../kernel/index.js';
import { computeNormalUpperQuantile } from '../stats/normal-tail.js';
import { compareRatioOfSums, MIN_RATIO_TASKS, type RatioTask } from '../stats/ratio-of-sums.js';
import { createSeededRandom, type SeededRandom } from '../stats/seeded-random.js';

/** The assumed model: pass (quality 1) or fail (0) on each side, lognormal dollars; every figure is printed. */
export interface AssumedTaskModel {
  /** P(A passes a task), P(B passes it), in (0, 1]. */
  success_a: number;
  success_b: number;
  /** SD of ln(dollars) of one arm around its task's level: the arm's own spread. */
  cost_sd: number;
  /** SD of ln(dollars) of a task's level, shared by both sides (a big task costs both more). */
  task_cost_sd: number;
  /** SD of a task's difficulty on the probit scale, shared by both sides (a hard task fails both more often). */
  task_sd: number;
}

/**
 * When nothing is known: a quarter of arms fail on each side, costs scatter by a factor of e^0.5 per arm and per task,
 * and each arm's budget is ASSUMED_BUDGET_MULTIPLE times the median arm's cost (an arm past it: stopped, a failure).
 */
export const ASSUMED_BUDGET_MULTIPLE = 5;
export const ASSUMED_TASK_DEFAULTS: Readonly<AssumedTaskModel> = {
  success_a: 0.75,
  success_b: 0.75,
  cost_sd: 0.5,
  task_cost_sd: 0.5,
  task_sd: 1,
};

/** What the simulation drew from, to print beside its figures. */
export interface TaskModelSummary {
  kind: 'observed' | 'assumed';
  /**
   * The observed tasks resampled: how many, their ratio of sums, each side's share of failed tasks (quality 0), and the
   * share of arms added at the budget on each side (runaways the tasks may not show yet: UNSEEN_RUNAWAYS / tasks).
   */
  observed: { tasks: number; ratio: number; failed_a: number; failed_b: number; runaways: number } | null;
  /** The assumed model's every figure; null when the observed tasks were used. */
  assumed: AssumedTaskModel | null;
  /** The assumed figures taken from the defaults (none given). */
  defaulted: Array<keyof AssumedTaskModel>;
  /** Why observed tasks were given but not used; null otherwise. */
  fallback: string | null;
}

/** Draws one task into out = [qA, cA, qB, cB], each cost over its side's budget (in [0, 1]). */
export type TaskDraw = (random: SeededRandom, out: Float64Array) => void;

export interface TaskModel {
  summary: TaskModelSummary;
  /** One draw for every ratio (common random numbers: power is then monotone in the ratio). */
  draw: TaskDraw;
  /** Budget A over budget B that makes the population's ratio of work per $ (A's over B's) exactly `ratio`. */
  scaleFor(ratio: number): number;
}

/**
 * Runaways a sample of n tasks may not have met, added to every side at UNSEEN_RUNAWAYS / n of its arms (a failure at
 * its budget), so the power the sample predicts is not the power of a world without them: a sample that missed a
 * provider's loops looks exactly like a provider that has none. 2 / n is the rate n tasks without one rule out with 86%
 * confidence (Poisson, 1 - e^-2). ADR 0041 measures the printed tasks-needed with it: on 20 pilots of 40 tasks of
 * tails of different kinds at a true 1.5x, at 1 / n 4 of 20 delivered 68-73% power for the promised 80%; at 2 / n
 * none did (82-100%).
 */
export const UNSEEN_RUNAWAYS = 2;

/** Below 20 tasks 2 / n says more than the sample can (half the arms at 4 tasks): the added share stops at 10%. */
const MAX_UNSEEN_SHARE = 0.1;

/**
 * The observed tasks when they can carry a ratio (at least MIN_RATIO_TASKS, both sides did work and spent), else
 * the assumed model (given figures over the defaults), saying why.
 */
export function resolveTaskModel(
  observed: readonly RatioTask[] | null | undefined,
  assumed: Partial<AssumedTaskModel> = {},
  budget: { a: number; b: number } | null = null,
): TaskModel {
  let fallback: string | null = null;
  if (observed) {
    checkObserved(observed);
    const r = compareRatioOfSums(observed);
    if (observed.length < MIN_RATIO_TASKS) fallback = `only ${observed.length} observed task(s), fewer than ${MIN_RATIO_TASKS}`;
    else if (r.degenerate === 'no-cost') fallback = 'a side of the observed tasks spent nothing';
    else if (r.degenerate === 'no-work') fallback = 'neither side did any correct work on the observed tasks';
    else if (r.degenerate === 'a-no-work') fallback = 'A did no correct work on the observed tasks (ratio 0)';
    else if (r.degenerate === 'b-no-work') fallback = 'B did no correct work on the observed tasks (ratio infinite)';
    else if (r.ratio !== null && r.ratio > 0 && Number.isFinite(r.ratio)) return observeTasks(observed, r.ratio, budget);
    else fallback = 'the observed ratio is undefined';
  }
  return assumeTasks(assumed, fallback);
}

/** n tasks from the model at `ratio`, seeded, in dollars with B's budget 1 and A's the model's scale: for checks and examples. */
export function drawRatioTasks(model: TaskModel, ratio: number, count: number, seed: string | number): RatioTask[] {
  const random = createSeededRandom(seed);
  const scale = model.scaleFor(ratio);
  const out = new Float64Array(4);
  return Array.from({ length: count }, () => {
    model.draw(random, out);
    return { qA: out[0] as number, cA: (out[1] as number) * scale, qB: out[2] as number, cB: out[3] as number };
  });
}

/** The model in one line, for the report beside the figures it gave. */
export function describeTaskModel(summary: TaskModelSummary): string {
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  if (summary.observed !== null) {
    const { tasks, failed_a, failed_b, runaways } = summary.observed;
    return `the pair's ${tasks} tasks resampled (A failed ${percent(failed_a)}, B ${percent(failed_b)}), with ${percent(runaways)} of each side's arms added as runaways stopped at their budget (what ${tasks} tasks cannot rule out), A's dollars scaled to each ratio`;
  }
  const m = summary.assumed ?? ASSUMED_TASK_DEFAULTS;
  const assumed =
    `assumed: A passes ${percent(m.success_a)} of tasks and B ${percent(m.success_b)} (shared task difficulty, probit SD ${m.task_sd}), ` +
    `dollars lognormal (SD of ln $ ${m.cost_sd} per arm, ${m.task_cost_sd} per task), each arm's budget ${ASSUMED_BUDGET_MULTIPLE}x the median arm's`;
  const defaulted = summary.defaulted.length > 0 ? `; defaults: ${summary.defaulted.join(', ')}` : '';
  return `${assumed}${defaulted}${summary.fallback === null ? '' : `; the observed tasks not used: ${summary.fallback}`}`;
}

/**
 * Each simulated task is one observed task drawn with replacement (a nonparametric bootstrap of the tasks, Efron &
 * Tibshirani 1993, ch. 6: their failures, cost skew and pairing kept), its costs over the budgets (the dearest arm
 * when none was registered); then each side's arm is, with chance UNSEEN_RUNAWAYS / n, a runaway stopped at its
 * budget (quality 0, cost 1). The population's ratio of work per budget is computed exactly, and A's budget scaled so
 * that in dollars it is the target.
 */
function observeTasks(tasks: readonly RatioTask[], observedRatio: number, given: { a: number; b: number } | null): TaskModel {
  const budget = given ?? { a: Math.max(...tasks.map((t) => t.cA)), b: Math.max(...tasks.map((t) => t.cB)) };
  const rows = tasks.map((t) => [t.qA, Math.min(1, t.cA / budget.a), t.qB, Math.min(1, t.cB / budget.b)] as const);
  const failed = (side: 'qA' | 'qB') => tasks.filter((t) => t[side] === 0).length / tasks.length;
  const runaways = Math.min(MAX_UNSEEN_SHARE, UNSEEN_RUNAWAYS / tasks.length);
  const mean = (k: number) => rows.reduce((sum, row) => sum + (row[k] as number), 0) / rows.length;
  const [qA, cA, qB, cB] = [mean(0), mean(1), mean(2), mean(3)];
  // With the runaways mixed in: E q = (1 - r) mean q, E c = (1 - r) mean c + r.
  const units = ((1 - runaways) * qA) / ((1 - runaways) * cA + runaways) / (((1 - runaways) * qB) / ((1 - runaways) * cB + runaways));
  return {
    summary: {
      kind: 'observed',
      observed: { tasks: tasks.length, ratio: observedRatio, failed_a: failed('qA'), failed_b: failed('qB'), runaways },
      assumed: null,
      defaulted: [],
      fallback: null,
    },
    draw: (random, out) => {
      const row = rows[Math.floor(random() * rows.length)] as readonly number[];
      const a = random() < runaways;
      const b = random() < runaways;
      out[0] = a ? 0 : (row[0] as number);
      out[1] = a ? 1 : (row[1] as number);
      out[2] = b ? 0 : (row[2] as number);
      out[3] = b ? 1 : (row[3] as number);
    },
    scaleFor: (ratio) => units / ratio,
  };
}

/**
 * Pass/fail by a probit model with a shared task difficulty u ~ N(0, task_sd^2): a side passes when
 * z_side + u + e > 0, e ~ N(0, 1), z_side = Phi^-1(success) sqrt(1 + task_sd^2), so its marginal pass rate is the one
 * given. ln dollars = v + w, v ~ N(0, task_cost_sd^2) shared, w ~ N(0, cost_sd^2) per arm, over a budget of
 * ASSUMED_BUDGET_MULTIPLE times the median arm (e^0): an arm past it is stopped there, a failure. The population's ratio
 * of work per budget is measured once on POPULATION_DRAWS draws of a fixed seed.
 */
function assumeTasks(given: Partial<AssumedTaskModel>, fallback: string | null): TaskModel {
  const keys = Object.keys(ASSUMED_TASK_DEFAULTS) as Array<keyof AssumedTaskModel>;
  const defaulted = keys.filter((key) => given[key] === undefined);
  const model: AssumedTaskModel = { ...ASSUMED_TASK_DEFAULTS };
  for (const key of keys) model[key] = given[key] ?? ASSUMED_TASK_DEFAULTS[key];
  checkAssumed(model);
  const spread = Math.sqrt(1 + model.task_sd ** 2);
  const zA = computeNormalUpperQuantile(1 - model.success_a) * spread;
  const zB = computeNormalUpperQuantile(1 - model.success_b) * spread;
  const pair = new Float64Array(2);
  const draw: TaskDraw = (random, out) => {
    drawNormalPair(random, pair);
    const u = (pair[0] as number) * model.task_sd;
    const v = (pair[1] as number) * model.task_cost_sd;
    drawNormalPair(random, pair);
    const passA = zA + u + (pair[0] as number) > 0;
    const passB = zB + u + (pair[1] as number) > 0;
    drawNormalPair(random, pair);
    const cA = Math.exp(v + model.cost_sd * (pair[0] as number)) / ASSUMED_BUDGET_MULTIPLE;
    const cB = Math.exp(v + model.cost_sd * (pair[1] as number)) / ASSUMED_BUDGET_MULTIPLE;
    out[0] = passA && cA < 1 ? 1 : 0;
    out[1] = Math.min(1, cA);
    out[2] = passB && cB < 1 ? 1 : 0;
    out[3] = Math.min(1, cB);
  };
  const units = measurePopulation(draw);
  return { summary: { kind: 'assumed', observed: null, assumed: model, defaulted, fallback }, draw, scaleFor: (ratio) => units / ratio };
}

const POPULATION_DRAWS = 200_000;

/** The ratio of work per budget of a draw's population, from POPULATION_DRAWS draws of a fixed seed. */
function measurePopulation(draw: TaskDraw): number {
  const random = createSeededRandom('assumed-population');
  const out = new Float64Array(4);
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < POPULATION_DRAWS; i += 1) {
    draw(random, out);
    for (let k = 0; k < 4; k += 1) sums[k] = (sums[k] as number) + (out[k] as number);
  }
  const [qA, cA, qB, cB] = sums as [number, number, number, number];
  return qA / cA / (qB / cB);
}

/** Two independent standard normals from two uniforms (Box & Muller 1958, both halves: half the logs of one per draw). */
function drawNormalPair(random: SeededRandom, out: Float64Array): void {
  const u = 1 - random();
  const radius = Math.sqrt(-2 * Math.log(u));
  const angle = 2 * Math.PI * random();
  out[0] = radius * Math.cos(angle);
  out[1] = radius * Math.sin(angle);
}

function checkObserved(tasks: readonly RatioTask[]): void {
  tasks.forEach((t, i) => {
    const ok = [t.qA, t.qB].every((q) => q >= 0 && q <= 1) && [t.cA, t.cB].every((c) => c >= 0 && Number.isFinite(c));
    if (!ok)
      throw new AppError(
        'BAD_USAGE',
        `observed task ${i + 1} needs qualities in [0, 1] and finite dollars >= 0, got ${JSON.stringify(t)}`,
        {
          where: 'observed',
        },
      );
  });
}

function checkAssumed(model: AssumedTaskModel): void {
  for (const key of ['success_a', 'success_b'] as const)
    if (!(model[key] > 0 && model[key] <= 1))
      throw new AppError('BAD_USAGE', `${key} must be in (0, 1]: a side that never passes has no ratio, got ${model[key]}`, { where: key });
  for (const key of ['cost_sd', 'task_cost_sd', 'task_sd'] as const)
    if (!(model[key] >= 0 && Number.isFinite(model[key])))
      throw new AppError('BAD_USAGE', `${key} must be a finite number >= 0, got ${model[key]}`, { where: key });
}
