// The experiment's seat gates (seed 001's G1-G3) as `tracker plans` shows them: the evidence behind adding a seat.
import { readReportLedger } from '../ledger/index.js';
import { isAppError } from '../kernel/index.js';
import { buildReport } from '../reports/index.js';
import type { SeatEvidence } from '../reports/plans/index.js';
import { readEverydayCalibrations } from './read-everyday-calibrations.js';
import { loadPriceFile } from './load-price-file.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';

/**
 * The gates and the decision `experiment report` gives on the data dir's last plan, null where no experiment ran (no
 * window), or why they could not be had. Resampled lightly, as `experiment status --watch` does: the gates read the estimate and the previews,
 * not a publication-grade bootstrap.
 */
export function readSeatEvidence(
  dataDir: string,
  now: Date,
  pricesFile: string | undefined,
  catalog: ProviderCatalog,
): SeatEvidence | string | null {
  try {
    return buildSeatEvidence(dataDir, now, pricesFile, catalog);
  } catch (error) {
    // The advice stands without the gates: say why they are missing instead of failing the command.
    return `the experiment's seat gates could not be computed (${isAppError(error) ? error.message : (error as Error).message})`;
  }
}

function buildSeatEvidence(dataDir: string, now: Date, pricesFile: string | undefined, catalog: ProviderCatalog): SeatEvidence | null {
  const ledger = readReportLedger(dataDir);
  if (ledger.windows.length === 0) return null;
  const report = buildReport(ledger, {
    generatedAt: now.toISOString(),
    tasks: null,
    resamples: 1000,
    prices: loadPriceFile(catalog, pricesFile),
    calibrations: readEverydayCalibrations(dataDir, catalog, pricesFile, 0.95),
  });
  const { g1, g2, g3 } = report.gates;
  return {
    gates: [g1, g2, g3].map((gate) => ({ id: gate.id, status: gate.status, summary: gate.summary })),
    decision: report.decision.line,
  };
}
