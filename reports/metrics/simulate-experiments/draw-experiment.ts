// Draws one seeded experiment of a shape: tasks in AB/BA or Williams order, arms run period by period, every pair's tasks as they complete (pure).
import { computeNormalUpperQuantile } from '../../stats/normal-tail.js';
import type { SeededRandom } from '../../stats/seeded-random.js';
import { drawNormal } from '../../stats/simulate-distributions.js';
import { createWilliamsDesign } from '../../stats/williams-design.js';
import type { RatioPairTask } from '../pair-ratio-tasks.js';
import type { ShapeModel } from './build-shape-model.js';

/**
 * One pair of providers (indices, A = 0), its tasks in the order both arms were done (each in the shape the report's
 * pairs give the decision, `sequence` AB when A's arm ran first), and the arm that completed each.
 */
export interface SimulatedPair {
  a: number;
  b: number;
  tasks: RatioPairTask[];
  /** 0-based index, in the plan's arm order, of the arm after which each task of `tasks` was complete for the pair. */
  completedAt: number[];
}

export interface SimulatedExperiment {
  pairs: SimulatedPair[];
  /** Arms the plan holds: tasks x providers x epochs. */
  arms: number;
  /** Per provider, per task (in plan order): the task value and the index of its arm in the last epoch. */
  quality: Float64Array[];
  dollars: Float64Array[];
  armAt: Int32Array[];
}

/** What drawing needs, computed once per cell: each class's pass thresholds on the latent scale. */
export interface PreparedShape {
  model: ShapeModel;
  /** thresholds[class][provider]: an arm passes when its latent score is below it (Phi^-1 of its pass chance). */
  thresholds: number[][];
  /** Some arm's cost carries the task's difficulty (ArmModel.elasticity). */
  elastic: boolean;
}

export function prepareShape(model: ShapeModel): PreparedShape {
  // P(Z < a) = pass, so a = the upper quantile of 1 - pass (-Infinity at 0: never; +Infinity at 1: always).
  const thresholds = model.classes.map((taskClass) => taskClass.arms.map((arm) => computeNormalUpperQuantile(1 - arm.pass)));
  const elastic = model.classes.some((taskClass) => taskClass.arms.some((arm) => (arm.elasticity ?? 0) > 0));
  return { model, thresholds, elastic };
}

/** An arm's own cost noise, mean 1: Pareto of index alpha (scale (alpha - 1) / alpha), else lognormal of sdlog. */
function drawNoise(arm: ShapeModel['classes'][number]['arms'][number], random: SeededRandom): number {
  if (arm.pareto !== undefined) return ((arm.pareto - 1) / arm.pareto) * (1 - random()) ** (-1 / arm.pareto);
  return arm.sdlog > 0 ? Math.exp(arm.sdlog * drawNormal(random) - (arm.sdlog * arm.sdlog) / 2) : 1;
}

/**
 * N tasks, each given a sequence as `experiment plan` does (buildPlan): the Williams rows of k providers (AB and BA
 * for two) shuffled, then cycled over the tasks. The runner claims arms in plan order, epoch by epoch and within
 * an epoch period by period over the tasks (runner/plan/build-plan.ts, arm-queue.ts); a task enters every pair with
 * its last arm (pairRatioTasks), so the pairs see their tasks in plan order, the sequences balanced as they come. Per task: a
 * latent hardness z shared by every arm (passes correlate at taskRho), a class by weight, and per arm and epoch a
 * pass (latent below the threshold), a quality (1, or the partial credit of a fail) and dollars (class cost x
 * period factor x the task's cost factor x own lognormal noise); the epochs average into one task value.
 */
export function drawExperiment(prepared: PreparedShape, tasks: number, random: SeededRandom): SimulatedExperiment {
  const drawn = drawArmValues(prepared, tasks, random);
  return { ...drawn, pairs: pairTasks(drawn, prepared.model.providers, tasks) };
}

