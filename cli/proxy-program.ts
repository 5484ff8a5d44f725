// `tracker proxy` on its own: a long-running server loads only its own modules (a smaller heap, fewer full GCs).
import { Command } from 'commander';
import { TOOL_VERSION } from '../kernel/index.js';
import { createProxyCommand } from './commands/proxy.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';

export async function runProxyProgram(argv: string[] = process.argv): Promise<void> {
  const program = addGlobalOptions(new Command('tracker').version(TOOL_VERSION).showHelpAfterError(false));
  program.addCommand(createProxyCommand().configureHelp({ showGlobalOptions: true }));
  await runCli(program, argv);
}
