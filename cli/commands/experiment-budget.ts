// `experiment budget`: list budgets and what has been spent, validate them (--dry-run), or run an agent under them.
import { Command } from 'commander';
import {
  BudgetTracker,
  describePolicy,
  normalizeCommand,
  rebuildFromLedger,
  renderBudgetBars,
  type BudgetFlags,
  type BudgetPolicy,
} from '../../budget/index.js';
import { addBudgetOptions, readBudgetPolicy, readBudgetSince } from '../budget-options.js';
import { resolveContext, type CommandContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { printResult } from '../print-output.js';
import { createBudgetRunCommand } from './experiment-budget-run.js';

type ListFlags = BudgetFlags & { list?: boolean; listCommands?: boolean; dryRun?: boolean; budgetSince?: string };

export function createBudgetCommand(): Command {
  const command = new Command('budget')
    .description(
      "token budgets: --list what is set and spent (per command, as seed 000's --list-commands), --dry-run to check flags and config, `run` an agent under them",
    )
    .option('--list', 'list the budgets with their usage so far, and the commands seen with theirs')
    .option('--list-commands', "the same as --list (seed 000's name for it)")
    .option('--dry-run', 'validate the budget flags and config and print what would be enforced; runs nothing')
    .action(function (this: Command, flags: ListFlags) {
      const ctx = resolveContext(this);
      // The providers its providers.json declares price the cost metric: docs/providers.md.
      const policy = readBudgetPolicy(flags, loadProviderCatalog(ctx.dataDir));
      if (flags.dryRun || !(flags.list || flags.listCommands)) {
        printResult(
          ctx.json,
          { budgets: policy.limits, sources: policy.sources },
          () =>
            `Would enforce (at the proxy: refuse and cut streams; on agents: stop them):\n${describePolicy(policy)
              .map((line) => `  ${line}\n`)
              .join('')}`,
        );
        return;
      }
      const listing = listBudgets(ctx, policy, readBudgetSince(flags.budgetSince));
      printResult(ctx.json, listing, (shown) => renderListing(shown));
    });
  addBudgetOptions(command);
  command.addCommand(createBudgetRunCommand());
  return command;
}

interface Listing {
  budgets: { id: string; metric: string; mode: string; limit: number; used: number }[];
  commands: { command: string; requests: number; tokens: number }[];
  bars: string[];
}

function listBudgets(ctx: CommandContext, policy: BudgetPolicy, since: Date | undefined): Listing {
  const tracker = new BudgetTracker(policy);
  const { telemetry } = rebuildFromLedger(ctx.dataDir, tracker, since);
  const commands = new Map<string, { requests: number; tokens: number }>();
  for (const row of telemetry) {
    const command = normalizeCommand(row.command) ?? '(none)';
    const entry = commands.get(command) ?? { requests: 0, tokens: 0 };
    entry.requests += 1;
    entry.tokens +=
      row.total_tokens ??
      (row.prompt_tokens ?? 0) + (row.completion_tokens ?? 0) + (row.cache_read_tokens ?? 0) + (row.cache_creation_tokens ?? 0);
    commands.set(command, entry);
  }
  const usage = tracker.usage();
  return {
    budgets: usage.map(({ budget, used }) => ({ id: budget.id, metric: budget.metric, mode: budget.mode, limit: budget.limit, used })),
    commands: [...commands].map(([command, entry]) => ({ command, ...entry })).sort((a, b) => b.tokens - a.tokens),
    bars: renderBudgetBars(usage, 100),
  };
}

function renderListing(listing: Listing): string {
  const lines = ['Budgets:', ...(listing.bars.length ? listing.bars.map((line) => `  ${line}`) : ['  none set'])];
  lines.push('', 'Commands seen (proxy telemetry):');
  if (listing.commands.length === 0) lines.push('  none yet');
  for (const entry of listing.commands)
    lines.push(
      `  ${entry.command.padEnd(20)} ${String(entry.requests).padStart(6)} requests  ${entry.tokens.toLocaleString('en-US').padStart(12)} tokens`,
    );
  return `${lines.join('\n')}\n`;
}
