// The power of a planned design (tasks x epochs) for the pre-registered difference, and what would reach 0.8: pure.
import { isAppError, pluralize } from '../../kernel/index.js';
import { convertRelativeToGap } from '../stats/efficiency-share.js';
import { computePower } from '../stats/power.js';
import { computeSampleSize } from '../stats/sample-size.js';

/** Where the variance came from: earlier windows of the data dir, or a stated assumption. */
export interface PlanningVariance {
  source: 'earlier-windows' | 'default-assumption';
  /** Variance of one run's share gap A - B split into its task and run parts; `within` null when unknown. */
  between: number;
  within: number | null;
  /** The reference provider's mean efficiency, for the record (the relevant gap is r / (2 + r) whatever it is). */
  reference_mean: number;
  /** What it was estimated from (or assumed), in words. */
  description: string;
  windows: number;
  tasks: string[];
  providers: string[];
}

export interface DesignPower {
  tasks: number;
  epochs: number;
  design: 'crossover';
  alpha: number;
  min_effect: number;
  target_power: number;
  relevant_difference: number;
  /** SD of a task's mean A - B difference: sqrt(sigma_b^2 + sigma_w^2 / K). */
  sd_task_mean: number;
  effect: number;
  power: number | null;
  underpowered: boolean;
  /** Tasks (at this many epochs) that reach the target power. */
  tasks_needed: number | null;
  /** Epochs (with these tasks) that reach it, up to `maxEpochs`; null when none does. */
  epochs_needed: number | null;
  /** The power with every task run infinitely often (sigma_w^2 / K -> 0); null when the split is unknown. */
  power_epochs_unbounded: number | null;
  variance: PlanningVariance;
  notes: string[];
  /** The loud line: null when the design reaches the target power. */
  warning: string | null;
}

export interface DesignPowerInput {
  tasks: number;
  epochs: number;
  providers: number;
  alpha: number;
  minEffect: number;
  variance: PlanningVariance;
  targetPower?: number;
  maxEpochs?: number;
}

/**
 * The task is the unit: var(task mean of the share gap A - B) = sigma_b^2 + sigma_w^2 / K, and the AB/BA t test
 * (noncentral t, reports/stats/power.ts) runs on n = tasks with d = relevant gap r / (2 + r) over its root, at
 * alpha / m for m pairs: the same calculation the report's Power section makes (plan-share-sample-size.ts). Epochs shrink only the
 * within part, so when sigma_b^2 alone leaves the power below target no K reaches it, and the result says so.
 */
export function planDesignPower(input: DesignPowerInput): DesignPower {
  const target = input.targetPower ?? 0.8;
  const maxEpochs = input.maxEpochs ?? 20;
  const { variance, tasks, epochs } = input;
  // The primary analysis decides each of the m pairs at Holm's level; its first step is alpha / m.
  const pairs = Math.max(1, (input.providers * (input.providers - 1)) / 2);
  const alpha = input.alpha / pairs;
  const relevant = convertRelativeToGap(input.minEffect);
  const sdAt = (k: number): number => Math.sqrt(variance.between + (variance.within ?? 0) / k);
  // d must be a finite number > 0: an SD past the double range (variances of efficiencies near 1e155 overflow)
  // made d = 0, which computePower refuses, and the plan crashed (issue 32, item 13).
  const powerAt = (n: number, sd: number): number | null =>
    n >= 3 && sd > 0 && relevant > 0 && relevant / sd > 0 && Number.isFinite(relevant / sd)
      ? computePower({ design: 'crossover', effect: relevant / sd, n, alpha }).power
      : null;
  const sd = sdAt(epochs);
  const effect = sd > 0 ? relevant / sd : Number.POSITIVE_INFINITY;
  const power = powerAt(tasks, sd);
  const notes: string[] = [];
  const undefinedEffect = explainUndefinedEffect(relevant, sd);
  if (undefinedEffect) notes.push(`power n/a: ${undefinedEffect}`);
  if (tasks < 3) notes.push(`${pluralize(tasks, 'task')}: the AB/BA test needs at least 3`);
  if (pairs > 1)
    notes.push(
      `${input.providers} providers, ${pairs} pairs: each pair's test at alpha / ${pairs} = ${Number(alpha.toPrecision(3))} (Holm's first step)`,
    );
  if (variance.within === null)
    notes.push('the earlier windows ran each task once: how much of their variance epochs would remove is unknown, so none is assumed');
  const tasksNeeded = findTasksNeeded(effect, relevant, target, alpha, (note) => notes.push(note));
  let epochsNeeded: number | null = null;
  if (variance.within !== null && tasks >= 3)
    for (let k = epochs; k <= maxEpochs && epochsNeeded === null; k += 1) if ((powerAt(tasks, sdAt(k)) ?? 0) >= target) epochsNeeded = k;
  const unbounded = variance.within === null ? null : powerAt(tasks, Math.sqrt(variance.between));
  const underpowered = power === null || power < target;
  const result = {
    tasks,
    epochs,
    design: 'crossover' as const,
    alpha,
    min_effect: input.minEffect,
    target_power: target,
    relevant_difference: relevant,
    sd_task_mean: sd,
    effect,
    power,
    underpowered,
    tasks_needed: tasksNeeded,
    epochs_needed: epochsNeeded,
    power_epochs_unbounded: unbounded,
    variance,
    notes,
  };
  return { ...result, warning: underpowered ? describeShortfall(result, maxEpochs) : null };
}

