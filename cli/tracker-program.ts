// The full `tracker` program: capture, undo, complete, churn, checkpoint, ingest, anomalies, preview, proxy, statusline.
import { Command } from 'commander';
import { loadAllCommands, TRACKER_COMMANDS } from './command-registry.js';
import { createProgram } from './create-program.js';
import { runCli } from './run-cli.js';
import { describeStatuslineHelp, runStatusline } from './statusline.js';

/** A new program each run: commander keeps parsed option values on its commands (the specs run it in-process). */
async function createTrackerProgram(): Promise<Command> {
  const program = createProgram(
    'tracker',
    [...(await loadAllCommands(TRACKER_COMMANDS)), createStatuslineCommand()],
    'Record AI coding-agent capacity readings into an append-only ledger and preview what each provider delivers.',
  );
  program.addHelpText(
    'after',
    `
Environment: TRACKER_DATA_DIR (data directory), TRACKER_LEDGER_URL (a PostgreSQL ledger), AGENT_ID (agent id).
Example window:
  tracker snapshot before --provider codex --input before.txt
  tracker snapshot after  --provider codex --input after.txt
  tracker complete --provider codex --quality 0.9 --outcome success --feature F1
  tracker preview`,
  );
  return program;
}

/** Listed in `tracker --help`; the bin runs it through a lighter path (see tracker.ts). */
function createStatuslineCommand(): Command {
  return new Command('statusline')
    .description('Claude Code statusLine command: record rate limits when they change, print one line, never fail')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => runStatusline(args))
    .addHelpText('after', describeStatuslineHelp);
}

export async function runTrackerProgram(argv: string[] = process.argv): Promise<void> {
  await runCli(await createTrackerProgram(), argv);
}
