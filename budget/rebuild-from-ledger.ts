// Rebuilds a budget tracker's usage from the ledger (proxy telemetry and budget events): the one home for the proxy,
// `experiment run`, `experiment budget` and `experiment budget run` (once three copies, one with the pre-filter).
import {
  type BudgetEventRow,
  BudgetEventRowSchema,
  LEDGER_FILES,
  scanLedger,
  type TelemetryRow,
  TelemetryRowSchema,
} from '../ledger/index.js';
import type { BudgetTracker } from './budget-tracker.js';
import { type RebuildSummary, rebuildUsage } from './rebuild-usage.js';

export interface LedgerRebuild extends RebuildSummary {
  /** The proxy-request rows replayed (since `since`, when given), for listings by command. */
  telemetry: TelemetryRow[];
}

/**
 * Replays the ledger into `tracker`. Only proxy-request rows are parsed (a byte pre-filter skips the rate-limit rows
 * that share proxy_telemetry.jsonl); rows and events before `since` are left out.
 */
export function rebuildFromLedger(dataDir: string, tracker: BudgetTracker, since?: Date): LedgerRebuild {
  const telemetry: TelemetryRow[] = [];
  scanLedger(
    dataDir,
    LEDGER_FILES.proxyTelemetry,
    (row) => {
      const parsed = TelemetryRowSchema.safeParse(row);
      if (parsed.success) telemetry.push(parsed.data);
    },
    { needles: ['"kind":"proxy-request"'] },
  );
  const events: BudgetEventRow[] = [];
  scanLedger(dataDir, LEDGER_FILES.budgetEvents, (row) => {
    const parsed = BudgetEventRowSchema.safeParse(row);
    if (parsed.success) events.push(parsed.data);
  });
  const summary = rebuildUsage(tracker, telemetry, events, since ? { since } : {});
  const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
  return { ...summary, telemetry: telemetry.filter((row) => Date.parse(row.timestamp) >= from) };
}