/** Null (with the reason in a note) past the sample-size search's range or without a difference to detect. */
function findTasksNeeded(effect: number, relevant: number, target: number, alpha: number, note: (text: string) => void): number | null {
  if (!Number.isFinite(effect) || !(effect > 0) || !(relevant > 0)) return null;
  try {
    return computeSampleSize({ design: 'crossover', effect, power: target, alpha }).n;
  } catch (error) {
    if (!isAppError(error)) throw error;
    note(`tasks needed: ${error.message}`);
    return null;
  }
}

/**
 * Why d = difference / SD is no finite number > 0 although both were computed (null when it is one): an SD past
 * the double range or 0, a difference of 0, or a ratio that overflows or underflows. Shared with plan-sample-size.ts.
 */
export function explainUndefinedEffect(difference: number, sd: number): string | null {
  const d = difference / sd;
  if (Number.isFinite(d) && d > 0) return null;
  if (!Number.isFinite(sd)) return `the SD of the A - B differences is ${sd}: the values are too large to square in double precision`;
  if (!Number.isFinite(difference)) return `the difference to detect is ${difference}: the values are too large for double precision`;
  if (sd === 0)
    return 'the SD of the A - B differences is 0 (no variation, or values too small to square in double precision), so d is undefined';
  if (!(difference > 0)) return 'the difference to detect is 0';
  return d === 0
    ? `d = ${difference} / ${sd} underflows to 0 in double precision (the difference is too small against the SD)`
    : `d = ${difference} / ${sd} overflows double precision (the SD is too small against the difference)`;
}

function describeShortfall(power: Omit<DesignPower, 'warning'>, maxEpochs: number): string {
  const now = power.power === null ? 'has no test at all' : `has power ${power.power.toFixed(2)}`;
  const lines = [
    `WARNING: ${pluralize(power.tasks, 'task')} x ${pluralize(power.epochs, 'epoch')} ${now} (below ${power.target_power}) to detect a ${Math.round(power.min_effect * 100)}% difference at alpha ${Number(power.alpha.toPrecision(3))}.`,
  ];
  if (power.tasks_needed !== null)
    lines.push(`${pluralize(power.tasks_needed, 'task')} (at ${pluralize(power.epochs, 'epoch')} each) would reach ${power.target_power}.`);
  if (power.epochs_needed !== null)
    lines.push(`${pluralize(power.epochs_needed, 'epoch')} (on these ${pluralize(power.tasks, 'task')}) would reach it too.`);
  else if (power.variance.within === null)
    lines.push('Whether more epochs help is unknown (no repeated runs to split the variance): add tasks.');
  else
    lines.push(
      `No number of epochs reaches it (up to ${maxEpochs}): epochs shrink only the within-task variance, the between-task variance alone keeps it below ${power.target_power}: even infinitely many epochs give power ${power.power_epochs_unbounded === null ? 'n/a' : power.power_epochs_unbounded.toFixed(2)}; add tasks.`,
    );
  return lines.join(' ');
}
