#!/usr/bin/env node
// The `experiment` executable: planning, running and reporting controlled comparisons of providers.
import { Command } from 'commander';
import { TOOL_VERSION } from '../ledger/index.js';
import { createBudgetCommand } from './commands/experiment-budget.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';

const program = addGlobalOptions(
  new Command('experiment')
    .description('Run seeded, counter-balanced experiments that compare providers on a bank of coding tasks.')
    .version(TOOL_VERSION)
    .showHelpAfterError(false),
);
program.addCommand(createBudgetCommand().configureHelp({ showGlobalOptions: true }));
program.addHelpText('after', '\nplan, run and report arrive with the runner; `budget` checks and enforces token budgets.');

await runCli(program);
