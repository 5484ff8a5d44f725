// Records a preview row the gates read: what `tracker preview --record` writes, and what `experiment run` writes after each period.
// `tracker preview` loads this file only for --record; the efficiency block it records is read as the report reads the ledger.
import { PreviewRowSchema } from '../ledger/schemas/index.js';
import { appendRows, LEDGER_FILES, stampRow, type StampContext } from '../ledger/store/index.js';
import type { Preview } from '../reports/preview/index.js';
import { readPreviewEfficiency } from './commands/preview-efficiency.js';
import { countAnomalies } from './count-anomalies.js';

/** `tracker preview --record`'s filter: a preview of part of the ledger is kept, but G1 reads only unfiltered ones. */
export interface RecordFlags {
  provider?: string | undefined;
  onlyAgent?: string | undefined;
}

/** Appends the preview just shown, with its unit, plan, baseline and per provider the pair power G1 reads. */
export function recordPreview(dataDir: string, stamp: StampContext, preview: Preview, flags: RecordFlags): void {
  const filter = {
    ...(flags.provider === undefined ? {} : { provider: flags.provider }),
    ...(flags.onlyAgent === undefined ? {} : { agent_id: flags.onlyAgent }),
  };
  appendPreviewRow(dataDir, stamp, preview, Object.keys(filter).length > 0 ? { filter } : {});
}

/**
 * After a period of a plan: the plan's windows in the plan's unit, against its pre-registered reference, with
 * its alpha and k(k-1)/2 pairs: the basis G1 compares and the report's Power section uses for the same data.
 * `upToPeriod`: a preview recorded late (a resume) sees the plan's windows up to that period only.
 */
export async function recordPlanPreview(
  dataDir: string,
  stamp: StampContext,
  plan: { plan_id: string; period: number; upToPeriod?: number | undefined },
): Promise<void> {
  const { providers, ...efficiency } = readPreviewEfficiency(dataDir, { plan: plan.plan_id, upToPeriod: plan.upToPeriod });
  const preview: Preview = {
    providers,
    efficiency,
    windows: [],
    windows_total: 0,
    anomalies: countAnomalies(dataDir, stamp, {}),
    unreadable_rows: 0,
    proxy: null,
  };
  appendPreviewRow(dataDir, stamp, preview, { period: plan.period });
}

function appendPreviewRow(
  dataDir: string,
  stamp: StampContext,
  preview: Preview,
  extra: { filter?: Record<string, string>; period?: number },
): void {
  const basis = preview.efficiency;
  const row = stampRow(stamp, 'preview', {
    providers: preview.providers,
    anomalies: preview.anomalies,
    ...extra,
    ...(basis
      ? {
          ...(basis.plan_id === null ? {} : { plan_id: basis.plan_id }),
          unit: basis.unit,
          unit_reason: basis.unit_reason,
          ...(basis.baseline === null ? {} : { baseline: basis.baseline, baseline_source: basis.baseline_source ?? undefined }),
          gate_basis: { baseline: basis.baseline, min_effect: basis.min_effect, alpha: basis.alpha, pairs: basis.pairs },
        }
      : {}),
  });
  appendRows(dataDir, LEDGER_FILES.previews, [PreviewRowSchema.parse(row)], stamp);
}
