// Whether the proxy refused or cut any request of an arm's window for a block budget (budget_events.jsonl).
import { LEDGER_FILES, scanLedger } from '../../ledger/index.js';

export interface BudgetStop {
  event: 'refused' | 'cut';
  text: string;
}

/** The first refusal or cut the proxy recorded for the window; null when none. */
export function findBudgetStop(dataDir: string, windowId: string): BudgetStop | null {
  let found: BudgetStop | null = null;
  scanLedger(
    dataDir,
    LEDGER_FILES.budgetEvents,
    (row) => {
      if (found !== null || row.window_id !== windowId || (row.event !== 'refused' && row.event !== 'cut')) return;
      found = {
        event: row.event,
        text: `the proxy ${row.event === 'cut' ? 'cut a stream' : 'refused a request'}: budget ${String(row.budget)} (${String(row.used)} of ${String(row.limit)} ${String(row.metric)})`,
      };
    },
    { needles: [windowId] },
  );
  return found;
}
