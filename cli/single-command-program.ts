// One command on its own: `tracker snapshot` or `experiment run` loads only its own modules, not every command's.
import { Command as Program } from 'commander';
import { TOOL_VERSION } from '../kernel/index.js';
import type { CommandLoader } from './command-registry.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';

/** Runs `load()`'s command as the whole program `name` (global options and help as in the full one). */
export async function runSingleCommandProgram(name: string, load: CommandLoader, argv: string[] = process.argv): Promise<void> {
  const program = addGlobalOptions(new Program(name).version(TOOL_VERSION).showHelpAfterError(false));
  program.addCommand((await load()).configureHelp({ showGlobalOptions: true }));
  await runCli(program, argv);
}
