// Counts the live anomaly rows a preview shows; apart from record-preview.ts so that `tracker preview` loads no gate code.
import { collectDeadIds, type FoldableRow, LEDGER_FILES, scanLedger, type StampContext } from '../ledger/store/index.js';

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
