// A provider's power against the baseline, as G1 and the preview read it: the plan's decision on work per $ simulated on the pair's tasks (pure).
import { MIN_RATIO_TASKS } from '../stats/ratio-of-sums.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { pairRatioTasks } from '../metrics/pair-ratio-tasks.js';
import { simulateRatioPower } from '../metrics/simulate-ratio-power.js';

export interface RatioPairPower {
  n_tasks: number;
  ratio: number;
  alpha_adjusted: number;
  power: number | null;
  mc_error: number | null;
  /** The provider's mean quality over the baseline's on the tasks both ran; null when the baseline's is 0. */
  quality_ratio: number | null;
  na: string | null;
}

/** Simulated runs behind a gate's power: +-2.8% at 50% power, enough to tell 0.8 from 0.6 (a preview is recorded often). */
const GATE_RUNS = 200;

/**
 * On the tasks `provider` and `baseline` both ran with a known cost: the chance that one look at that many tasks, at
 * alpha / pairs, names `provider` ahead when it truly does (1 + minEffect) x the baseline's work per $, with the
 * tasks resampled (their failures, cost skew and pairing kept, each side bounded by its dearest arm, the runaways they
 * may not show yet added) and the prices' calibration SE (simulate-ratio-power.ts).
 * Seeded by the pair, so the same data give the same power.
 */
export function computeRatioPairPower(
  windows: readonly WindowMetrics[],
  provider: string,
  baseline: string,
  options: { alpha: number; minEffect: number; pairs: number; calibrationSe: number },
): RatioPairPower {
  const tasks = pairRatioTasks(windows, [provider, baseline])[0]?.tasks ?? [];
  const ratio = 1 + options.minEffect;
  const qa = tasks.reduce((sum, t) => sum + t.qA, 0);
  const qb = tasks.reduce((sum, t) => sum + t.qB, 0);
  const base = {
    n_tasks: tasks.length,
    ratio,
    alpha_adjusted: options.alpha / options.pairs,
    quality_ratio: tasks.length > 0 && qb > 0 ? qa / qb : null,
  };
  if (tasks.length < MIN_RATIO_TASKS)
    return { ...base, power: null, mc_error: null, na: `fewer than ${MIN_RATIO_TASKS} tasks both ran with a known cost (${tasks.length})` };
  // k providers make pairs = k(k - 1) / 2: the simulation splits alpha the same way.
  const providers = Math.round((1 + Math.sqrt(1 + 8 * options.pairs)) / 2);
  const simulated = simulateRatioPower({
    alpha: options.alpha,
    providers,
    minEffect: options.minEffect,
    enabled: false,
    calibrationSe: options.calibrationSe,
    ratio,
    tasks: tasks.length,
    runs: GATE_RUNS,
    seed: `gate:${provider}:${baseline}`,
    observed: tasks,
  });
  return { ...base, power: simulated.power, mc_error: simulated.power_se, na: null };
}
