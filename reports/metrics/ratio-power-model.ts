// Where a power simulation's tasks come from: the pair's observed tasks resampled, or an assumed pass/fail, lognormal-cost model (pure).
import { AppError } from '../../kernel/index.js';
import { computeNormalUpperQuantile } from '../stats/group-sequential-normal.js';
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

/** When nothing is known: a quarter of arms fail on each side, costs scatter by a factor of e^0.5 per arm and per task. */
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
  /** The observed tasks resampled: how many, their ratio of sums, each side's share of failed tasks (quality 0). */
  observed: { tasks: number; ratio: number; failed_a: number; failed_b: number } | null;
  /** The assumed model's every figure; null when the observed tasks were used. */
  assumed: AssumedTaskModel | null;
  /** The assumed figures taken from the defaults (none given). */
  defaulted: Array<keyof AssumedTaskModel>;
  /** Why observed tasks were given but not used; null otherwise. */
  fallback: string | null;
}

/** Draws one task into out = [qA, cA, qB, cB]; a fixed count of uniforms per task, so a seed replays across ratios. */
export type TaskDraw = (random: SeededRandom, out: Float64Array) => void;

export interface TaskModel {
  summary: TaskModelSummary;
  /** The draw whose population ratio of sums (A's work per $ over B's) is exactly `ratio`. */
  createDraw(ratio: number): TaskDraw;
}

/**
 * The observed tasks when they can carry a ratio (at least MIN_RATIO_TASKS, both sides did work and spent), else
 * the assumed model (given figures over the defaults), saying why.
 */
export function resolveTaskModel(observed: readonly RatioTask[] | null | undefined, assumed: Partial<AssumedTaskModel> = {}): TaskModel {
  let fallback: string | null = null;
  if (observed) {
    checkObserved(observed);
    const r = compareRatioOfSums(observed);
    if (observed.length < MIN_RATIO_TASKS) fallback = `only ${observed.length} observed task(s), fewer than ${MIN_RATIO_TASKS}`;
    else if (r.degenerate === 'no-cost') fallback = 'a side of the observed tasks spent nothing';
    else if (r.degenerate === 'no-work') fallback = 'neither side did any correct work on the observed tasks';
    else if (r.degenerate === 'a-no-work') fallback = 'A did no correct work on the observed tasks (ratio 0)';
    else if (r.degenerate === 'b-no-work') fallback = 'B did no correct work on the observed tasks (ratio infinite)';
    else if (r.ratio !== null && r.ratio > 0 && Number.isFinite(r.ratio)) return observeTasks(observed, r.ratio);
    else fallback = 'the observed ratio is undefined';
  }
  return assumeTasks(assumed, fallback);
}

/** n tasks from the model at `ratio`, seeded: what the simulation feeds the looks, for checks and examples. */
export function drawRatioTasks(model: TaskModel, ratio: number, count: number, seed: string | number): RatioTask[] {
  const random = createSeededRandom(seed);
  const draw = model.createDraw(ratio);
  const out = new Float64Array(4);
  return Array.from({ length: count }, () => {
    draw(random, out);
    return { qA: out[0] as number, cA: out[1] as number, qB: out[2] as number, cB: out[3] as number };
  });
}

/** The model in one line, for the report beside the figures it gave. */
export function describeTaskModel(summary: TaskModelSummary): string {
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  if (summary.observed !== null) {
    const { tasks, failed_a, failed_b } = summary.observed;
    return `the pair's ${tasks} tasks resampled (A failed ${percent(failed_a)}, B ${percent(failed_b)}), A's dollars scaled to each ratio`;
  }
  const m = summary.assumed ?? ASSUMED_TASK_DEFAULTS;
  const assumed =
    `assumed: A passes ${percent(m.success_a)} of tasks and B ${percent(m.success_b)} (shared task difficulty, probit SD ${m.task_sd}), ` +
    `dollars lognormal (SD of ln $ ${m.cost_sd} per arm, ${m.task_cost_sd} per task)`;
  const defaulted = summary.defaulted.length > 0 ? `; defaults: ${summary.defaulted.join(', ')}` : '';
  return `${assumed}${defaulted}${summary.fallback === null ? '' : `; the observed tasks not used: ${summary.fallback}`}`;
}

/**
 * Each simulated task is one observed task drawn with replacement, A's dollars times observed / target ratio, so the
 * population (the observed tasks) has exactly the target ratio of sums and keeps its failures, cost skew and the
 * pairing of both sides on a task (a nonparametric bootstrap of the tasks, Efron & Tibshirani 1993, ch. 6).
 */
function observeTasks(tasks: readonly RatioTask[], observedRatio: number): TaskModel {
  const rows = tasks.map((t) => [t.qA, t.cA, t.qB, t.cB] as const);
  const failed = (side: 'qA' | 'qB') => tasks.filter((t) => t[side] === 0).length / tasks.length;
  return {
    summary: {
      kind: 'observed',
      observed: { tasks: tasks.length, ratio: observedRatio, failed_a: failed('qA'), failed_b: failed('qB') },
      assumed: null,
      defaulted: [],
      fallback: null,
    },
    createDraw(ratio) {
      const scale = observedRatio / ratio;
      return (random, out) => {
        const row = rows[Math.floor(random() * rows.length)] as readonly number[];
        out[0] = row[0] as number;
        out[1] = (row[1] as number) * scale;
        out[2] = row[2] as number;
        out[3] = row[3] as number;
      };
    },
  };
}

/**
 * Pass/fail by a probit model with a shared task difficulty u ~ N(0, task_sd^2): a side passes when
 * z_side + u + e > 0, e ~ N(0, 1), z_side = Phi^-1(success) sqrt(1 + task_sd^2), so its marginal pass rate is the one
 * given. ln dollars = mu_side + v + w, v ~ N(0, task_cost_sd^2) shared, w ~ N(0, cost_sd^2) per arm; B's mean is $1
 * and A's mean is success_a / (success_b ratio), so the population's ratio of sums is exactly the target.
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
  const muB = -(model.task_cost_sd ** 2 + model.cost_sd ** 2) / 2;
  return {
    summary: { kind: 'assumed', observed: null, assumed: model, defaulted, fallback },
    createDraw(ratio) {
      const muA = muB + Math.log(model.success_a / (model.success_b * ratio));
      const pair = new Float64Array(2);
      return (random, out) => {
        drawNormalPair(random, pair);
        const u = (pair[0] as number) * model.task_sd;
        const v = (pair[1] as number) * model.task_cost_sd;
        drawNormalPair(random, pair);
        out[0] = zA + u + (pair[0] as number) > 0 ? 1 : 0;
        out[2] = zB + u + (pair[1] as number) > 0 ? 1 : 0;
        drawNormalPair(random, pair);
        out[1] = Math.exp(muA + v + model.cost_sd * (pair[0] as number));
        out[3] = Math.exp(muB + v + model.cost_sd * (pair[1] as number));
      };
    },
  };
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
