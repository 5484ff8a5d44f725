// Writes a plan's analysis and arms to assignments.jsonl, once: a plan id already recorded is left as it is.
import {
  appendRows,
  LEDGER_FILES,
  type QualityMeasure,
  scanLedger,
  stampRow,
  type StampContext,
  type TaskBudget,
  TaskBudgetSchema,
} from '../../ledger/index.js';
import type { AnalysisSettings } from './analysis-settings.js';
import type { Plan } from './build-plan.js';

export interface RecordOutcome {
  recorded: boolean;
  rows: number;
  /**
   * What the plan's arms are scored by: the quality its analysis registered when first recorded (a resume never
   * changes it; a plan registered before the measure existed scored the share of fail_to_pass), or this analysis's.
   */
  quality: QualityMeasure;
  /** The task budget the runner enforces: the one registered first (a resume never changes it), or this analysis's; null: none. */
  taskBudget: TaskBudget | null;
}

/**
 * Appends the pre-registered analysis (when given) and one assignment row per arm; under the file lock, a
 * no-op when rows of this plan id exist, so an analysis can never be changed after the plan's first record.
 */
export function recordPlan(dataDir: string, plan: Plan, ctx: StampContext, analysis?: AnalysisSettings): RecordOutcome {
  let already = false;
  let registered: QualityMeasure | undefined;
  let budget: TaskBudget | null = null;
  const written = appendRows(
    dataDir,
    LEDGER_FILES.assignments,
    () => {
      scanLedger(
        dataDir,
        LEDGER_FILES.assignments,
        (row) => {
          if ((row.kind === 'assignment' || row.kind === 'analysis-plan') && row.plan_id === plan.plan_id) already = true;
          if (row.kind === 'analysis-plan' && row.plan_id === plan.plan_id) {
            registered = row.quality === 'resolved' ? 'resolved' : 'fail-to-pass-share';
            const parsed = TaskBudgetSchema.safeParse(row.task_budget);
            budget = parsed.success ? parsed.data : null;
          }
        },
        { needles: [plan.plan_id] },
      );
      if (already) return [];
      const analysisRow = analysis
        ? [stampRow(ctx, 'analysis-plan', { plan_id: plan.plan_id, providers: plan.providers, ...analysis })]
        : [];
      return [
        ...analysisRow,
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
  const fresh = analysis?.quality ?? 'resolved';
  return {
    recorded: !already,
    rows: written.length,
    quality: already ? (registered ?? 'fail-to-pass-share') : fresh,
    taskBudget: already ? budget : (analysis?.task_budget ?? null),
  };
}
