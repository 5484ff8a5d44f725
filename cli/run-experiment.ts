// `experiment ARGS` as a function: the bin calls it with its argv, and the specs call it in-process.
import { EXPERIMENT_COMMANDS, findCommandIndex } from './command-registry.js';

/** Runs `experiment` with `args` (argv without node and the script), loading only the command it names. */
export async function runExperiment(args: readonly string[]): Promise<void> {
  const argv = [process.execPath, 'experiment', ...args];
  const load = EXPERIMENT_COMMANDS.get(args[findCommandIndex(args)] ?? '');
  if (load !== undefined) {
    const { runSingleCommandProgram } = await import('./single-command-program.js');
    await runSingleCommandProgram('experiment', load, argv);
  } else {
    const { runExperimentProgram } = await import('./experiment-program.js');
    await runExperimentProgram(argv);
  }
}
