// One `tracker` command on its own: a long-running server or a command run after every window loads only its own modules.
import type { Command } from 'commander';
import { Command as Program } from 'commander';
import { TOOL_VERSION } from '../kernel/index.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';

/** Runs `create()`'s command as the whole program (global options and help as in the full one). */
export async function runSingleCommandProgram(create: () => Command, argv: string[] = process.argv): Promise<void> {
  const program = addGlobalOptions(new Program('tracker').version(TOOL_VERSION).showHelpAfterError(false));
  program.addCommand(create().configureHelp({ showGlobalOptions: true }));
  await runCli(program, argv);
}
