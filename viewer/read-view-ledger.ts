// One reading of the windows and proxy rows for the Arms, Usage and Limit changes pages, the proxy rows added up as read.
import { type ReportLedger, readReportLedger } from '../ledger/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import { createDayKeyer, createProxyUseFold, createWindowUsageFold, type FoldedTelemetry } from '../reports/index.js';
import { keepArmClauses } from './arm-rows.js';

/** The report ledger without its proxy rows (`telemetry` is empty) and those rows folded per window and per day. */
export interface ViewLedger {
  ledger: ReportLedger;
  folded: FoldedTelemetry;
}

/**
 * Windows keep only the isolation clause and simulated mark of their methodology (all the viewer reads of it). Held whole, the
 * windows and proxy rows of 100,000 windows were 235 MB of the reader's heap (bench: viewer, ADR 0028).
 */
export function readViewLedger(dataDir: string, timeZone: string): ViewLedger {
  const prices = createPriceTable();
  const perWindow = createWindowUsageFold(prices);
  const perDay = createProxyUseFold(prices, createDayKeyer(timeZone));
  const ledger = readReportLedger(dataDir, {
    methodology: keepArmClauses,
    // Counted with the window, from its own row: a second pass over windows.jsonl held 17 MB more at the peak.
    tests: true,
    telemetryFold: {
      add: (row) => {
        perWindow.add(row);
        perDay.add(row);
      },
      restart: () => {
        perWindow.restart();
        perDay.restart();
      },
    },
  });
  return { ledger, folded: { timeZone, proxyUses: perDay.finish(), windowUsage: perWindow.finish() } };
}
