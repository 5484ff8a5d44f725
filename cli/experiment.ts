#!/usr/bin/env node
// The `experiment` executable: planning, running and reporting controlled comparisons of providers.
import { Command } from 'commander';
import { TOOL_VERSION } from '../kernel/index.js';
import { createBudgetCommand } from './commands/experiment-budget.js';
import { createCrossoverCommand } from './commands/experiment-crossover.js';
import { createPlanCommand } from './commands/experiment-plan.js';
import { createPowerCommand, createSampleSizeCommand } from './commands/experiment-power.js';
import { createReportCommand } from './commands/experiment-report.js';
import { createRunCommand } from './commands/experiment-run.js';
import { createSimulateCommand } from './commands/experiment-simulate.js';
import { createTasksCommand } from './commands/experiment-tasks.js';
import { createStatusCommand } from './commands/experiment-status.js';
import { createWorkerCommand } from './commands/experiment-worker.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';

const program = addGlobalOptions(
  new Command('experiment')
    .description('Run seeded, counter-balanced experiments that compare providers on a bank of coding tasks.')
    .version(TOOL_VERSION)
    .showHelpAfterError(false),
);
for (const command of [
  createPlanCommand(),
  createRunCommand(),
  createWorkerCommand(),
  createStatusCommand(),
  createPowerCommand(),
  createSampleSizeCommand(),
  createCrossoverCommand(),
  createSimulateCommand(),
  createReportCommand(),
  createBudgetCommand(),
  createTasksCommand(),
])
  program.addCommand(command.configureHelp({ showGlobalOptions: true }));
program.addHelpText(
  'after',
  '\nStart with `experiment run --seed 42` (simulated providers, no API key). Plan a design with `plan`, `power`, `sample-size` and `simulate`; follow a run with `status`; analyse with `report` and `crossover`; hold spending with `budget`.',
);

await runCli(program);
