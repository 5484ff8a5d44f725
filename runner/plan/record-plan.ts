// Writes a plan's arms to assignments.jsonl, once: a plan id already recorded is left as it is.
import { appendRows, LEDGER_FILES, scanLedger, stampRow, type StampContext } from '../../ledger/index.js';
import type { Plan } from './build-plan.js';

export interface RecordOutcome {
  recorded: boolean;
  rows: number;
}

/** Appends one assignment row per arm; under the file lock, a no-op when rows of this plan id exist. */
export function recordPlan(dataDir: string, plan: Plan, ctx: StampContext): RecordOutcome {
  let already = false;
  const written = appendRows(dataDir, LEDGER_FILES.assignments, () => {
    scanLedger(dataDir, LEDGER_FILES.assignments, (row) => {
      if (row.kind === 'assignment' && row.plan_id === plan.plan_id) already = true;
    }, { needles: [plan.plan_id] });
    if (already) return [];
    return plan.arms.map((arm) =>
      stampRow(ctx, 'assignment', { plan_id: plan.plan_id, seed: plan.seed, providers: plan.providers, task_id: arm.task_id, sequence: arm.sequence, period: arm.period, provider: arm.provider, arm_index: arm.arm_index }),
    );
  }, ctx);
  return { recorded: !already, rows: written.length };
}
