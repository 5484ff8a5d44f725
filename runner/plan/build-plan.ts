// Builds a seeded, counter-balanced crossover plan: tasks shuffled, sequences balanced, periods interleaved.
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { AppError } from '../../kernel/index.js';
import { createWilliamsRows } from './williams-rows.js';

export interface PlanRequest {
  seed: string;
  /** In the order given: the first is arm A, the second B, ... */
  providers: string[];
  taskIds: string[];
  /** Times each (task, provider) arm runs, each in a fresh sandbox; default 1. */
  epochs?: number | undefined;
}

export interface PlanTask {
  task_id: string;
  /** Arm letters in period order, such as AB, BA or ACB. */
  sequence: string;
  /** The provider of each period, in period order. */
  providers: string[];
}

export interface PlanArm {
  /** 0-based position in the execution order. */
  arm_index: number;
  period: number;
  task_id: string;
  sequence: string;
  provider: string;
  /** 1-based repeat of the task's crossover (always 1 without --epochs). */
  epoch: number;
}

export interface Plan {
  plan_id: string;
  seed: string;
  providers: string[];
  design: 'ab-ba' | 'williams';
  /** Arm letter to provider. */
  arms_by_letter: Record<string, string>;
  /** The design's sequences, and how many tasks each got (they differ by at most one). */
  sequence_counts: Record<string, number>;
  tasks: PlanTask[];
  /** Repeats of every (task, provider) arm; the analysis reduces them to a task mean (the task stays the unit). */
  epochs: number;
  /** Execution order: epoch by epoch; within one, every period-1 arm (sequences interleaved), then every period-2 arm, ... */
  arms: PlanArm[];
}

const LETTERS = 'ABCDEFGHIJKL';
/** The most repeats a plan takes: past this, a larger bank helps where more epochs cannot (docs/experiments.md). */
export const MAX_EPOCHS = 20;

/** The same seed, providers and tasks always give the same plan, byte for byte once serialized. */
export function buildPlan(request: PlanRequest): Plan {
  const { seed, providers } = request;
  if (seed === '') throw new AppError('BAD_USAGE', 'the seed is empty', { where: 'seed' });
  if (providers.length < 2 || providers.length > LETTERS.length)
    throw new AppError('BAD_USAGE', `expected 2 to ${LETTERS.length} providers, got ${providers.length}`, { where: 'providers' });
  if (new Set(providers).size !== providers.length)
    throw new AppError('BAD_USAGE', `providers repeat: ${providers.join(',')}`, { where: 'providers' });
  const taskIds = [...new Set(request.taskIds)].sort();
  if (taskIds.length === 0) throw new AppError('BAD_USAGE', 'no tasks to plan', { where: 'tasks' });
  const epochs = request.epochs ?? 1;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_EPOCHS)
    throw new AppError('BAD_USAGE', `--epochs must be a whole number from 1 to ${MAX_EPOCHS}, got ${epochs}`, { where: '--epochs' });
  const random = seedrandom(seed);
  const sequences = shuffle(createWilliamsRows(providers.length), random).map((row) => row.map((arm) => LETTERS[arm] as string).join(''));
  const order = shuffle(taskIds, random);
  const tasks = order.map((task_id, i) => {
    const sequence = sequences[i % sequences.length] as string;
    return { task_id, sequence, providers: [...sequence].map((letter) => providers[LETTERS.indexOf(letter)] as string) };
  });
  return {
    plan_id: derivePlanId(seed, providers, taskIds, epochs),
    seed,
    providers: [...providers],
    design: providers.length === 2 ? 'ab-ba' : 'williams',
    arms_by_letter: Object.fromEntries(providers.map((provider, i) => [LETTERS[i] as string, provider])),
    sequence_counts: Object.fromEntries([...sequences].sort().map((s) => [s, tasks.filter((t) => t.sequence === s).length])),
    tasks,
    epochs,
    arms: orderArms(tasks, providers.length, epochs),
  };
}

/**
 * Epoch by epoch, then period by period; within a period the shuffled task order, which cycles through the
 * sequences. Epoch 1 is exactly the plan without epochs (same arm indices, so the same window ids). Every
 * epoch reuses the task's own sequence rather than alternating it: the task is the unit of the crossover, so
 * its K runs of period 1 and of period 2 average into one subject's y1 and y2 of the AB/BA (or Williams)
 * analysis; an alternated task would sit in two sequences and its period effect would cancel inside it.
 * Counter-balancing stays across tasks, where the design puts it.
 */
function orderArms(tasks: PlanTask[], periods: number, epochs: number): PlanArm[] {
  const arms: PlanArm[] = [];
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    for (let period = 1; period <= periods; period += 1) {
      for (const task of tasks) {
        arms.push({
          arm_index: arms.length,
          period,
          task_id: task.task_id,
          sequence: task.sequence,
          provider: task.providers[period - 1] as string,
          epoch,
        });
      }
    }
  }
  return arms;
}

/**
 * A short sha256 of what defines the plan (tasks sorted, so directory order does not matter). Epochs enter
 * only when above 1, so every plan made before --epochs keeps its id (and its arms their window ids).
 */
export function derivePlanId(seed: string, providers: string[], taskIds: string[], epochs = 1): string {
  const tasks = [...new Set(taskIds)].sort();
  const digest = createHash('sha256')
    .update(JSON.stringify(epochs > 1 ? { seed, providers, tasks, epochs } : { seed, providers, tasks }))
    .digest('hex');
  return `plan-${digest.slice(0, 12)}`;
}

/** Fisher-Yates with the seeded generator; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
