// Writes a plan's analysis and arms to assignments.jsonl, once: a plan id already recorded is left as it is.
import { appendRows, LEDGER_FILES, scanLedger, stampRow, type StampContext } from '../../ledger/index.js';
import type { AnalysisSettings } from './analysis-settings.js';
import type { Plan } from './build-plan.js';

export interface RecordOutcome {
  recorded: boolean;
  rows: number;
}

/**
 * Appends the pre-registered analysis (when given) and one assignment row per arm; under the file lock, a
 * no-op when rows of this plan id exist, so an analysis can never be changed after the plan's first record.
 */
export function recordPlan(dataDir: string, plan: Plan, ctx: StampContext, analysis?: AnalysisSettings): RecordOutcome {
  let already = false;
  const written = appendRows(
    dataDir,
    LEDGER_FILES.assignments,
    () => {
      scanLedger(
        dataDir,
        LEDGER_FILES.assignments,
        (row) => {
          if ((row.kind === 'assignment' || row.kind === 'analysis-plan') && row.plan_id === plan.plan_id) already = true;
        },
        { needles: [plan.plan_id] },
      );
      if (already) return [];
      const registered = analysis
        ? [stampRow(ctx, 'analysis-plan', { plan_id: plan.plan_id, providers: plan.providers, ...analysis })]
        : [];
      return [
        ...registered,
        ...plan.arms.map((arm) =>
          stampRow(ctx, 'assignment', {
            plan_id: plan.plan_id,
            seed: plan.seed,
            providers: plan.providers,
            task_id: arm.task_id,
            sequence: arm.sequence,
            period: arm.period,
            provider: arm.provider,
            arm_index: arm.arm_index,
            // Written only for repeated plans, so a plan without epochs records the same rows as before.
            ...(plan.epochs > 1 ? { epoch: arm.epoch, epochs: plan.epochs } : {}),
          }),
        ),
      ];
    },
    ctx,
  );
  return { recorded: !already, rows: written.length };
}
