// One command on its own: `tracker snapshot` or `experiment run` loads only its own modules, not every command's.
import type { CommandLoader } from './command-registry.js';
import { createProgram } from './create-program.js';
import { runCli } from './run-cli.js';

/** Runs `load()`'s command as the whole program `name` (global options and help as in the full one). */
export async function runSingleCommandProgram(name: string, load: CommandLoader, argv: string[] = process.argv): Promise<void> {
  await runCli(createProgram(name, [await load()]), argv);
}
