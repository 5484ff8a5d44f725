// Sets up a proxy's budgets: the tracker, usage so far rebuilt from the ledger (budgets survive a restart).
import { BudgetTracker, rebuildFromLedger, type BudgetEvent, type BudgetPolicy, type RebuildSummary } from '../../budget/index.js';
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
  const { requests, events } = rebuildFromLedger(dataDir, tracker, setup.since);
  const rebuilt = { requests, events };
  return { budget: new ProxyBudget(tracker, { write, onEvent: setup.onEvent }), rebuilt };
}
