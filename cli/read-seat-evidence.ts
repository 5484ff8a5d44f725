// The experiment's seat gates (seed 001's G1-G3) as `tracker plans` shows them: the evidence behind adding a seat.
import { readReportLedger } from '../ledger/index.js';
import { isAppError } from '../kernel/index.js';
import { evaluateSeatGates, GATES_SCOPE_NOTE } from '../reports/index.js';
import type { SeatEvidence } from '../reports/plans/index.js';
import { readEverydayCalibrations } from './read-everyday-calibrations.js';
import { loadPriceFile } from './load-price-file.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';

/**
 * The gates and the decision `experiment report` gives on the data dir's last plan, null where no experiment ran (no
 * window), or why they could not be had. Computed on their own (evaluateSeatGates): the gates read the plan's priced
 * windows, its previews and its routed requests, not the report's analyses, bootstrap or power search.
 */
export function readSeatEvidence(dataDir: string, pricesFile: string | undefined, catalog: ProviderCatalog): SeatEvidence | string | null {
  try {
    return buildSeatEvidence(dataDir, pricesFile, catalog);
  } catch (error) {
    // The advice stands without the gates: say why they are missing instead of failing the command.
    return `the experiment's seat gates could not be computed (${isAppError(error) ? error.message : (error as Error).message})`;
  }
}

function buildSeatEvidence(dataDir: string, pricesFile: string | undefined, catalog: ProviderCatalog): SeatEvidence | null {
  const ledger = readReportLedger(dataDir);
  if (ledger.windows.length === 0) return null;
  const { gates, decision } = evaluateSeatGates(ledger, {
    prices: loadPriceFile(catalog, pricesFile),
    calibrations: readEverydayCalibrations(dataDir, catalog, pricesFile, 0.95),
    tasks: null,
  });
  const { g1, g2, g3 } = gates;
  return {
    gates: [g1, g2, g3].map((gate) => ({ id: gate.id, status: gate.status, summary: gate.summary })),
    decision: decision.line,
    note: GATES_SCOPE_NOTE,
  };
}
