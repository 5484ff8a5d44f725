// The budget flags, the same on `tracker proxy`, `experiment run` and `experiment budget`.
import type { Command } from 'commander';
import { parseBudgetFlags, type BudgetFlags, type BudgetPolicy } from '../budget/index.js';
import { AppError } from '../kernel/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addBudgetOptions(command: Command): Command {
  return command
    .option('--overall-token-budget <n>', 'a limit on everything (USD with --budget-metric cost)')
    .option('--command-budget <cmd=n>', 'a limit per command, e.g. "/test=1000" (charged by base command); repeatable', collect)
    .option('--agent-budget <id=n>', 'a limit per agent (x-tracker-agent / AGENT_ID); repeatable', collect)
    .option('--provider-budget <name=n>', 'a limit per back end (as telemetry names it: anthropic, glm, ...); repeatable', collect)
    .option('--window-budget <id=n>', 'a limit per window; repeatable', collect)
    .option('--feature-budget <id=n>', 'a limit per feature; repeatable', collect)
    .option('--budget-metric <metric>', 'what limits count: total, input, output, input+output or cost (USD)')
    .option('--budget-mode <mode>', 'warn (record and show) or block (refuse and stop)')
    .option('--budget-warn-at <fractions>', 'soft thresholds recorded as events, e.g. 0.5,0.8 (default 0.8; none for none)')
    .option('--budget-config <file>', 'budgets from a JSON file (see docs/budgets.md); flags win over it')
    .option('--budget-since <iso>', 'count usage from this instant on (default: everything in the ledger)')
    .option('--prices <file>', 'price table override for the cost metric');
}

/** The policy the flags and config file describe; errors name the flag and the value. */
export function readBudgetPolicy(flags: BudgetFlags, catalog: ProviderCatalog): BudgetPolicy {
  return parseBudgetFlags(flags, catalog);
}

export function readBudgetSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new AppError('BAD_USAGE', `expected an ISO-8601 time, got ${JSON.stringify(value)}`, { where: '--budget-since' });
  return at;
}
