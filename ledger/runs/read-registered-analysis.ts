// Each plan's registered analysis (its analysis-plan row in assignments.jsonl): what a resume must keep.
import { AnalysisPlanRowSchema, type AnalysisPlanRow } from '../schemas/analysis-plan.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanLedger } from '../store/scan-ledger.js';

/** The first analysis-plan row of each plan (a plan records one; recordPlan never writes a second), by plan id. */
export function readRegisteredAnalyses(dataDir: string, planId?: string): Map<string, AnalysisPlanRow> {
  const found = new Map<string, AnalysisPlanRow>();
  scanLedger(
    dataDir,
    LEDGER_FILES.assignments,
    (row) => {
      if (row.kind !== 'analysis-plan') return;
      const parsed = AnalysisPlanRowSchema.safeParse(row);
      if (!parsed.success || found.has(parsed.data.plan_id)) return;
      if (planId === undefined || parsed.data.plan_id === planId) found.set(parsed.data.plan_id, parsed.data);
    },
    planId === undefined ? {} : { needles: [planId] },
  );
  return found;
}
