// Sets up a proxy's budgets: the tracker, usage so far rebuilt from the ledger (budgets survive a restart).
import { BudgetTracker, rebuildUsage, type BudgetEvent, type BudgetPolicy, type RebuildSummary } from '../../budget/index.js';
import {
  BudgetEventRowSchema,
  LEDGER_FILES,
  scanLedger,
  TelemetryRowSchema,
  type BudgetEventRow,
  type TelemetryRow,
} from '../../ledger/index.js';
import { ProxyBudget } from './proxy-budget.js';

export interface BudgetSetup {
  policy: BudgetPolicy;
  /** Only usage from this instant on counts (the budget period's start); all of the ledger when absent. */
  since?: Date;
  onEvent?: (event: BudgetEvent) => void;
}

export function startBudget(
  dataDir: string,
  setup: BudgetSetup,
  write: (row: object) => void,
): { budget: ProxyBudget; rebuilt: RebuildSummary } {
  const tracker = new BudgetTracker(setup.policy);
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
  const rebuilt = rebuildUsage(tracker, telemetry, events, setup.since ? { since: setup.since } : {});
  return { budget: new ProxyBudget(tracker, { write, onEvent: setup.onEvent }), rebuilt };
}
