// Rebuilds a runner-side budget tracker's usage from the ledger (proxy telemetry and budget events), so limits span runs.
import { rebuildUsage, type BudgetTracker } from '../budget/index.js';
import {
  BudgetEventRowSchema,
  LEDGER_FILES,
  scanLedger,
  TelemetryRowSchema,
  type BudgetEventRow,
  type TelemetryRow,
} from '../ledger/index.js';

/** How many requests the usage was rebuilt from. */
export function rebuildFromLedger(dataDir: string, tracker: BudgetTracker, since: Date | undefined): number {
  const telemetry: TelemetryRow[] = [];
  scanLedger(dataDir, LEDGER_FILES.proxyTelemetry, (row) => {
    const parsed = TelemetryRowSchema.safeParse(row);
    if (parsed.success) telemetry.push(parsed.data);
  });
  const events: BudgetEventRow[] = [];
  scanLedger(dataDir, LEDGER_FILES.budgetEvents, (row) => {
    const parsed = BudgetEventRowSchema.safeParse(row);
    if (parsed.success) events.push(parsed.data);
  });
  return rebuildUsage(tracker, telemetry, events, since ? { since } : {}).requests;
}
