// Reads what the preview's efficiency block needs (completed windows, plans, proxy tokens) and builds it as the report prices it.
import { createPriceTable } from '../../budget/prices/index.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { AppError } from '../../kernel/index.js';
import { readReportLedger } from '../../ledger/index.js';
import { buildPreviewEfficiency, type PreviewEfficiency } from '../../reports/gates/index.js';
import type { PreviewUnit } from '../../reports/preview/index.js';
import { checkProviderHasWindows } from '../check-provider-has-windows.js';

export const PREVIEW_UNITS: readonly PreviewUnit[] = ['usd', 'bars', 'tokens'];

export interface EfficiencyRequest {
  unit?: string | undefined;
  baseline?: string | undefined;
  plan?: string | undefined;
  onlyAgent?: string | undefined;
  /** Leave out the plan's windows of later periods: a preview as it was due at the end of this one. */
  upToPeriod?: number | undefined;
}

/**
 * The whole ledger's completed windows, as `experiment report` reads them: pricing calibrates coarse bars on all
 * of a provider's windows, so a narrower read would price differently from the report, and the capture times
 * (the windows' start) decide which ran first on a task when its windows have no period. Not carried on from a
 * checkpoint: on 100,000 windows this read costs about 2 CPU-s, against 0.2 s for the rest of a checkpointed preview.
 */
export function readPreviewEfficiency(dataDir: string, request: EfficiencyRequest): PreviewEfficiency {
  const unit = parsePreviewUnit(request.unit);
  const ledger = readReportLedger(dataDir);
  const providers = ledger.windows.map((window) => window.provider);
  checkProviderHasWindows(request.baseline, providers, '--baseline');
  if (request.plan !== undefined && !ledger.windows.some((window) => window.plan_id === request.plan)) {
    const plans = [...new Set(ledger.windows.flatMap((window) => (window.plan_id ? [window.plan_id] : [])))].sort();
    throw new AppError(
      'BAD_USAGE',
      `no window of plan ${JSON.stringify(request.plan)} in the data (it has ${plans.join(', ') || 'none'})`,
      {
        where: '--plan',
      },
    );
  }
  const upTo = request.upToPeriod;
  const windows =
    upTo === undefined
      ? ledger.windows
      : ledger.windows.filter((window) => window.plan_id !== request.plan || window.period === undefined || window.period <= upTo);
  return buildPreviewEfficiency({
    windows,
    telemetry: ledger.telemetry,
    plans: ledger.analysisPlans,
    // The providers its providers.json declares (their prices): docs/providers.md.
    prices: createPriceTable(loadProviderCatalog(dataDir)),
    unit,
    baseline: request.baseline,
    planId: request.plan,
    agentId: request.onlyAgent,
  });
}

function parsePreviewUnit(value: string | undefined): PreviewUnit | undefined {
  if (value === undefined) return undefined;
  if ((PREVIEW_UNITS as readonly string[]).includes(value)) return value as PreviewUnit;
  throw new AppError('BAD_USAGE', `expected one of ${PREVIEW_UNITS.join(', ')}, got ${JSON.stringify(value)}`, { where: '--unit' });
}
