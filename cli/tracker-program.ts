// The full `tracker` program: capture, undo, complete, churn, checkpoint, ingest, anomalies, preview, proxy, statusline.
import { Command } from 'commander';
import { TOOL_VERSION } from '../kernel/index.js';
import { createAnomaliesCommand } from './commands/anomalies.js';
import { createCheckpointCommand } from './commands/checkpoint.js';
import { createChurnCommand } from './commands/churn.js';
import { createCompareCostCommand } from './commands/compare-cost.js';
import { createCompleteCommand } from './commands/complete.js';
import { createIngestCommand } from './commands/ingest.js';
import { createLedgerCommand } from './commands/ledger.js';
import { createPreviewCommand } from './commands/preview.js';
import { createModelServerCommand } from './commands/model-server.js';
import { createProxyCommand } from './commands/proxy.js';
import { createQuotaCommand } from './commands/quota.js';
import { createScheduleCommand } from './commands/schedule.js';
import { createSnapshotCommand } from './commands/snapshot.js';
import { createUndoCommand } from './commands/undo.js';
import { createWatchCommand } from './commands/watch.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';
import { runStatusline, STATUSLINE_HELP } from './statusline.js';

const program = addGlobalOptions(
  new Command('tracker')
    .description('Record AI coding-agent capacity readings into an append-only ledger and preview what each provider delivers.')
    .version(TOOL_VERSION)
    .showHelpAfterError(false),
);
for (const command of [
  createSnapshotCommand(),
  createUndoCommand(),
  createCompleteCommand(),
  createChurnCommand(),
  createCheckpointCommand(),
  createIngestCommand(),
  createLedgerCommand(),
  createScheduleCommand(),
  createAnomaliesCommand(),
  createQuotaCommand(),
  createWatchCommand(),
  createPreviewCommand(),
  createCompareCostCommand(),
  createProxyCommand(),
  createModelServerCommand(),
  createStatuslineCommand(),
]) {
  program.addCommand(command.configureHelp({ showGlobalOptions: true }));
}
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

/** Listed in `tracker --help`; the bin runs it through a lighter path (see tracker.ts). */
function createStatuslineCommand(): Command {
  return new Command('statusline')
    .description('Claude Code statusLine command: record rate limits when they change, print one line, never fail')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => runStatusline(args))
    .addHelpText('after', STATUSLINE_HELP);
}

export async function runTrackerProgram(argv: string[] = process.argv): Promise<void> {
  await runCli(program, argv);
}
