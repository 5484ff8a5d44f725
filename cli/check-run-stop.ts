// The stop rules an experiment run checks after each arm: seed 001's capture halt, then the sequential rule on paired efficiency.
import { checkSeedStopRule, checkSequentialStop } from '../reports/index.js';
import { findRunProgress } from '../runner/index.js';
import type { WindowRow } from '../ledger/index.js';

/**
 * Reads the plan's finalized windows from the ledger. A provider with more than 1 negative-delta window
 * in 3 halts the run (capture is broken: fix it first); with two providers, per-task differences in
 * efficiency (quality per 1% of the 5h window, A - B) feed the confidence-sequence rule, valid at every look.
 */
export function checkRunStop(dataDir: string, plan: { plan_id: string; providers: string[]; taskIds: string[] }): string | null {
  const windows = [...findRunProgress(dataDir, plan.plan_id).done.values()];
  for (const provider of plan.providers) {
    const own = windows.filter((window) => window.provider === provider);
    const verdict = checkSeedStopRule({ windows: own.length, negativeDeltaAnomalies: own.filter((w) => w.errors.includes('negative-delta')).length, ciFinite: true });
    if (verdict.halt) return `${provider}: ${verdict.reason}`;
  }
  if (plan.providers.length !== 2) return null;
  const [a, b] = plan.providers as [string, string];
  const diffs: number[] = [];
  for (const taskId of plan.taskIds) {
    const ea = computeEfficiency(windows, taskId, a);
    const eb = computeEfficiency(windows, taskId, b);
    if (ea !== null && eb !== null) diffs.push(ea - eb);
  }
  const verdict = checkSequentialStop(diffs, { tuningN: plan.taskIds.length });
  return verdict.decision === 'continue' ? null : `sequential rule (${verdict.decision}, A=${a}, B=${b}): ${verdict.reason}`;
}

function computeEfficiency(windows: WindowRow[], taskId: string, provider: string): number | null {
  const window = windows.find((w) => w.feature_id === taskId && w.provider === provider);
  const delta = window?.capacity?.delta;
  return window && delta !== null && delta !== undefined && delta > 0 ? window.quality_score / delta : null;
}
