// Records a preview row the gates read: what `tracker preview --record` writes, and what `experiment run` writes after each period.
import {
  appendRows,
  collectDeadIds,
  LEDGER_FILES,
  PreviewRowSchema,
  scanLedger,
  scanWindowViews,
  stampRow,
  type FoldableRow,
  type StampContext,
} from '../ledger/index.js';
import { addGateFields, createPreviewBuilder } from '../reports/index.js';

/**
 * Every window of the data dir, unfiltered (G1 reads only unfiltered previews), against the default baseline;
 * `plan` names the run and the period that just ended, so a reader can tell the run's previews from manual ones.
 */
export async function recordPlanPreview(dataDir: string, stamp: StampContext, plan: { plan_id: string; period: number }): Promise<void> {
  const builder = createPreviewBuilder({ recent: 1, filter: {} });
  await scanWindowViews(dataDir, (view) => builder.add(view), { repairAs: stamp });
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

/** Live anomaly rows; with a filter, those of the provider or agent (anomalies about a whole file always count). */
export function countAnomalies(
  dataDir: string,
  repairAs: StampContext,
  filter: { provider?: string | undefined; agentId?: string | undefined },
): number {
  const rows: (FoldableRow & { provider?: unknown; agent_id?: unknown })[] = [];
  scanLedger(dataDir, LEDGER_FILES.anomalies, (row) => rows.push(row as unknown as FoldableRow), { repairAs });
  const dead = collectDeadIds(rows);
  return rows.filter(
    (row) =>
      row.kind === 'anomaly' &&
      !dead.has(row.id) &&
      (filter.provider === undefined || row.provider === undefined || row.provider === filter.provider) &&
      (filter.agentId === undefined || row.provider === undefined || row.agent_id === filter.agentId),
  ).length;
}
