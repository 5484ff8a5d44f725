#!/usr/bin/env node
// The `experiment` executable: planning, running and reporting controlled comparisons of providers. It loads only the
// command it runs (issue 31); `--help`, `--version` and a mistyped command load the full program.
import { EXPERIMENT_COMMANDS, findCommandIndex } from './command-registry.js';

const args = process.argv.slice(2);
const load = EXPERIMENT_COMMANDS.get(args[findCommandIndex(args)] ?? '');
if (load !== undefined) {
  const { runSingleCommandProgram } = await import('./single-command-program.js');
  await runSingleCommandProgram('experiment', load);
} else {
  const { runExperimentProgram } = await import('./experiment-program.js');
  await runExperimentProgram();
}
