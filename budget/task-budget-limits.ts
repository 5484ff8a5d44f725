// A plan's task budget as budget limits: one template per provider, each arm's window its own, stopping the arm when reached.
import type { TaskBudget } from '../ledger/schemas/index.js';
import type { BudgetLimit } from './budget-contract.js';

/**
 * Each provider's limit, in list-price dollars (the cost metric), for every window of its arms (`each`, `provider`):
 * reached, the runner stops the agent and the arm is a failure that cost what it used (`stopOnly`: the proxy never
 * refuses, reserves or cuts for it, so no honest request is held back by a worst case the arm may never reach).
 */
export function buildTaskBudgetLimits(budget: TaskBudget): BudgetLimit[] {
  return Object.entries(budget.limits).map(([provider, limit]) => ({
    id: `task:${provider}`,
    scope: 'window',
    key: null,
    limit,
    metric: 'cost',
    mode: 'warn',
    warnAt: [],
    source: `task budget (${budget.source})`,
    each: true,
    provider,
    stopOnly: true,
  }));
}

/** Whether a budget event's budget is a task budget's (`task:<provider>:<window>`). */
export function isTaskBudget(budget: string): boolean {
  return budget.startsWith('task:');
}
