// Records a preview row the gates read: what `tracker preview --record` writes, and what `experiment run` writes after each period.
// Faces, not the ledger's index: `tracker preview` loads this file only for --record.
import { PreviewRowSchema, ProviderIdSchema } from '../ledger/schemas/index.js';
import { scanWindowViews } from '../ledger/scanners/index.js';
import { appendRows, LEDGER_FILES, stampRow, type StampContext } from '../ledger/store/index.js';
import { addGateFields } from '../reports/gates/index.js';
import { createPreviewBuilder, type Preview } from '../reports/preview/index.js';
import { countAnomalies } from './count-anomalies.js';
import { parseWithSchema } from './parse-flags.js';

/** `tracker preview --record`'s flags: the filter the preview was made with, and the gate fields' baseline. */
export interface RecordFlags {
  provider?: string | undefined;
  onlyAgent?: string | undefined;
  baseline?: string | undefined;
}

/** Appends the preview just shown, with its gate fields; G1 reads n, ci_width, power and quality_ratio from it. */
export function recordPreview(dataDir: string, stamp: StampContext, preview: Preview, flags: RecordFlags): void {
  const filter = {
    ...(flags.provider === undefined ? {} : { provider: flags.provider }),
    ...(flags.onlyAgent === undefined ? {} : { agent_id: flags.onlyAgent }),
  };
  const baseline = flags.baseline === undefined ? {} : { baseline: parseWithSchema(ProviderIdSchema, flags.baseline, '--baseline') };
  appendPreviewRow(dataDir, stamp, preview, baseline, Object.keys(filter).length > 0 ? { filter } : {});
}

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
  appendPreviewRow(dataDir, stamp, preview, {}, { plan_id: plan.plan_id, period: plan.period });
}

function appendPreviewRow(
  dataDir: string,
  stamp: StampContext,
  preview: Preview,
  options: { baseline?: string },
  extra: { filter?: Record<string, string> } | { plan_id: string; period: number },
): void {
  const gated = addGateFields(preview.providers, options);
  const row = stampRow(stamp, 'preview', {
    providers: gated.providers,
    anomalies: preview.anomalies,
    ...extra,
    gate_basis: gated.gate_basis,
  });
  appendRows(dataDir, LEDGER_FILES.previews, [PreviewRowSchema.parse(row)], stamp);
}
