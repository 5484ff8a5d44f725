// One way from ledger rows to priced, task-level windows: the runner's stop rule and the report both take it: pure.
import type { PriceTable } from '../../budget/prices/index.js';
import type { ReportLedger } from '../../ledger/index.js';
import { computeWindowMetrics, type WindowMetrics } from './compute-window-metrics.js';
import { priceWindowMetrics, type PricedWindows, type ProviderCalibration } from './price-window-metrics.js';
import { reduceEpochs } from './reduce-epochs.js';
import { summarizeWindowUsage } from './summarize-window-usage.js';

export interface MeasuredWindows {
  /** Every completed run (an epoch is a run), priced in `priced.unit`. */
  runs: WindowMetrics[];
  /** Task-level windows: the epochs of each (plan, task, provider) reduced to their means. */
  windows: WindowMetrics[];
  priced: PricedWindows;
  ambiguous_window_ids: string[];
}

/**
 * Telemetry joined by window id, each window priced in the plan's unit (dollars of subscription, calibrated
 * where bars are coarse, or bars), then epochs reduced so the task is the unit. The calibration sees only the
 * windows it is given: the caller scopes the ledger to a plan first (scope-plan-ledger.ts).
 */
export function measureWindows(
  ledger: Pick<ReportLedger, 'windows' | 'telemetry'>,
  unit: 'usd' | 'bars',
  options: { prices: PriceTable; confidence: number; calibrations?: ReadonlyMap<string, ProviderCalibration> | undefined },
): MeasuredWindows {
  const usage = summarizeWindowUsage(ledger.telemetry, options.prices);
  const measured = computeWindowMetrics(ledger.windows, usage);
  const priced = priceWindowMetrics(measured.windows, ledger.windows, unit, options.confidence, options.calibrations);
  return {
    runs: priced.windows,
    windows: reduceEpochs(priced.windows).windows,
    priced,
    ambiguous_window_ids: measured.ambiguous_window_ids,
  };
}

/**
 * With K epochs, a task enters the stop rule once, as the mean of all K of its runs: a task mean that changed
 * after the rule had seen it would be a look at a moving value. Arms run epoch by epoch, so the rule starts
 * judging in the last epoch. `runs` are the priced runs; the result is task-level windows of finished tasks.
 */
export function keepFinishedTasks(runs: readonly WindowMetrics[], epochs: number): WindowMetrics[] {
  if (epochs <= 1) return reduceEpochs(runs).windows;
  const count = new Map<string, number>();
  const keyOf = (w: WindowMetrics): string => `${w.plan_id ?? ''}\u0000${w.feature_id ?? ''}\u0000${w.provider}`;
  for (const window of runs) count.set(keyOf(window), (count.get(keyOf(window)) ?? 0) + 1);
  return reduceEpochs(runs.filter((window) => (count.get(keyOf(window)) ?? 0) >= epochs)).windows;
}
