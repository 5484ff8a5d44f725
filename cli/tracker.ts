#!/usr/bin/env node
// The `tracker` executable: capture, undo, complete, anomalies and preview over the capacity ledger.
import { Command } from 'commander';
import { TOOL_VERSION } from '../ledger/index.js';
import { createAnomaliesCommand } from './commands/anomalies.js';
import { createCheckpointCommand } from './commands/checkpoint.js';
import { createChurnCommand } from './commands/churn.js';
import { createCompleteCommand } from './commands/complete.js';
import { createPreviewCommand } from './commands/preview.js';
import { createSnapshotCommand } from './commands/snapshot.js';
import { createUndoCommand } from './commands/undo.js';
import { addGlobalOptions } from './global-options.js';
import { runCli } from './run-cli.js';

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
  createAnomaliesCommand(),
  createPreviewCommand(),
]) {
  program.addCommand(command.configureHelp({ showGlobalOptions: true }));
}
program.addHelpText(
  'after',
  `
Environment: TRACKER_DATA_DIR (data directory), AGENT_ID (agent id).
Example window:
  tracker snapshot before --provider codex --input before.txt
  tracker snapshot after  --provider codex --input after.txt
  tracker complete --provider codex --quality 0.9 --outcome success --feature F1
  tracker preview`,
);

await runCli(program);
