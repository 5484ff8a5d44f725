// Records a preview row the gates read: what `tracker preview --record` writes, and what `experiment run` writes after each period.
import { appendRows, LEDGER_FILES, PreviewRowSchema, scanWindowViews, stampRow, type StampContext } from '../ledger/index.js';
import { addGateFields, createPreviewBuilder } from '../reports/index.js';
import { countAnomalies } from './count-anomalies.js';

/**
 * Every window of the data dir, unfiltered (G1 reads only unfiltered previews), against the default baseline;
 * `plan` names the run and the period that just ended, so a reader can tell the run's previews from manual ones.
 */
export async function recordPlanPreview(dataDir: string, stamp: StampContext, plan: { plan_id: string; period: number }): Promise<void> {
  const builder = createPreviewBuilder({ recent: 1, filter: {} });
  // Carried on from the last period's checkpoint (ADR 0019): a run's periods add a few windows to a ledger that may be large.
  await scanWindowViews(dataDir, (view) => builder.add(view), {
    repairAs: stamp,
    fold: { name: builder.foldName, save: builder.save, restore: builder.restore },
  });
  const preview = builder.finish({ anomalies: countAnomalies(dataDir, stamp, {}), unreadableRows: 0, proxy: null });
  const gated = addGateFields(preview.providers, {});
  const row = stampRow(stamp, 'preview', {
    providers: gated.providers,
    anomalies: preview.anomalies,
    gate_basis: gated.gate_basis,
    plan_id: plan.plan_id,
    period: plan.period,
  });
  appendRows(dataDir, LEDGER_FILES.previews, [PreviewRowSchema.parse(row)], stamp);
}
