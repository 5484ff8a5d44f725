// The stop rules `experiment run` checks after each arm, on the plan's finalized windows: pure.
import type { ReportWindow } from '../../ledger/index.js';
import { checkSeedStopRule, checkSequentialStop, type SequentialRule } from '../stats/stop-rules.js';
import { computeWindowMetrics, type WindowMetrics } from './compute-window-metrics.js';
import { pairWindows } from './pair-windows.js';
import { reduceEpochs } from './reduce-epochs.js';

/**
 * Seed 001's capture halt per provider (more than 1 negative-delta window in 3: fix capture first), then,
 * with two providers, the confidence-sequence rule on the per-task efficiency differences A - B, paired as
 * the report pairs them and tuned for the plan's number of tasks. The differences have no known range, so
 * the rule bets on the symmetry sequence (exact when the providers are exchangeable within a task, checked
 * after every arm); `rule: 'normal-theory'` restores the asymptotic one. The reason to stop, or null to go on.
 */
export function checkRunStop(
  windows: readonly ReportWindow[],
  providers: readonly string[],
  options: { tuningN: number; alpha?: number; rule?: SequentialRule; epochs?: number },
): string | null {
  const metrics = computeWindowMetrics(windows, new Map()).windows;
  for (const provider of providers) {
    const own = metrics.filter((window) => window.provider === provider);
    const verdict = checkSeedStopRule({
      windows: own.length,
      negativeDeltaAnomalies: own.filter((window) => window.errors.includes('negative-delta')).length,
      ciFinite: true,
    });
    if (verdict.halt) return `${provider}: ${verdict.reason}`;
  }
  if (providers.length !== 2) return null;
  const [a, b] = providers as [string, string];
  const diffs = pairWindows(reduceEpochs(keepFinishedTasks(metrics, options.epochs ?? 1)).windows, a, b).pairs.map((pair) => pair.diff);
  const verdict = checkSequentialStop(diffs, {
    tuningN: options.tuningN,
    rule: options.rule ?? 'betting',
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
  });
  return verdict.decision === 'continue' ? null : `sequential rule (${verdict.decision}, A=${a}, B=${b}): ${verdict.reason}`;
}

/**
 * With K epochs, a task enters the sequential rule once, as the mean of all K of its runs: a task mean that
 * changed after the rule had seen it would be a look at a moving value, and an epoch is never a task of its
 * own. Arms run epoch by epoch, so the rule starts judging in the last epoch.
 */
function keepFinishedTasks(metrics: readonly WindowMetrics[], epochs: number): WindowMetrics[] {
  if (epochs <= 1) return [...metrics];
  const runs = new Map<string, number>();
  const keyOf = (w: WindowMetrics): string => `${w.plan_id ?? ''}\u0000${w.feature_id ?? ''}\u0000${w.provider}`;
  for (const window of metrics) runs.set(keyOf(window), (runs.get(keyOf(window)) ?? 0) + 1);
  return metrics.filter((window) => (runs.get(keyOf(window)) ?? 0) >= epochs);
}
