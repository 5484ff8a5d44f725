// `experiment run` budgets must bind what the runner really sends: one naming a command, agent or provider no arm uses is refused.
import type { BudgetFlags, BudgetPolicy } from '../budget/index.js';
import { AppError } from '../kernel/index.js';
import { findSecondSubscription, nameWorker, type ProviderProfile } from '../runner/index.js';
import { quoteForShell } from './commands/shell-hints.js';

export interface RunBudgetScope {
  /** The run's --agent (its workers are `<agent>-<plan>-w<slot>`). */
  agentId: string;
  planId: string;
  parallel: number;
  profiles: Map<string, ProviderProfile>;
  /** Queued: each worker names its own agents, so no agent id is known here. */
  queued: boolean;
  /** The budget flags as given, to name the `experiment budget --dry-run` that checks a command budget. */
  flags: BudgetFlags;
}

/**
 * An arm's traffic carries no slash command (x-tracker-command is what an interactive session's
 * shell alias sends), is charged to worker ids, not to --agent itself, and reaches back ends named after the run's
 * providers (and their sub-agent back ends). A budget keyed on anything else would silently never bind.
 */
export function checkRunBudgets(policy: BudgetPolicy, scope: RunBudgetScope): void {
  const workers = scope.queued
    ? []
    : Array.from({ length: scope.parallel }, (_, slot) => nameWorker(scope.agentId, scope.planId, slot + 1));
  const providers = new Set<string>();
  for (const [id, profile] of scope.profiles) {
    providers.add(id);
    const second = findSecondSubscription(profile);
    if (second) providers.add(second.provider);
  }
  for (const limit of policy.limits) {
    const where = limit.source ?? `--${limit.scope}-budget`;
    if (limit.scope === 'command')
      throw new AppError(
        'BAD_USAGE',
        `expected no command budget in an experiment run, got ${limit.id}: an arm's agent sends no slash command, so it would never bind (use --overall-token-budget, --provider-budget or --window-budget); a command budget binds at tracker proxy and experiment budget run, and \`${formatBudgetCheck(scope.flags)}\` checks these budgets`,
        { where },
      );
    if (limit.scope === 'agent' && !workers.includes(limit.key ?? ''))
      throw new AppError(
        'BAD_USAGE',
        scope.queued
          ? `expected no agent budget in a queued run, got ${limit.id}: each worker charges its arms to agent ids of its own`
          : `expected an agent budget for one of the run's workers (${workers.join(', ')}), got ${limit.id}: the arms are charged to those ids, so it would never bind`,
        { where },
      );
    if (limit.scope === 'provider' && !providers.has(limit.key ?? ''))
      throw new AppError(
        'BAD_USAGE',
        `expected a provider budget for one of the run's back ends (${[...providers].join(', ')}), got ${limit.id}: it would never bind`,
        { where },
      );
  }
}

/** The budget flags a run was given (`--arm-budget` is the run's own) as the `experiment budget --dry-run` that checks them. */
function formatBudgetCheck(flags: BudgetFlags): string {
  const argv = ['npx', 'experiment', 'budget', '--dry-run'];
  for (const [field, flag] of BUDGET_CHECK_FLAGS) {
    const value = flags[field];
    for (const one of value === undefined ? [] : Array.isArray(value) ? value : [value]) argv.push(flag, one);
  }
  return argv.map(quoteForShell).join(' ');
}

const BUDGET_CHECK_FLAGS: [keyof BudgetFlags, string][] = [
  ['overallTokenBudget', '--overall-token-budget'],
  ['commandBudget', '--command-budget'],
  ['agentBudget', '--agent-budget'],
  ['providerBudget', '--provider-budget'],
  ['windowBudget', '--window-budget'],
  ['featureBudget', '--feature-budget'],
  ['budgetMetric', '--budget-metric'],
  ['budgetMode', '--budget-mode'],
  ['budgetWarnAt', '--budget-warn-at'],
  ['budgetConfig', '--budget-config'],
  ['prices', '--prices'],
];
