// A commander program of some of an executable's commands: the global options, the version and one help style.
import { Command } from 'commander';
import { TOOL_VERSION } from '../kernel/index.js';
import { addGlobalOptions } from './global-options.js';

/** The program `name` with `commands`, each listing the global options in its help (the full program and a single command alike). */
export function createProgram(name: string, commands: readonly Command[], description?: string): Command {
  const program = addGlobalOptions(new Command(name).version(TOOL_VERSION).showHelpAfterError(false));
  if (description !== undefined) program.description(description);
  for (const command of commands) program.addCommand(command.configureHelp({ showGlobalOptions: true }));
  return program;
}
