// The full `experiment` program: every command, for `--help`, `--version` and a mistyped command.
import type { Command } from 'commander';
import { EXPERIMENT_COMMANDS, loadAllCommands } from './command-registry.js';
import { createProgram } from './create-program.js';
import { runCli } from './run-cli.js';

/** A new program each run: commander keeps parsed option values on its commands (the specs run it in-process). */
async function createExperimentProgram(): Promise<Command> {
  const program = createProgram(
    'experiment',
    await loadAllCommands(EXPERIMENT_COMMANDS),
    'Run seeded, counter-balanced experiments that compare providers on a bank of coding tasks.',
  );
  program.addHelpText(
    'after',
    '\nStart with `experiment run --seed 42` (simulated providers, no API key). Plan a design with `plan`, `power`, `sample-size` and `simulate`; follow a run with `status`; analyse with `report` and `crossover`; hold spending with `budget`.',
  );
  return program;
}

export async function runExperimentProgram(argv: string[] = process.argv): Promise<void> {
  await runCli(await createExperimentProgram(), argv);
}
