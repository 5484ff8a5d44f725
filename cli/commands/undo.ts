// `tracker undo`: retracts the latest capture of an open window with a retraction row.
import { Command } from 'commander';
import { ProviderIdSchema, undoCapture, WindowIdSchema } from '../../ledger/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { noteSkippedRow, printResult, updateAgentState } from '../print-output.js';

export function createUndoCommand(): Command {
  return new Command('undo')
    .description('retract the latest capture (after, else before) of an open window; the row stays in the file')
    .requiredOption('--provider <id>', 'provider of the window')
    .option('--window <id>', 'window id (default: the open one)')
    .option('--reason <text>', 'why it is retracted', 'undo')
    .action(function (this: Command, flags: { provider: string; window?: string; reason: string }) {
      const ctx = resolveContext(this);
      const provider = parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      const windowId = flags.window === undefined ? undefined : parseWithSchema(WindowIdSchema, flags.window, '--window');
      const outcome = undoCapture(ctx.dataDir, ctx.stamp, { provider, windowId, reason: flags.reason, onSkippedRow: noteSkippedRow });
      updateAgentState(ctx.dataDir, ctx.agentId, provider, { window_id: outcome.retracted.window_id, last_phase: 'undo', at: outcome.retraction.ts });
      printResult(ctx.json, outcome, () =>
        `Retracted the ${outcome.retracted.phase} of ${provider} in window ${outcome.retracted.window_id} (row ${outcome.retracted.id}, agent ${ctx.agentId})\n`,
      );
    });
}
