// Whether the proxy refused or cut any request of an arm's window for a block budget (budget_events.jsonl).
import { LEDGER_FILES, scanLedger } from '../../ledger/index.js';

/** The first refusal or cut the proxy recorded for the window, as a short description; null when none. */
export function findBudgetStop(dataDir: string, windowId: string): string | null {
  let found: string | null = null;
  scanLedger(dataDir, LEDGER_FILES.budgetEvents, (row) => {
    if (found !== null || row.window_id !== windowId || (row.event !== 'refused' && row.event !== 'cut')) return;
    found = `the proxy ${row.event === 'cut' ? 'cut a stream' : 'refused a request'}: budget ${String(row.budget)} (${String(row.used)} of ${String(row.limit)} ${String(row.metric)})`;
  }, { needles: [windowId] });
  return found;
}