/** Every arm's value, cost and place in the plan, without the pairs (a capped shape's truth reads only these). */
export function drawArmValues(prepared: PreparedShape, tasks: number, random: SeededRandom): Omit<SimulatedExperiment, 'pairs'> {
  const { model, thresholds } = prepared;
  const k = model.providers;
  const sequences = shuffle(createWilliamsDesign(Array.from({ length: k }, (_, p) => p)), random);
  const rho = Math.sqrt(model.taskRho);
  const own = Math.sqrt(1 - model.taskRho);
  const tau = model.taskCostSdlog;
  const quality = Array.from({ length: k }, () => new Float64Array(tasks));
  const dollars = Array.from({ length: k }, () => new Float64Array(tasks));
  const before = (model.epochs - 1) * k * tasks;
  const armAt = Array.from({ length: k }, () => new Int32Array(tasks));
  for (let i = 0; i < tasks; i += 1) {
    const sequence = sequences[i % sequences.length] as number[];
    const z = drawNormal(random);
    const costZ = model.hardCostly ? z : tau > 0 || prepared.elastic ? drawNormal(random) : 0;
    const taskFactor = tau > 0 ? Math.exp(tau * costZ - (tau * tau) / 2) : 1;
    const c = pickClass(model, random);
    for (let period = 0; period < k; period += 1) {
      const p = sequence[period] as number;
      const arm = model.classes[c]?.arms[p];
      if (!arm) continue;
      const threshold = (thresholds[c] as number[])[p] as number;
      const elasticity = arm.elasticity ?? 0;
      const steep = elasticity > 0 ? Math.exp(elasticity * costZ - (elasticity * elasticity) / 2) : 1;
      const carried = period > 0 ? (model.afterOther?.[p] ?? 1) : 1;
      const factor = arm.cost * (model.periodCost[period] as number) * carried * taskFactor * steep;
      let q = 0;
      let cost = 0;
      const budget = model.budgets?.[p] ?? Number.POSITIVE_INFINITY;
      for (let epoch = 0; epoch < model.epochs; epoch += 1) {
        const runaway = arm.runaway !== undefined && random() < arm.runaway.share;
        const pass = !runaway && rho * z + own * drawNormal(random) < threshold;
        const credit = pass ? 1 : model.partial > 0 && !runaway ? model.partial * random() : 0;
        const level = runaway ? (arm.runaway?.cost ?? 1) : pass ? 1 : (arm.failCost ?? 1);
        const spent = factor * level * drawNoise(arm, random);
        // An arm that reaches its task budget is stopped there: a failure that cost the budget.
        q += spent >= budget ? 0 : credit;
        cost += Math.min(spent, budget);
      }
      (quality[p] as Float64Array)[i] = q / model.epochs;
      (dollars[p] as Float64Array)[i] = cost / model.epochs;
      (armAt[p] as Int32Array)[i] = before + period * tasks + i;
    }
  }
  return { arms: model.epochs * k * tasks, quality, dollars, armAt };
}

/** Each pair's tasks, in the order their last arm completed them (pairRatioTasks): one order for all pairs. */
function pairTasks({ quality, dollars, armAt }: Omit<SimulatedExperiment, 'pairs'>, k: number, tasks: number): SimulatedPair[] {
  const done = Array.from({ length: tasks }, (_, i) => {
    let at = 0;
    for (const column of armAt) at = Math.max(at, column[i] as number);
    return { i, at };
  }).sort((x, y) => x.at - y.at);
  const completedAt = done.map(({ at }) => at);
  const pairs: SimulatedPair[] = [];
  for (let a = 0; a < k; a += 1)
    for (let b = a + 1; b < k; b += 1)
      pairs.push({
        a,
        b,
        tasks: done.map(({ i }) => ({
          qA: (quality[a] as Float64Array)[i] as number,
          cA: (dollars[a] as Float64Array)[i] as number,
          qB: (quality[b] as Float64Array)[i] as number,
          cB: (dollars[b] as Float64Array)[i] as number,
          subject: '',
          sequence: ((armAt[a] as Int32Array)[i] as number) < ((armAt[b] as Int32Array)[i] as number) ? 'AB' : 'BA',
          completed_at: '',
        })),
        completedAt,
      });
  return pairs;
}

function pickClass(model: ShapeModel, random: SeededRandom): number {
  if (model.classes.length === 1) return 0;
  let u = random();
  for (let c = 0; c < model.classes.length - 1; c += 1) {
    u -= (model.classes[c] as { weight: number }).weight;
    if (u < 0) return c;
  }
  return model.classes.length - 1;
}

/** Fisher-Yates, seeded. */
function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
